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
  if (o.export !== undefined) await hooks.emit(o.export, exportMatrix(d, exportFormatOf(o.export, o.exportFormat)));
  if (o.partial !== undefined) {
    const { partFile } = await import("./partial/part-file.js");
    await hooks.emit(o.partial, JSON.stringify(partFile(d, o, activation)) + "\n");
  }
  return stats;
}
