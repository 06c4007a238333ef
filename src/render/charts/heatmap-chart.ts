import type { ChartConfiguration, Point } from "chart.js";
import type { Matrix } from "../../core/matrix.js";
import { backgroundPlugin } from "../plugins/background-plugin.js";
import { baseOptions, fontAt, linearAxis, textScale } from "./chart-base.js";
import type { ChartStyle, ChartText } from "./curve-chart.js";
import { downsampleMatrix } from "../images/heatmap-downsample.js";
import type { Aggregate, CellGrid } from "../images/heatmap-downsample.js";
import { centredScaleFor, colorbarImage, colorScaleFor, heatmapImage } from "../images/heatmap-image.js";
import type { ColorScale } from "../images/heatmap-image.js";
import { heatmapPlugin } from "../plugins/heatmap-plugin.js";
import { themes } from "./theme.js";

/** The chart config heatmapChart builds: axes only, no datasets; the image is in a plugin. */
export type HeatmapChartConfig = ChartConfiguration<"scatter", Point[]>;

export interface HeatmapOptions {
  /** At most this many sample blocks (image columns); default: the plot width in CSS px. */
  rows?: number;
  /** At most this many neuron blocks (image rows); default: the plot height in CSS px. */
  cols?: number;
  /** How a block of cells becomes one pixel; default "mean". */
  aggregate?: Aggregate;
  /** The samples in this order (position p shows row rowOrder[p]), e.g. sorted by class. */
  rowOrder?: Int32Array;
  /**
   * Bands of positions along x: band c spans positions starts[c] .. starts[c + 1] - 1 and is named
   * names[c] (centred under it, in place of the sample ticks); `separators` draws a thin line
   * between bands.
   */
  bands?: { starts: readonly number[]; names: readonly string[]; separators: boolean };
  /** A diverging scale centred on 0 whatever the signs (a difference: 0 is no change). */
  centred?: boolean;
  /** Show m − minus (a matrix of the same shape, e.g. a baseline) instead of m; nothing is copied. */
  minus?: Matrix;
  /** Tick labels of the neuron axis: position i is labelled yTickLabels[i] (e.g. the neuron index). */
  yTickLabels?: readonly string[];
  /**
   * The cells already aggregated from the matrix (heatmapAccumulator, e.g. in a stream): the
   * matrix then gives only its shape (rows x cols), its data is not read.
   */
  downsampled?: CellGrid;
  /** A fixed colour scale (viridis over [min, max]), e.g. [0, 1] for probabilities; default: the data's. */
  range?: { min: number; max: number };
}

/** Axis titles: xLabel for the samples (horizontal), yLabel for the neurons, valueLabel for the colour bar. */
export interface HeatmapText extends ChartText {
  valueLabel?: string;
  /**
   * The line under the title when cells are merged into pixels, as the chart's language spells
   * it: templates for both axes merged, x only and y only, with {how} (the `mean` or `max` word)
   * and {x}, {y} (cells per pixel: "75", or "8-9" when the blocks differ by one).
   */
  aggregated?: { both: string; x: string; y: string; mean: string; max: string };
}

/** The id of the colour bar's scale. */
export const COLORBAR_SCALE = "value";

/**
 * The cell budget a heatmap gets by default: about the plot area in CSS px (the chart less
 * its axes and colour bar). Pass rows and cols scaled by the device pixel ratio for sharper PNGs.
 */
export function defaultHeatmapBudget(style: ChartStyle): { rows: number; cols: number } {
  const s = textScale(style);
  return { rows: Math.max(1, Math.floor(style.width - 190 * s)), cols: Math.max(1, Math.floor(style.height - 100 * s)) };
}

/**
 * A new Chart.js config showing a [samples, neurons] matrix as one heatmap bitmap: samples run
 * along x (left to right, the long axis of wide and tall matrices alike, as in the line chart),
 * neurons along y with neuron 0 at the top, like a raster plot. The matrix is shrunk to at most
 * options.rows x options.cols blocks (mean or max of the finite values; see downsampleMatrix)
 * in one pass, colour-mapped (viridis, or RdBu centred on 0 when values have both signs; grey
 * for blocks with no finite value) and drawn by heatmapPlugin with a colour bar on the right.
 * Axes follow imshow: cell i is centred on i, so they span -0.5 .. n - 0.5.
 * The config has no datasets; the matrix is not modified or kept.
 */
export function heatmapChart(m: Matrix, options: HeatmapOptions, text: HeatmapText, style: ChartStyle): HeatmapChartConfig {
  const theme = themes[style.theme];
  const s = textScale(style);
  const font = fontAt(style);
  const budget = defaultHeatmapBudget(style);
  const grid = options.downsampled ?? downsampleMatrix(m, options.rows ?? budget.rows, options.cols ?? budget.cols, options.aggregate ?? "mean", options.rowOrder, options.minus);
  const scale: ColorScale = options.range ? { ...options.range, colormap: "viridis" } : options.centred ? centredScaleFor(grid.data) : colorScaleFor(grid.data);
  const bands = options.bands;
  // a separator that shows on either map: white on viridis, the text colour on RdBu (white at 0)
  const separators = bands?.separators ? { at: separatorPositions(bands.starts, m.rows), color: scale.colormap === "viridis" ? "#ffffff" : "#1f2328" } : undefined;
  const plugin = heatmapPlugin(heatmapImage(grid, scale), colorbarImage(scale), separators);
  const barWidth = Math.round(14 * s);
  const gap = Math.round(12 * s);
  const { title, ...base } = baseOptions(text.title, style, theme);
  // never silent: cells merged into pixels are said under the title (the colour bar then spans the merged values)
  const per = (n: number, of: number) => (of === n ? "1" : `${Math.floor(n / of)}${n % of === 0 ? "" : `-${Math.ceil(n / of)}`}`);
  const a = text.aggregated;
  const template = !a ? undefined : grid.rows < m.rows && grid.cols < m.cols ? a.both : grid.rows < m.rows ? a.x : grid.cols < m.cols ? a.y : undefined;
  const note = template?.replace("{how}", a![options.aggregate ?? "mean"]).replace("{x}", per(m.rows, grid.rows)).replace("{y}", per(m.cols, grid.cols));
  const plainX = linearAxis(text.xLabel, { min: -0.5, max: Math.max(1, m.rows) - 0.5 }, theme, style, true);
  const x = bands ? { ...plainX, ...bandTicks(bands.starts, bands.names, plainX.ticks) } : plainX;
  const plainY = linearAxis(text.yLabel, { min: -0.5, max: Math.max(1, m.cols) - 0.5 }, theme, style, true);
  const yLabels = options.yTickLabels;
  // named rows: up to 20 of them each get a tick (a step of 1), more get Chart.js's round steps
  const every = yLabels !== undefined && yLabels.length <= 20 ? { stepSize: 1, autoSkip: false } : {};
  const y = yLabels ? { ...plainY, ticks: { ...plainY.ticks, ...every, callback: (v: number | string) => (Number.isInteger(Number(v)) ? yLabels[Number(v)] ?? "" : "") } } : plainY;
  const value = linearAxis(text.valueLabel ?? "", { min: scale.min, max: scale.max }, theme, style);
  return {
    type: "scatter",
    data: { datasets: [] },
    plugins: [backgroundPlugin, plugin],
    options: {
      ...base,
      scales: {
        x: { ...x, grid: { ...x.grid, drawOnChartArea: false, color: theme.axis, tickColor: theme.axis }, border: { ...x.border, display: false } },
        y: { ...y, reverse: true, grid: { ...y.grid, drawOnChartArea: false, color: theme.axis, tickColor: theme.axis }, border: { ...y.border, display: false } },
        [COLORBAR_SCALE]: {
          ...value,
          position: "right",
          grid: { display: false, drawOnChartArea: false },
          border: { display: false },
          ticks: { ...value.ticks, padding: gap + barWidth + Math.round(6 * s) },
          title: { ...value.title, font: font(13) },
        },
      },
      plugins: {
        title,
        subtitle: { display: note !== undefined, text: note ?? "", color: theme.text, font: font(11), padding: { top: 0, bottom: Math.round(8 * s) } },
        legend: { display: false },
        tooltip: { enabled: false },
        actvizBackground: { color: theme.background },
        actvizHeatmap: { colorbarScale: COLORBAR_SCALE, barWidth, gap, frame: theme.axis },
      },
    },
  };
}

/** Where separators go, in axis units: between positions starts[c] - 1 and starts[c], inside the image. */
function separatorPositions(starts: readonly number[], rows: number): number[] {
  return starts.slice(1, -1).filter((s) => s > 0 && s < rows).map((s) => s - 0.5);
}

/**
 * x ticks at the centre of each non-empty band, labelled with its name (every label drawn when
 * they fit; Chart.js skips some when they would overlap).
 */
function bandTicks<T extends object>(starts: readonly number[], names: readonly string[], ticks: T) {
  const centres: { value: number; name: string }[] = [];
  for (let c = 0; c < names.length; c++) {
    if (starts[c + 1]! > starts[c]!) centres.push({ value: (starts[c]! + starts[c + 1]! - 1) / 2, name: names[c]! });
  }
  const byValue = new Map(centres.map((t) => [t.value, t.name]));
  return {
    afterBuildTicks: (scale: { ticks: { value: number }[] }) => {
      scale.ticks = centres.map((t) => ({ value: t.value }));
    },
    ticks: { ...ticks, autoSkip: true, autoSkipPadding: 6, callback: (v: number | string) => byValue.get(Number(v)) ?? "" },
  };
}
