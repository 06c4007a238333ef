import { join } from "node:path";
import type { NeuronsOptions } from "../options/neurons.js";
import type { Renderer } from "../render/engine/render-queue.js";
import type { NeuronData } from "./neurons-data.js";
import { exportFormatOf, exportMatrix } from "./neurons-export.js";
import { neuronChartFiles } from "./neurons-job.js";
import type { NeuronsProgress } from "./neurons-job.js";
import { statsReport } from "./neurons-report.js";
import type { StatsReport } from "./neurons-report.js";

export interface NeuronsOutputHooks {
  /** Receives each output as soon as it is ready: `path` is a file path, or "-" for stdout. */
  emit: (path: string, data: Uint8Array | string) => Promise<void>;
  onProgress?: NeuronsProgress;
  /** A renderer shared across jobs (one for a whole manifest); the caller closes it. */
  renderer?: Renderer;
  /**
   * Receives an output made in pieces (a streamed run's --export, as big as the input): the
   * pieces to write in order as they come. Without it, they are joined and given to `emit`.
   */
  emitChunks?: (path: string, chunks: AsyncIterable<Uint8Array | string>) => Promise<void>;
}

/**
 * Everything one `actviz neurons` run produces, in order: the charts (under `out`), then the
 * `--stats` report, then the `--export` matrix, then the `--partial` part. Nothing is written here: the command streams the
 * outputs into an atomic file set, `actviz render` keeps them to write or compare.
 */
export async function neuronsOutputs(d: NeuronData, o: NeuronsOptions, hooks: NeuronsOutputHooks): Promise<StatsReport> {
  await neuronChartFiles(d, o, {
    ...(hooks.onProgress ? { onProgress: hooks.onProgress } : {}),
    ...(hooks.renderer ? { renderer: hooks.renderer } : {}),
    emit: (file) => hooks.emit(o.out === "-" ? "-" : join(o.out, file.name), file.data),
  });
  // from weights, the layer's own function (none and softmax have no saturation bounds to report)
  const activation = d.layer ? (["none", "softmax"].includes(d.layer.activation) ? undefined : d.layer.activation) : o.activation;
  const stats = statsReport(d, activation);
  if (o.stats !== undefined) await hooks.emit(o.stats, JSON.stringify(stats, null, 2) + "\n");
  if (o.export !== undefined) {
    const format = exportFormatOf(o.export, o.exportFormat);
    // streamed: written block by block as the rows are read again
    const rows = d.streamed?.rows;
    if (rows) {
      const { exportChunks, joinChunks } = await import("./stream/neurons-export-stream.js");
      const chunks = exportChunks(d, format, rows());
      await (hooks.emitChunks ? hooks.emitChunks(o.export, chunks) : hooks.emit(o.export, await joinChunks(chunks)));
    } else await hooks.emit(o.export, exportMatrix(d, format));
  }
  if (o.partial !== undefined) {
    const { partFile } = await import("./partial/part-file.js");
    await hooks.emit(o.partial, JSON.stringify(partFile(d, o, activation)) + "\n");
  }
  return stats;
}
