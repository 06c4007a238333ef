import type { RenderJob } from "./chart-spec.js";

/** Renders jobs in order; each `render` resolves with the image's bytes. */
export interface Renderer {
  render(job: RenderJob): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** Renders in flight at once: one drawing while the others' PNGs are encoded on the thread pool. */
export const IN_FLIGHT = 3;

/**
 * A renderer for this thread. Jobs start in submission order, at most IN_FLIGHT at a time, so
 * callers may submit every job at once without holding many charts in memory; drawing is on
 * this thread, PNG encoding overlaps it on libuv's pool (see renderChart).
 *
 * Not a worker-thread pool: node-canvas crashes the process (SIGSEGV) when a worker thread that has
 * drawn text exits, on canvas 3.2.3 here. A process pool was built and measured slower on 2 cores
 * (bench/results/speedups.md): this process already keeps both busy. Jobs are plain data
 * (RenderJob), so a pool can take them later without changing callers.
 */
export async function createRenderer(): Promise<Renderer> {
  const { renderJob } = await import("./chart-spec.js");
  let running = 0;
  const waiting: (() => void)[] = [];
  const all = new Set<Promise<unknown>>();
  // a semaphore: a finished job hands its slot straight to the next one waiting
  const acquire = (): Promise<void> => {
    if (running < IN_FLIGHT) {
      running++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => waiting.push(resolve));
  };
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
  return {
    render(job) {
      const done = acquire().then(() => renderJob(job).finally(release));
      const settled = done.catch(() => undefined);
      all.add(settled);
      void settled.then(() => all.delete(settled));
      return done;
    },
    close: async () => {
      await Promise.all(all);
    },
  };
}
