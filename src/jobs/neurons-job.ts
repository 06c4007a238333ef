import { column } from "../core/matrix.js";
import { minMaxDecimateGaps } from "../core/decimate.js";
import { autoBins, histogram } from "../core/histogram.js";
import { boxStats, finiteQuantiles } from "../core/quantiles.js";
import type { PercentileBands } from "../render/charts/percentile-bands-chart.js";
import { Y_HEADROOM } from "../render/charts/curve-chart.js";
import { readTensorAsync } from "../io/read-tensor.js";
import type { NeuronsOptions } from "../options/neurons.js";
import { neuronWords } from "../text/labels.js";
import type { NeuronData } from "./neurons-data.js";
import type { ColumnStats } from "../core/stats.js";
import { prepareNeurons } from "./neurons-data.js";
import type { LabelSet } from "./neurons-classes.js";
import type { OutputFile } from "./output-file.js";
import type { ChartSpec, RenderJob } from "../render/engine/chart-spec.js";
import type { Renderer } from "../render/engine/render-queue.js";
import { drawableRange, finiteExtent, widened } from "../render/charts/axis-range.js";
import { checkDrawableRanges } from "./neurons-ranges.js";
import { REPORT_QUANTILES } from "./neurons-report.js";
import { classBarsSpec, classHeatmapSpec, heatmapSpec } from "./neurons-class-charts.js";
import { gridStem, itemStem, plotPrefix } from "./neurons-names.js";

/**
 * The most points a line chart draws: two per device pixel column of the chart (min and max of
 * each bucket, so every peak survives and the drawn envelope is the same), at least 1000.
 */
export function linePoints(width: number, scale: number): number {
  return Math.max(1000, 2 * Math.round(width * scale));
}

/**
 * The most points each line chart of a run draws: linePoints of the chart's width, or in a
 * --grid of a panel's (known before anything is drawn, e.g. to decimate a stream).
 */
export async function lineChartPoints(o: NeuronsOptions): Promise<number> {
  if (!o.grid) return linePoints(o.width, o.scale);
  const { gridPanelSize } = await import("../render/engine/grid-render.js");
  // a panel's size depends on whether the grid has a title and axis titles, not on their words
  // (chartTasks's frame: --title, else a computed one; --x-label / --y-label, else the words)
  const frame = { title: o.title ?? "title", xLabel: o.xLabel ?? "x", yLabel: o.yLabel ?? "y", theme: o.theme, fontFamily: "" };
  return linePoints(gridPanelSize(o.grid, { width: o.width, height: o.height }, frame).width, o.scale);
}

/** One image to render: its file stem, and its render job without the target, built on demand. */
export interface ChartTask {
  name: string;
  build: () => DistributiveOmit<RenderJob, "target">;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface ChartHooks {
  /** Called after each file with the count done and the total. */
  onProgress?: NeuronsProgress;
  /**
   * Receives each file as soon as it is rendered; the files are then not kept, so memory
   * stays flat however many charts there are. Without it, all files are returned.
   */
  emit?: (file: OutputFile) => Promise<void>;
  /** A renderer shared across jobs (one for a whole manifest); the caller closes it. */
  renderer?: Renderer;
}

export interface NeuronsProgress {
  (done: number, total: number): void;
}

/** Reads the input bytes into prepared neuron data (no chart code loaded). */
export async function loadNeurons(bytes: Uint8Array, o: NeuronsOptions, labels?: LabelSet): Promise<NeuronData> {
  const tensor = await readTensorAsync(bytes, { source: o.input, ...(o.inputFormat ? { format: o.inputFormat } : {}), ...(o.key ? { key: o.key } : {}) });
  return prepareNeurons(tensor, o, o.input === "-" ? "<stdin>" : o.input, undefined, labels);
}

/** How many chart files the plots will make, known before any rendering (the task list, one file per format). */
export async function chartCount(d: NeuronData, o: NeuronsOptions): Promise<number> {
  return (await chartTasks(d, o)).length * o.format.length;
}

/** The names of the chart files, in order, known before any rendering. */
export async function chartFileNames(d: NeuronData, o: NeuronsOptions): Promise<string[]> {
  return (await chartTasks(d, o)).flatMap((t) => o.format.map((format) => `${t.name}.${format}`));
}

/**
 * Renders every chart of `actviz neurons` in memory: one file per neuron (`neuron-007.png`,
 * `hist-007.png`), or grids of small multiples (`neurons-grid-1.png`), a heatmap and a summary.
 */
export async function neuronChartFiles(d: NeuronData, o: NeuronsOptions, hooks: ChartHooks = {}): Promise<OutputFile[]> {
  if (o.plot.length === 0) return [];
  const tasks = await chartTasks(d, o);
  const target = (format: "png" | "svg" | "pdf") => ({ format, width: o.width, height: o.height, scale: o.scale });
  // A few charts in flight (one drawing while others' PNGs encode), each chart's data built just
  // before it is drawn and its bytes handed on (or kept) in order right after: a run of
  // thousands of charts holds a handful in memory.
  const { createRenderer, IN_FLIGHT } = await import("../render/engine/render-queue.js");
  const renderer = hooks.renderer ?? (await createRenderer());
  const total = tasks.length * o.format.length;
  const files: OutputFile[] = [];
  const pending: Promise<OutputFile>[] = [];
  let done = 0;
  const next = async () => {
    const file = await pending.shift()!;
    if (hooks.emit) await hooks.emit(file);
    else files.push(file);
    hooks.onProgress?.(++done, total);
  };
  try {
    for (const task of tasks) {
      const job = task.build();
      for (const format of o.format) {
        const file = renderer.render({ ...job, target: target(format) } as RenderJob).then((data): OutputFile => ({ name: `${task.name}.${format}`, data, binary: format !== "svg" }));
        file.catch(() => undefined); // awaited in order below; never an unhandled rejection
        pending.push(file);
        if (pending.length > IN_FLIGHT) await next();
      }
    }
    while (pending.length > 0) await next();
  } finally {
    if (!hooks.renderer) await renderer.close();
  }
  return files;
}

/** The images of the plots, in order: each a file stem and a job built only when it is drawn (exported for tests). */
export async function chartTasks(d: NeuronData, o: NeuronsOptions): Promise<ChartTask[]> {
  // the font family is resolved where the chart is drawn (the bundled font, or --font)
  checkDrawableRanges(d, o);
  const style = { theme: o.theme, fontFamily: "", width: o.width, height: o.height };
  const font = o.font ? { font: o.font } : {};
  // the columns are classes for a softmax output, channels for reduced feature maps, else neurons
  const w = neuronWords(o.lang, d.layer?.activation === "softmax" ? "class" : (d.unit ?? "neuron"));
  const label = (i: number) => w.neuron(i, d.names[i] ?? null);
  // --title leads every title (and replaces a whole-layer chart's); else a computed layer's name does
  const lead = o.title ?? (!d.layer ? undefined : d.layer.op !== undefined && d.layer.number === 0 ? `${d.layer.name} (${d.layer.op})` : w.layerTitle(d.layer.name, d.layer.number, d.layer.layers));
  const titled = (t: string) => (lead ? `${lead}: ${t}` : t);
  const frameTitle = (t: string) => o.title ?? titled(t);
  const xShared = o.grid ? dataRange(d, d.selected) : undefined;
  const tasks: ChartTask[] = [];
  const words = { w, style, titled, frameTitle, label, aggregate: o.aggregate };

  for (const kind of o.plot) {
    if (kind === "line" || kind === "hist") {
      const panel = kind === "line" ? linePanel : histPanel;
      const prefix = plotPrefix(kind);
      if (o.grid) {
        const { gridPanelSize } = await import("../render/engine/grid-render.js");
        const shape = o.grid;
        const size = shape.rows * shape.cols;
        // the panels share their ranges (y for lines, counts for histograms; x is shared by both) and
        // their axis titles, drawn once for the grid
        const yRange = kind === "line" ? sharedRange(d, d.selected) : sharedCounts(d.selected);
        const axes = kind === "line" ? { xLabel: o.xLabel ?? w.sample, yLabel: o.yLabel ?? w.activation } : { xLabel: o.xLabel ?? w.activation, yLabel: o.yLabel ?? w.count };
        const frame = { title: frameTitle(kind === "line" ? w.lineGridTitle : w.histGridTitle), ...axes, theme: o.theme, fontFamily: "" };
        const cell = { ...style, ...gridPanelSize(shape, { width: o.width, height: o.height }, frame) };
        const pages = Math.ceil(d.selected.length / size);
        for (let start = 0, page = 1; start < d.selected.length; start += size, page++) {
          const chunk = d.selected.slice(start, start + size);
          tasks.push({ name: gridStem(prefix, page, pages), build: () => ({ grid: chunk.map((i) => panel(i, cell, yRange, true)), shape, frame, ...font }) });
        }
      } else {
        for (const i of d.selected) tasks.push({ name: itemStem(prefix, i, d.matrix.cols), build: () => ({ chart: panel(i, style), ...font }) });
      }
    } else if (kind === "maps") {
      const { mapsTasks } = await import("./neurons-maps.js");
      for (const t of await mapsTasks(d, o, style, o.title ?? (d.layer ? w.layerTitle(d.layer.name, d.layer.number, d.layer.layers) : undefined))) {
        tasks.push({ name: t.name, build: () => ({ chart: t.build(), ...font }) });
      }
    } else if (kind === "heatmap") {
      tasks.push({ name: "heatmap", build: () => ({ chart: heatmapSpec(d, words), ...font }) });
    } else if (kind === "class-heatmap") {
      tasks.push({ name: "class-heatmap", build: () => ({ chart: classHeatmapSpec(d, words), ...font }) });
    } else if (kind === "classes") {
      for (const i of d.selected) tasks.push({ name: itemStem("classes", i, d.matrix.cols), build: () => ({ chart: classBarsSpec(d, i, words), ...font }) });
    } else {
      const b = d.baseline;
      // with a baseline: paired boxes, the baseline's beside each neuron's
      const items = () =>
        d.selected.map((i) => ({
          label: String(i),
          box: d.streamed?.boxes?.get(i) ?? boxStats(column(d.matrix, i)),
          dead: d.stats[i]!.dead,
          ...(b ? { baseline: { box: b.streamed?.boxes?.get(i) ?? boxStats(column(b.matrix, i)), dead: b.stats[i]!.dead } } : {}),
        }));
      const text = { title: frameTitle(w.summaryTitle), xLabel: w.neuronAxis, yLabel: w.activation };
      // hundreds of boxes are a solid mass: above BOXES_MAX neurons, percentile bands (no baseline pairs)
      const chart = (): ChartSpec =>
        d.selected.length > BOXES_MAX && !b
          ? { kind: "bands", bands: percentileBands(d), words: w.bands, text, style }
          : { kind: "summary", items: items(), text, style, options: b ? { names: b.names } : {} };
      tasks.push({ name: "summary", build: () => ({ chart: chart(), ...font }) });
    }
  }

  // --x-label / --y-label: every chart's axis titles (grid panels have none of their own to replace)
  if (o.xLabel === undefined && o.yLabel === undefined) return tasks;
  return tasks.map((t) => ({ ...t, build: () => withAxisTitles(t.build(), o.xLabel, o.yLabel) }));

  function linePanel(i: number, s: typeof style, yRange?: { min: number; max: number }, small = false): ChartSpec {
    const { x, y } = lineSeries(d, i, linePoints(s.width, o.scale));
    const text = small ? { title: label(i), xLabel: "", yLabel: "" } : { title: titled(label(i)), xLabel: w.sample, yLabel: w.activation };
    // with labels: each point coloured by its sample's class
    const c = d.classes;
    const classes = c ? { classes: { names: c.names.map(w.classLegend), of: Int32Array.from(x, (v) => c.of[v - d.firstSample]!), legend: !small } } : {};
    // with a baseline: its series too, decimated alike
    const b = d.baseline;
    // (streamed: decimated as the baseline file was read)
    const baseline = b ? { baseline: { ...(b.streamed?.lines?.get(i) ?? lineSeries({ ...d, matrix: b.matrix }, i, linePoints(s.width, o.scale))), names: b.names, legend: !small } } : {};
    return { kind: "line", y, x, text, style: s, options: { ...(yRange ? { yRange } : {}), ...classes, ...baseline } };
  }

  /** The count range every histogram panel of a grid shows: 0 to the largest bin of them all, with headroom. */
  function sharedCounts(neurons: readonly number[]): { min: number; max: number } {
    let top = 0;
    for (const i of neurons) {
      // streamed: counted over the shared range as the file was read
      const streamed = d.streamed?.histograms?.get(i);
      const values = streamed ? undefined : column(d.matrix, i);
      for (const c of streamed ? streamed.counts : safeHistogram(values!, o.bins === "auto" ? autoBins(values!) : o.bins, xShared).counts) if (c > top) top = c;
    }
    return { min: 0, max: top > 0 ? top * (1 + Y_HEADROOM) : 1 };
  }

  function histPanel(i: number, s: typeof style, yRange?: { min: number; max: number }, small = false): ChartSpec {
    const text = small ? { title: label(i), xLabel: "", yLabel: "" } : { title: titled(w.histTitle(label(i))), xLabel: w.activation, yLabel: w.count };
    const options = { ...(o.yScale === "log" ? { yScale: "log" as const } : {}), ...(small && yRange ? { yRange } : {}) };
    // streamed: counted as the file was read, with the edges this would bin with
    const streamed = d.streamed?.histograms?.get(i);
    const b = d.baseline;
    // with a streamed baseline: its counts on these edges (over the joint range)
    const streamedOverlay = b?.streamed?.histograms?.get(i);
    if (streamed) return { kind: "hist", histogram: streamed, text, style: s, options, ...(streamedOverlay ? { overlay: { histogram: streamedOverlay, names: b!.names } } : {}) };
    const values = column(d.matrix, i);
    const before = b ? column(b.matrix, i) : undefined;
    // in a grid every panel bins the same x range, so the panels share their x axis; with a
    // baseline, both are binned over their joint range (the same bins)
    const joint = before ? finiteExtent([values, before]) : undefined;
    const bins = o.bins === "auto" ? autoBins(values) : o.bins;
    const h = safeHistogram(values, bins, small ? xShared : joint ? [joint.min, joint.max] : undefined);
    const edges = h.edges;
    const overlay = before ? { overlay: { histogram: histogram(before, edges.length - 1, [edges[0]!, edges[edges.length - 1]!]), names: b!.names } } : {};
    return { kind: "hist", histogram: h, text, style: s, options, ...overlay };
  }
}

/**
 * Activation against sample index, decimated (min-max per bucket) beyond maxPoints samples;
 * the first and last samples are always kept, so the x axis spans every sample, and
 * non-finite values stay gaps in the line, as in a short series.
 */
function lineSeries(d: NeuronData, i: number, maxPoints: number) {
  // streamed: decimated as the file was read, the same points
  const streamed = d.streamed?.lines?.get(i);
  if (streamed) return streamed;
  const y = column(d.matrix, i);
  const x = new Float64Array(y.length);
  for (let k = 0; k < x.length; k++) x[k] = d.firstSample + k;
  return y.length > maxPoints ? minMaxDecimateGaps(x, y, maxPoints / 2) : { x, y };
}

/** One y range for every panel of a grid, so panels share their axes. */
function sharedRange(d: NeuronData, neurons: readonly number[]) {
  const range = dataRange(d, neurons);
  if (!range) return undefined;
  const [min, max] = range;
  const pad = (max - min || Math.abs(max) || 1) * 0.08;
  return widened({ min, max }, pad, pad);
}

/** The finite [min, max] over some neurons (and their baseline), or undefined when they have no finite value. */
function dataRange(d: NeuronData, neurons: readonly number[]): [number, number] | undefined {
  return statsRange(d.baseline ? [d.stats, d.baseline.stats] : [d.stats], neurons);
}

/** The finite [min, max] of some neurons over their statistics (the current ones, and a baseline's), or undefined when they have no finite value. */
export function statsRange(lists: readonly (readonly ColumnStats[])[], neurons: readonly number[]): [number, number] | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (const stats of lists) {
    for (const i of neurons) {
      const s = stats[i]!;
      if (s.count > 0) {
        min = Math.min(min, s.min);
        max = Math.max(max, s.max);
      }
    }
  }
  return min <= max ? [min, max] : undefined;
}

/**
 * A histogram that falls back to fewer bins when the spread is too narrow for the bins asked.
 * A spread narrower than any axis can show (a few subnormals) is binned over the narrowest
 * drawable range around it (drawableRange), like a constant: one bar at its value.
 */
function safeHistogram(values: Float64Array, bins: number, range?: [number, number]) {
  const extent = finiteExtent([values]);
  const [lo, hi] = range ?? (extent ? [extent.min, extent.max] : [1, 0]);
  if (lo < hi) {
    const r = drawableRange({ min: lo, max: hi });
    if (r.min !== lo || r.max !== hi) range = [r.min, r.max];
  }
  for (let b = bins, tries = 0; tries < 64; b = Math.max(1, Math.floor(b / 2)), tries++) {
    try {
      return histogram(values, b, range);
    } catch (err) {
      if (b === 1) throw err;
    }
  }
  throw new RangeError(`no histogram of ${bins} or fewer bins fits the data`);
}

/** A single chart's axis titles replaced by the user's (a title left "" stays: a panel without axis titles). */
function withAxisTitles(job: ReturnType<ChartTask["build"]>, xLabel: string | undefined, yLabel: string | undefined): ReturnType<ChartTask["build"]> {
  if (!("chart" in job)) return job;
  const text = job.chart.text as { xLabel?: string; yLabel?: string };
  if (text.xLabel === undefined && text.yLabel === undefined) return job;
  const replaced = {
    ...text,
    ...(xLabel !== undefined && text.xLabel !== undefined ? { xLabel } : {}),
    ...(yLabel !== undefined && text.yLabel !== undefined ? { yLabel } : {}),
  };
  return { ...job, chart: { ...job.chart, text: replaced } as typeof job.chart };
}

/** Neurons above which `--plot summary` draws percentile bands instead of one box each. */
export const BOXES_MAX = 300;

/** Each chosen neuron's 5th, 25th, 50th, 75th and 95th percentiles (np.quantile, by selection) and whether it is dead. */
function percentileBands(d: NeuronData): PercentileBands {
  const n = d.selected.length;
  const bands = { neurons: [...d.selected], p05: new Float64Array(n), p25: new Float64Array(n), p50: new Float64Array(n), p75: new Float64Array(n), p95: new Float64Array(n), dead: d.selected.map((i) => d.stats[i]!.dead) };
  // streamed: the report's quantiles (0.05 ... 0.95 are among them), found as the file was read
  const q = d.streamed?.quantiles;
  const k = REPORT_QUANTILES.length;
  const at = ["0.05", "0.25", "0.5", "0.75", "0.95"].map((key) => REPORT_QUANTILES.indexOf(key as (typeof REPORT_QUANTILES)[number]));
  d.selected.forEach((i, p) => {
    const [q05, q25, q50, q75, q95] = (q ? at.map((a) => q[i * k + a]!) : finiteQuantiles(column(d.matrix, i), [0.05, 0.25, 0.5, 0.75, 0.95])) as [number, number, number, number, number];
    bands.p05[p] = q05;
    bands.p25[p] = q25;
    bands.p50[p] = q50;
    bands.p75[p] = q75;
    bands.p95[p] = q95;
  });
  return bands;
}

