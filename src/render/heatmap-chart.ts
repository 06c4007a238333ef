import type { ChartConfiguration, Point } from "chart.js";
import type { Matrix } from "../core/matrix.js";
import { backgroundPlugin } from "./background-plugin.js";
import { baseOptions, fontAt, linearAxis, textScale } from "./chart-base.js";
import type { ChartStyle, ChartText } from "./curve-chart.js";
import { downsampleMatrix } from "./heatmap-downsample.js";
import type { Aggregate } from "./heatmap-downsample.js";
import { colorbarImage, colorScaleFor, heatmapImage } from "./heatmap-image.js";
import type { ColorScale } from "./heatmap-image.js";
import { heatmapPlugin } from "./heatmap-plugin.js";
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
}

/** Axis titles: xLabel for the samples (horizontal), yLabel for the neurons, valueLabel for the colour bar. */
export interface HeatmapText extends ChartText {
  valueLabel?: string;
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
  const grid = downsampleMatrix(m, options.rows ?? budget.rows, options.cols ?? budget.cols, options.aggregate ?? "mean");
  const scale: ColorScale = colorScaleFor(grid.data);
  const plugin = heatmapPlugin(heatmapImage(grid, scale), colorbarImage(scale));
  const barWidth = Math.round(14 * s);
  const gap = Math.round(12 * s);
  const { title, ...base } = baseOptions(text.title, style, theme);
  const x = linearAxis(text.xLabel, { min: -0.5, max: Math.max(1, m.rows) - 0.5 }, theme, style, true);
  const y = linearAxis(text.yLabel, { min: -0.5, max: Math.max(1, m.cols) - 0.5 }, theme, style, true);
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
        legend: { display: false },
        tooltip: { enabled: false },
        actvizBackground: { color: theme.background },
        actvizHeatmap: { colorbarScale: COLORBAR_SCALE, barWidth, gap, frame: theme.axis },
      },
    },
  };
}
