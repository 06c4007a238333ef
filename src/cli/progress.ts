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
