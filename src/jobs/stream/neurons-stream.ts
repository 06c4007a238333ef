import type { Matrix } from "../../core/matrix.js";
import { selectColumns } from "../../core/matrix.js";
import { boxScan, type BoxStats } from "../../core/quantiles.js";
import { columnStats, statsAccumulator } from "../../core/stats.js";
import { guessedQuantileSearch, type QuantileSearch, type QuantileSearchOptions } from "../../core/stream-quantiles.js";
import { InputError } from "../../errors.js";
import type { TensorSource } from "../../io/tensor-source.js";
import type { NeuronsOptions } from "../../options/neurons.js";
import { defaultHeatmapBudget } from "../../render/charts/heatmap-chart.js";
import { heatmapAccumulator } from "../../render/images/heatmap-downsample.js";
import { chooseNeurons, sampleRange, saturationBounds, type NeuronData, type StreamedSummaries } from "../neurons-data.js";
import { BOXES_MAX } from "../neurons-job.js";
import { REPORT_QUANTILES } from "../neurons-report.js";
import { streamedHistograms } from "./neurons-stream-hist.js";
import { lineSeriesStream } from "./neurons-stream-lines.js";
import { sketchAccumulator } from "../../core/partial/quantile-sketch.js";
import { SKETCH_ACCURACY } from "../partial/part-file.js";
import { lineChartPoints, statsRange } from "../neurons-job.js";
import type { SampleClasses } from "../neurons-classes.js";
import { classRowOrder, streamClassStds, streamClasses } from "./neurons-stream-classes.js";

/**
 * Bytes per block: small enough that a block just read is still in the CPU's cache when it is
 * used (400 MB, 100,000 x 1024 float32, --plot summary --stats in one run: 64 MiB blocks 12.0-13.3 s,
 * 4 MiB 7.0-7.3 s, 1 MiB 6.2-6.4 s, at load 3.3-3.9 on 2 cores).
 */
const BLOCK_BYTES = 1 << 20;

/**
 * Bytes of the first rows whose least and greatest values are the quantile search's guessed
 * ranges (16 MiB: 4,096 rows of 1,024 float32; a 0.99 quantile past the greatest of 4,096 values
 * has odds of 0.99^4096, 1e-18), so that its first histogram is made alongside the statistics.
 */
const GUESS_BYTES = 16 << 20;

/**
 * The most bytes of values the quantile search collects at once (256 MiB: 64 Mi float32 values);
 * more are narrowed by one more histogram pass first.
 */
const COLLECT_BYTES = 256 << 20;

/**
 * Bins of each column's first histogram: 256 up to 1,048,576 rows, twice as many each time the
 * rows double, up to 1,024, so that the values in the bins holding a column's 7 report quantiles
 * stay well within COLLECT_BYTES (bench/make_big_dump.py's 1,600,000 x 1,024 float32 with 512
 * bins: 18.4 M values, 74 MB; 800,000 rows with 512 bins: 9.2 M) and typical data takes two
 * passes at any length up to ~8x that (passes past the budget cost more than bins do: 256 bins
 * 6.5 ns a value in the first pass, 512 bins 7.5, 1,024 bins 11).
 */
function searchBins(rows: number): number {
  return Math.min(1024, Math.max(256, 2 ** Math.ceil(Math.log2(rows / 4096))));
}

/** The plots a streamed run draws. */
const STREAMED_PLOTS = ["line", "summary", "heatmap", "hist", "classes", "class-heatmap", "maps"];

export interface StreamHooks {
  /** Bytes per block read (default BLOCK_BYTES, 1 MiB); tests make it tiny to exercise the block logic. */
  blockBytes?: number;
  /** The quantile search's bins and budgets (tests make them tiny). */
  quantiles?: QuantileSearchOptions;
  /** Bytes read so far, of an estimated total (every pass counted). */
  onBytes?: (done: number, total: number) => void;
}

/**
 * Why the options cannot be computed from a stream (the flag that needs the whole matrix), or
 * undefined when they can: --plot line, summary, heatmap, hist (in a --grid too), classes,
 * class-heatmap and none, --stats, --labels, --baseline, --export, --neurons, --top, --samples,
 * --activation and the thresholds, and arrays of any rank (--channel-axis, --reduce:
 * reducedSource), --plot maps (the samples it draws are read whole: see streamedRun).
 */
export function streamRefusal(o: NeuronsOptions): string | undefined {
  const plot = o.plot.find((k) => !STREAMED_PLOTS.includes(k));
  if (plot !== undefined) return `--plot ${plot}`;
  if (o.weights !== undefined) return "--weights";
  return undefined;
}

/**
 * The prepared neuron data of an array too big to hold, read in blocks of rows: one pass for
 * the statistics (columnStats' updates, the same bits) and, alongside, the quantile search's
 * first histogram (over each column's range in the first rows, read once more before), then
 * its collecting pass for typical data (more passes for data the budget cannot take at once),
 * the heatmap's cells and line charts' series in the first of them, and one more pass for the
 * summary's whiskers and the histograms when those are drawn (with --baseline, the histograms and
 * the heatmap are left to streamBaseline, which counts them over both files). Memory holds a block, the
 * per-neuron accumulators and the heatmap's cells, never the matrix: `matrix` has the shape and
 * no data, `streamed` what stands for it.
 */
export async function streamNeurons(t: TensorSource, o: NeuronsOptions, source: string, hooks: StreamHooks = {}, labels?: SampleClasses): Promise<NeuronData> {
  const { shape } = t;
  if (shape.length === 0) throw new InputError(`${source}: the array is 0-d (a single number) (expected [samples, neurons] or [samples])`, "E_SHAPE");
  const total = shape[0]!;
  const cols = shape.length === 1 ? 1 : shape[1]!;
  if (total === 0 || cols === 0) {
    throw new InputError(`${source}: the matrix is empty, shape [${shape.join(", ")}] (expected at least one sample and one neuron)`, "E_EMPTY");
  }
  const [a, b] = sampleRange(o.samples, total);
  const rows = b - a;
  const perBlock = Math.max(1, Math.floor((hooks.blockBytes ?? BLOCK_BYTES) / t.rowBytes));
  const passBytes = rows * t.rowBytes;
  const guessRows = Math.min(rows, Math.max(1, Math.floor(GUESS_BYTES / t.rowBytes)));
  // with --baseline, the histograms and the heatmap are counted over both files at once, by
  // streamBaseline's paired pass: this run leaves them out (and its last pass, if only they needed it)
  const paired = o.baseline !== undefined;
  const hists = o.plot.includes("hist") && !paired;
  let expected = passBytes * (2 + (o.plot.includes("summary") || hists ? 1 : 0)) + guessRows * t.rowBytes;
  let read = 0;
  // two buffers in turn: the block in use, the next being read (a fresh 1 MiB buffer a block
  // costs its mapping and page faults)
  const scratch = [new Uint8Array(perBlock * t.rowBytes), new Uint8Array(perBlock * t.rowBytes)];
  /**
   * One pass over the chosen rows, block by block, the next block read while this one is used
   * (`use` must not keep the block's data: its buffer is read into again).
   */
  const pass = async (use: (block: Matrix) => void): Promise<void> => {
    if (read + passBytes > expected) expected = read + passBytes;
    let turn = 0;
    const next = (start: number) => (start < b ? t.readRows(start, Math.min(b, start + perBlock), scratch[turn++ % 2]) : undefined);
    let pending = next(a);
    for (let start = a; start < b; start += perBlock) {
      const end = Math.min(b, start + perBlock);
      const data = await pending!;
      pending = next(end);
      pending?.catch(() => undefined); // awaited next time round; never an unhandled rejection
      use({ rows: end - start, cols, data });
      read += (end - start) * t.rowBytes;
      hooks.onBytes?.(read, expected);
    }
  };

  const bounds = saturationBounds(o.activation, {});
  const acc = statsAccumulator(cols, { inactiveThreshold: o.inactiveThreshold, ...(bounds ? { saturation: { ...bounds, eps: o.saturationEps } } : {}) });
  // the report's quantiles (--stats), the summary's boxes and bands, the histograms' auto bins need
  // them; line charts and heatmaps alone do not (the quantiles stay NaN, never shown)
  const qs = REPORT_QUANTILES.map(Number);
  const wanted = o.stats !== undefined || o.plot.includes("summary") || o.plot.includes("hist");
  // the quantile search's first histogram alongside the statistics, over each column's range in
  // the first rows (float32 data is collected as float32: exact, half the memory)
  let first: ReturnType<typeof guessedQuantileSearch> | undefined;
  if (wanted) {
    const head = await t.readRows(a, a + guessRows);
    read += guessRows * t.rowBytes;
    const float32 = ["<f4", ">f4", "<f2", ">f2", "bf16"].includes(t.dtype);
    const ranges = columnStats({ rows: guessRows, cols, data: head }, { inactiveThreshold: 0 });
    first = guessedQuantileSearch({ lo: ranges.map((r) => r.min), hi: ranges.map((r) => r.max) }, qs, { float32, bins: searchBins(rows), budget: COLLECT_BYTES / (float32 ? 4 : 8), ...hooks.quantiles });
  }
  // --labels: the per-class sums in the same pass (a pass more for a class with non-finite values)
  const cls = labels ? streamClasses(labels, cols) : undefined;
  await pass((block) => {
    acc.add(block);
    first?.add(block);
    cls?.add(block);
  });
  const stats = acc.result();
  const classes = await cls?.finish(pass);
  const selected = chooseNeurons(o, stats, classes?.selectivity);

  // the quantile search's further passes; the heatmap's cells in the first of them
  const search: QuantileSearch | undefined = first?.finish(stats);
  const searching = () => search !== undefined && !search.done();
  const style = { theme: o.theme, fontFamily: "", width: o.width, height: o.height };
  const budget = defaultHeatmapBudget(style);
  let heat = o.plot.includes("heatmap") && !paired ? heatmapAccumulator(rows, selected.length, budget.rows, budget.cols, o.aggregate, classes && classRowOrder(classes)) : undefined;
  let heatmap: StreamedSummaries["heatmap"];
  // the line charts' series, decimated in the first of these passes (a neuron with non-finite
  // values: its runs found there, decimated in one more pass)
  let line = o.plot.includes("line") ? lineSeriesStream(selected, stats, rows, a, await lineChartPoints(o)) : undefined;
  let lines: StreamedSummaries["lines"];
  // --partial: every neuron's sketch (all neurons: a part covers them all), in the first of these passes
  let sketch = o.partial !== undefined ? Array.from({ length: cols }, () => sketchAccumulator(SKETCH_ACCURACY)) : undefined;
  let sketches: StreamedSummaries["sketches"];
  while (searching() || heat || line || sketch) {
    const h = heat;
    const l = line;
    const k = sketch;
    await pass((block) => {
      if (searching()) search!.add(block);
      h?.add(selectColumns(block, selected));
      l?.add(block);
      if (k) for (let j = 0; j < cols; j++) k[j]!.add(block.data, j, cols, block.rows);
    });
    if (k) sketches = k.map((s) => s.bins());
    sketch = undefined;
    if (searching()) search!.endPass();
    if (h) heatmap = h.result();
    heat = undefined;
    if (l && l.endPass()) {
      lines = l.result();
      line = undefined;
    }
  }
  const quantiles = search ? search.result() : new Float64Array(cols * qs.length).fill(NaN);

  // the last pass: the boxes' whiskers and the histograms, from the quartiles and ranges now known
  const n = qs.length;
  const at = (j: number, q: number) => quantiles[j * n + qs.indexOf(q)]!;
  const boxes = o.plot.includes("summary") && selected.length <= BOXES_MAX ? new Map(selected.map((j) => [j, boxScan(at(j, 0.25), at(j, 0.5), at(j, 0.75))])) : undefined;
  const hist = hists ? streamedHistograms(selected, stats, o.bins, (j) => [at(j, 0.25), at(j, 0.75)], o.grid ? () => statsRange([stats], selected) : undefined) : undefined;
  if (boxes || hist) {
    await pass((block) => {
      if (boxes) for (const [j, scan] of boxes) scan.add(block.data, j, cols, block.rows);
      hist?.add(block);
    });
  }
  // --plot classes: the whiskers (each class's std), two passes more
  const classStds = classes && o.plot.includes("classes") ? await streamClassStds(classes, selected, pass) : undefined;
  const streamed: StreamedSummaries = {
    quantiles,
    ...(boxes ? { boxes: new Map<number, BoxStats>([...boxes].map(([j, s]) => [j, s.box()])) } : {}),
    ...(heatmap ? { heatmap } : {}),
    ...(lines ? { lines } : {}),
    ...(sketches ? { sketches } : {}),
    ...(hist ? { histograms: hist.result() } : {}),
    ...(classStds ? { classStds } : {}),
  };
  const data = new (t.dtype === "<f8" || t.dtype === ">f8" ? Float64Array : Float32Array)(0);
  return { source, matrix: { rows, cols, data }, firstSample: a, names: stats.map(() => null), stats, selected, bounds, streamed, ...(classes ? { classes } : {}) };
}
