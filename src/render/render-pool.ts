import type { RenderJob } from "./chart-spec.js";

/** Renders jobs in order; each `render` resolves with the image's bytes. */
export interface Renderer {
  render(job: RenderJob): Promise<Uint8Array>;
  close(): Promise<void>;
}

/**
 * A renderer that draws one job at a time in this thread, in the order they are submitted, so
 * callers may submit every job at once without holding many charts in memory.
 *
 * Not a worker pool: node-canvas crashes the process (SIGSEGV) when a worker thread that has
 * drawn text exits, on canvas 3.2.3 here, so rendering stays on the main thread. Jobs are plain
 * data (RenderJob), so a process pool can take them later without changing callers.
 */
export async function createRenderer(): Promise<Renderer> {
  const { renderJob } = await import("./chart-spec.js");
  let queue: Promise<unknown> = Promise.resolve();
  return {
    render(job) {
      const next = queue.then(() => renderJob(job));
      queue = next.catch(() => undefined);
      return next;
    },
    close: async () => {
      await queue;
    },
  };
}
