import { histogramCount, type Histogram } from "../../core/histogram.js";
import type { Matrix } from "../../core/matrix.js";
import { boxScan, type BoxStats } from "../../core/quantiles.js";
import type { Series } from "../../core/decimate.js";
import type { TensorSource } from "../../io/tensor-source.js";
import type { NeuronsOptions } from "../../options/neurons.js";
import { finiteExtent } from "../../render/charts/axis-range.js";
import { defaultHeatmapBudget } from "../../render/charts/heatmap-chart.js";
import { heatmapAccumulator } from "../../render/images/heatmap-downsample.js";
import { compareBaseline, type NeuronBaseline } from "../neurons-baseline.js";
import { sampleRange, type NeuronData } from "../neurons-data.js";
import { BOXES_MAX, statsRange } from "../neurons-job.js";
import { REPORT_QUANTILES } from "../neurons-report.js";
import { streamedHistograms } from "./neurons-stream-hist.js";
import { classRowOrder } from "./neurons-stream-classes.js";
import type { StreamHooks } from "./neurons-stream.js";

/** What a streamed baseline computes in place of its matrix (NeuronBaseline.streamed). */
export interface StreamedBaseline {
  /** The box of each selected neuron, beside the current one's in the summary. */
  boxes?: Map<number, BoxStats>;
  /** Each selected neuron's line series, decimated as lineSeries would (x: the current samples' indices). */
  lines?: Map<number, Series>;
  /** Each selected neuron's histogram over the current one's edges (the overlay). */
  histograms?: Map<number, Histogram>;
}

/** streamNeurons, as the streamed run calls it (taken as an argument: no import cycle). */
type Stream = (t: TensorSource, o: NeuronsOptions, source: string, hooks: StreamHooks) => Promise<NeuronData>;

/**
 * The current data `d` (streamed from `current`) compared with `--baseline`, itself streamed from
 * `base` (the same --key, --channel-axis, --reduce and --samples), as compareBaseline compares the
 * matrices: its statistics (and, for the charts drawn, its line series and quantiles) in its own
 * streamNeurons run over the current run's neurons, then one pass over both files side by side
 * for what needs the two: the histograms over their joint range (the current ones counted again
 * over it, the baseline's overlay on the same edges), the heatmap of current − baseline, and the
 * boxes past BOXES_MAX neurons (a baseline summary draws boxes, never bands). The same report
 * and chart bytes as the whole-file path.
 */
export async function streamBaseline(d: NeuronData, current: TensorSource, base: TensorSource, o: NeuronsOptions, stream: Stream, hooks: StreamHooks = {}): Promise<NeuronData> {
  const source = o.baseline!;
  const currentFile = o.weights ?? o.input;
  const { rows, cols } = d.matrix;
  // the shapes, compared before any pass (compareBaseline's message); the statistics come next
  const baseRows = base.shape.length === 0 ? 0 : sampleRangeOrEmpty(o.samples, base.shape[0]!);
  const baseCols = base.shape.length < 2 ? 1 : base.shape[1]!;
  if (base.shape.length > 0 && baseRows * baseCols > 0 && (baseRows !== rows || baseCols !== cols)) {
    compareBaseline(d, { ...d, source, matrix: { rows: baseRows, cols: baseCols, data: d.matrix.data } }, source, currentFile, o.names);
  }
  const plot = o.plot.filter((k) => k === "summary" || k === "line");
  const { neurons: _n, top: _t, labels: _l, stats: _s, partial: _p, ...rest } = o;
  const bo: NeuronsOptions = { ...rest, plot, neurons: d.selected.join(","), input: source };
  const other = await stream(base, bo, source, hooks);
  const baseline = compareBaseline(d, other, source, currentFile, o.names);
  const streamed: StreamedBaseline = {};
  // the same x as the current series (lineSeries of the baseline matrix numbers its rows from the current first sample)
  const lines = other.streamed?.lines;
  if (lines) {
    const shift = d.firstSample - other.firstSample;
    streamed.lines = new Map([...lines].map(([j, s]) => [j, shift === 0 ? s : { x: s.x.map((x) => x + shift), y: s.y }]));
  }

  // the pass over both files: what the charts need of the two together
  const selected = d.selected;
  const summary = o.plot.includes("summary");
  const qs = REPORT_QUANTILES.map(Number);
  const quartiles = (q: Float64Array, j: number) => [0.25, 0.5, 0.75].map((p) => q[j * qs.length + qs.indexOf(p)]!) as [number, number, number];
  const scans = (data: NeuronData) => new Map(selected.map((j) => [j, boxScan(...quartiles(data.streamed!.quantiles, j))]));
  const baseBoxes = summary ? (other.streamed?.boxes && selected.every((j) => other.streamed!.boxes!.has(j)) ? undefined : scans(other)) : undefined;
  const currentBoxes = summary && selected.length > BOXES_MAX ? scans(d) : undefined;
  // finiteExtent of both columns, from their least and greatest values (NaN for none: skipped), in the same order
  const joint = (j: number): [number, number] | undefined => {
    const [a, b] = [d.stats[j]!, other.stats[j]!];
    const e = finiteExtent([[a.min, a.max], [b.min, b.max]]);
    return e ? [e.min, e.max] : undefined;
  };
  const q = d.streamed!.quantiles;
  const hist = o.plot.includes("hist") ? streamedHistograms(selected, d.stats, o.bins, (j) => [quartiles(q, j)[0], quartiles(q, j)[2]], o.grid ? () => statsRange([d.stats, other.stats], selected) : joint) : undefined;
  const overlay = hist ? new Map([...hist.result()].map(([j, h]) => [j, { edges: h.edges, counts: new Float64Array(h.counts.length) }])) : undefined;
  const budget = defaultHeatmapBudget({ theme: o.theme, fontFamily: "", width: o.width, height: o.height });
  const heat = o.plot.includes("heatmap") ? heatmapAccumulator(rows, selected.length, budget.rows, budget.cols, o.aggregate, d.classes && classRowOrder(d.classes)) : undefined;
  if (baseBoxes || currentBoxes || hist || heat) {
    const diff = heat ? new Float64Array(0) : undefined;
    let buffer = diff;
    await pairedPass([current, base], [d.firstSample, other.firstSample], rows, cols, hooks.blockBytes, (now, then) => {
      if (currentBoxes) for (const [j, s] of currentBoxes) s.add(now.data, j, cols, now.rows);
      if (baseBoxes) for (const [j, s] of baseBoxes) s.add(then.data, j, cols, then.rows);
      if (hist) hist.add(now);
      if (overlay) for (const [j, h] of overlay) histogramCount(then.data, j, cols, then.rows, h.edges, h.counts);
      if (heat) {
        // current − baseline of the chosen neurons, in float64 (as downsampleMatrix subtracts)
        const n = selected.length;
        if (buffer!.length !== now.rows * n) buffer = new Float64Array(now.rows * n);
        for (let r = 0; r < now.rows; r++) selected.forEach((j, p) => (buffer![r * n + p] = now.data[r * cols + j]! - then.data[r * cols + j]!));
        heat.add({ rows: now.rows, cols: n, data: buffer! });
      }
    });
  }
  if (baseBoxes) streamed.boxes = new Map([...baseBoxes].map(([j, s]) => [j, s.box()]));
  else if (other.streamed?.boxes) streamed.boxes = other.streamed.boxes;
  if (overlay) streamed.histograms = overlay;
  const summaries = {
    ...d.streamed!,
    ...(currentBoxes ? { boxes: new Map([...currentBoxes].map(([j, s]) => [j, s.box()])) } : {}),
    ...(hist ? { histograms: hist.result() } : {}),
    ...(heat ? { heatmap: heat.result() } : {}),
  };
  const withStreamed: NeuronBaseline = { ...baseline, streamed };
  return { ...d, streamed: summaries, baseline: withStreamed };
}

/** The rows --samples picks of `total`, or 0 where sampleRange refuses (the baseline's own run then says why). */
function sampleRangeOrEmpty(samples: string | undefined, total: number): number {
  try {
    const [a, b] = sampleRange(samples, total);
    return b - a;
  } catch {
    return 0;
  }
}

/** One pass over two sources' rows side by side (each from its own first row), in blocks of about `blockBytes` of the first. */
async function pairedPass(sources: [TensorSource, TensorSource], starts: [number, number], rows: number, cols: number, blockBytes: number | undefined, use: (a: Matrix, b: Matrix) => void): Promise<void> {
  const perBlock = Math.max(1, Math.floor((blockBytes ?? 1 << 20) / Math.max(...sources.map((s) => s.rowBytes))));
  const read = (k: number) => (k < rows ? Promise.all(sources.map((s, i) => s.readRows(starts[i]! + k, starts[i]! + Math.min(rows, k + perBlock)))) : undefined);
  let pending = read(0);
  for (let k = 0; k < rows; k += perBlock) {
    const n = Math.min(rows, k + perBlock) - k;
    const [a, b] = (await pending)!;
    pending = read(k + perBlock);
    pending?.catch(() => undefined); // awaited next time round; never an unhandled rejection
    use({ rows: n, cols, data: a! }, { rows: n, cols, data: b! });
  }
}
