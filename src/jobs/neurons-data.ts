import { findActivation, resolveParams, type Params } from "../core/activations/index.js";
import type { Matrix } from "../core/matrix.js";
import { toSamplesByChannels } from "../core/reduce-axes.js";
import { parseIndexList, parseSampleRange, topK, topKOf } from "../core/selection.js";
import { columnStats } from "../core/stats.js";
import type { ColumnStats } from "../core/stats.js";
import type { Series } from "../core/decimate.js";
import type { SketchBins } from "../core/partial/quantile-sketch.js";
import type { BoxStats } from "../core/quantiles.js";
import type { Histogram } from "../core/histogram.js";
import type { CellGrid } from "../render/images/heatmap-downsample.js";
import { InputError, UsageError } from "../errors.js";
import type { Tensor } from "../io/tensor.js";
import type { NeuronsOptions } from "../options/neurons.js";
import type { NeuronBaseline } from "./neurons-baseline.js";
import { neuronClasses, rowClasses, type LabelSet, type NeuronClasses } from "./neurons-classes.js";

/** An activation matrix ready to plot: the samples asked for, every neuron, and their statistics. */
export interface NeuronData {
  source: string;
  /** [samples, neurons], after channel reduction and `--samples`. */
  matrix: Matrix;
  /** Index of the first row in the input (for `--samples A:B`). */
  firstSample: number;
  /** Neuron names from a CSV/TSV header, else null. */
  names: (string | null)[];
  /** Statistics of every neuron over the chosen samples. */
  stats: ColumnStats[];
  /** The neurons to plot and export (`--neurons`, `--top`, or all), ascending or by rank. */
  selected: number[];
  /** The activation's output range used for saturation, or null. */
  bounds: { min: number; max: number } | null;
  /**
   * The tensor as read, before channel reduction, kept (not copied) for `--plot maps` only. From
   * weights it holds the chosen samples only, row 0 being sample `firstSample`.
   */
  tensor?: Tensor;
  /**
   * Streamed: `tensor` holds only the samples --plot maps draws, samples `first` on of the
   * file's `total` (row 0 being sample `first`).
   */
  tensorRows?: { first: number; total: number };
  /** "channel" when a channel axis of a rank >= 3 tensor made the columns (conv feature maps); else neurons. */
  unit?: "channel";
  /** With `--labels`: each sample's class, the per-class statistics, each neuron's preferred class and selectivity. */
  classes?: NeuronClasses;
  /** With `--baseline` or `--baseline-weights`: the other checkpoint's matrix and statistics, and what changed. */
  baseline?: NeuronBaseline;
  /**
   * From weights: which layer's output this is (1-based), and how it was computed. From an ONNX
   * graph: `name` is the tensor, `op` its op type, `number` its `--layer N` (0: no activation
   * output) of `layers` activation outputs.
   */
  layer?: { number: number; name: string; layers: number; activation: string; weights: string; dtype: "f64" | "f32"; op?: string };
  /**
   * Computed as the file was read in blocks (neurons-stream.ts): `matrix` then has its shape but
   * no data, and these stand for what the report and the charts would compute from it.
   */
  streamed?: StreamedSummaries;
}

/** What a streamed run computes in place of the matrix. */
export interface StreamedSummaries {
  /** Neuron j's REPORT_QUANTILES at [j * REPORT_QUANTILES.length + k] (NaN: no finite value). */
  quantiles: Float64Array;
  /** The box of each selected neuron, for a summary of boxes. */
  boxes?: Map<number, BoxStats>;
  /** The heatmap's cells (the selected neurons, in order), aggregated as the rows went by. */
  heatmap?: CellGrid;
  /** Each selected neuron's histogram, for --plot hist. */
  histograms?: Map<number, Histogram>;
  /** Each selected neuron's line series (x, y), decimated as lineSeries would, for --plot line. */
  lines?: Map<number, Series>;
  /** With --partial: every neuron's DDSketch bins, as sketchValues of its column would give them. */
  sketches?: SketchBins[];
  /** With --labels and --plot classes: each selected neuron's standard deviation per class (classStd of its column). */
  classStds?: Map<number, Float64Array>;
  /** With --export: the chosen rows read again, in blocks, in order (the export is written as they come). */
  rows?: () => AsyncIterable<Matrix>;
}

/** Tensor -> [samples, neurons] matrix -> chosen samples -> statistics -> chosen neurons. */
export function prepareNeurons(tensor: Tensor, o: NeuronsOptions, source: string, activation?: { name: string; params: Params }, labels?: LabelSet): NeuronData {
  if (tensor.shape.length === 0) {
    throw new InputError(`${source}: the array is 0-d (a single number) (expected [samples, neurons] or [samples])`, "E_SHAPE");
  }
  let full: Matrix;
  try {
    full = toSamplesByChannels(tensor.shape, tensor.data, o.channelAxis, o.reduce);
  } catch (err) {
    throw new UsageError(`--channel-axis: ${(err as Error).message}`, "E_AXIS", { cause: err });
  }
  if (full.rows === 0 || full.cols === 0) {
    throw new InputError(`${source}: the matrix is empty, shape [${tensor.shape.join(", ")}] (expected at least one sample and one neuron)`, "E_EMPTY");
  }
  const [a, b] = sampleRange(o.samples, full.rows);
  const matrix: Matrix = { rows: b - a, cols: full.cols, data: full.data.subarray(a * full.cols, b * full.cols) };
  const bounds = saturationBounds(activation?.name ?? o.activation, activation?.params ?? {});
  const stats = columnStats(matrix, {
    inactiveThreshold: o.inactiveThreshold,
    ...(bounds ? { saturation: { ...bounds, eps: o.saturationEps } } : {}),
  });
  // labels follow --samples: the same rows are kept
  // --reduce flatten: every position of an input sample is a row, each with its sample's label
  const classes = labels ? neuronClasses(matrix, rowClasses(labels, tensor.shape[0]!, full.rows, a, b, source)) : undefined;
  const selected = chooseNeurons(o, stats, classes?.selectivity);
  const header = tensor.columnNames;
  const names = stats.map((_, i) => (header && full.cols === header.length ? header[i]! : null));
  return { source, matrix, firstSample: a, names, stats, selected, bounds, ...(o.plot.includes("maps") ? { tensor } : {}), ...(tensor.shape.length >= 3 ? { unit: "channel" as const } : {}), ...(classes ? { classes } : {}) };
}

/** The neurons to plot and export: `--neurons`, `--top` by `--by`, or all, from the statistics (and selectivity with labels). */
export function chooseNeurons(o: NeuronsOptions, stats: ColumnStats[], selectivity?: Float64Array): number[] {
  return o.neurons !== undefined
    ? guard("--neurons", () => parseIndexList(o.neurons!, stats.length))
    : o.top !== undefined
      ? o.by === "selectivity"
        ? topKOf(selectivity ?? noLabels(), o.top)
        : topK(stats, o.top, o.by)
      : stats.map((_, i) => i);
}

function noLabels(): never {
  throw new UsageError("--by selectivity needs labels (expected --labels FILE with it)", "E_USAGE");
}

/** A bounded activation's range (sigmoid: [0, 1]); null for none or for one unbounded on both sides. */
export function saturationBounds(name: string | undefined, params: Params): { min: number; max: number } | null {
  if (name === undefined) return null;
  const act = findActivation(name)!;
  const { range } = act.bind(resolveParams(act, params));
  return Number.isFinite(range.min) || Number.isFinite(range.max) ? { min: range.min, max: range.max } : null;
}

/** The samples [a, b) that --samples (a Python slice, or all when undefined) picks of `rows`. UsageError when it is malformed. */
export function sampleRange(samples: string | undefined, rows: number): [number, number] {
  return samples === undefined ? [0, rows] : guard("--samples", () => parseSampleRange(samples, rows));
}

/** Core's RangeError/TypeError ("neuron 130 is out of range (valid: 0-127)") as a usage error of a flag. */
function guard<T>(flag: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof RangeError || err instanceof TypeError) throw new UsageError(`${flag}: ${err.message}`, "E_SELECT", { cause: err });
    throw err;
  }
}
