import type { CliIO } from "./cli-io.js";

/**
 * A progress bar on stderr for long runs, only when stderr is a terminal and not in CI; a
 * no-op otherwise, so logs and pipes stay clean. cli-progress draws and throttles the bar; it
 * is loaded only when a bar is shown (its ~20 modules cost start-up time otherwise).
 */
export async function progressBar(io: CliIO, total: number, label: string): Promise<{ update(done: number): void; stop(): void }> {
  const enabled = io.stderr.isTTY === true && !process.env.CI && total >= 20;
  if (!enabled) return { update() {}, stop() {} };
  const { default: cliProgress } = await import("cli-progress");
  const bar = new cliProgress.SingleBar(
    { stream: io.stderr as NodeJS.WriteStream, format: `${label} [{bar}] {value}/{total} {eta_formatted}`, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { update: (done) => bar.update(done), stop: () => bar.stop() };
}

/**
 * A progress bar that appears only once the work has taken `afterMs` (most forward passes end
 * sooner and show none); `update(done, total)` as the work goes, `stop()` at its end, whether
 * the bar appeared or not.
 */
export function progressAfter(io: CliIO, afterMs: number, label: string): { update(done: number, total: number): void; stop(): void } {
  const start = performance.now();
  let bar: { update(done: number): void; stop(): void } | undefined;
  let asked = false;
  let stopped = false;
  let last = 0;
  return {
    update(done, total) {
      last = done;
      if (bar) bar.update(done);
      else if (!asked && performance.now() - start >= afterMs) {
        asked = true;
        void progressBar(io, total, label).then((b) => {
          if (stopped) b.stop();
          else {
            bar = b;
            b.update(last);
          }
        });
      }
    },
    stop() {
      stopped = true;
      bar?.stop();
    },
  };
}
