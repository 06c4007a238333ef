import type { ChartConfiguration, ChartDataset, LegendItem, Point, Tick } from "chart.js";
import { paddedRange, xAxisRange, finiteExtent } from "./axis-range.js";
import { backgroundPlugin } from "../plugins/background-plugin.js";
import { bandsPlugin } from "../plugins/bands-plugin.js";
import { themes } from "./theme.js";
import type { Theme, ThemeName } from "./theme.js";
import { finiteLine, polylinePlugin } from "../plugins/polyline-plugin.js";
import type { Polyline } from "../plugins/polyline-plugin.js";
import { formatTick } from "./tick-format.js";
import { axisLimits } from "./linear-axis-ticks.js";
import { zeroLinesPlugin } from "../plugins/zero-lines-plugin.js";
import { dotsPlugin } from "../plugins/dots-plugin.js";

/** One line: a function or its derivative sampled on a grid (x ascending). */
export interface CurveSeries {
  label: string;
  x: Float64Array;
  y: Float64Array;
  /** Dashed (a derivative), in the same colour as its function. */
  dashed: boolean;
  /** An explicit dash pattern (LINE_PATTERNS), which takes the place of `dashed`'s; [] is solid. */
  dash?: readonly number[];
  /** Dots at the curve's jumps, in its colour: filled at the value taken, hollow at an open end. */
  dots?: readonly { x: number; y: number; open: boolean }[];
  /** Index into the theme palette; wraps around. */
  colorIndex: number;
}

/** An x-interval to shade (a saturation zone); either end may be infinite. */
export interface Band {
  from: number;
  to: number;
}

export interface ChartText {
  title?: string;
  xLabel: string;
  yLabel: string;
  /** Legend entry of the bands, e.g. "|f′| < 0.05"; shown only when there are bands. */
  bandLabel?: string;
  /** A line under the title (the summary and the percentile bands draw it), e.g. how the numbers were obtained. */
  note?: string;
}

export interface ChartStyle {
  theme: ThemeName;
  fontFamily: string;
  /** The size the chart will be rendered at, in CSS pixels; text scales with it. */
  width: number;
  height: number;
}

/** What a grid panel sets: the y range all panels share, and no legend (the frame explains the styles). */
export interface CurveChartOptions {
  yRange?: { min: number; max: number };
  legend?: boolean;
}

/** The chart config curveChart builds: a Chart.js line chart of {x, y} points. */
export type CurveChartConfig = ChartConfiguration<"line", Point[]>;

/** Fraction of the y data span added above and below, so curves do not touch the frame. */
export const Y_HEADROOM = 0.08;

/**
 * A new Chart.js config for curves on a linear x axis: x spans exactly the data, y has a
 * little headroom, ticks sit on round numbers, a darker line marks x = 0 and y = 0, bands
 * are shaded behind the lines, the legend appears for two or more entries. Each call builds
 * a fresh object (Chart.js mutates the config it draws); the inputs are not modified.
 */
export function curveChart(series: readonly CurveSeries[], bands: readonly Band[], text: ChartText, style: ChartStyle, options: CurveChartOptions = {}): CurveChartConfig {
  const theme = themes[style.theme];
  // Text and spacing follow the chart size, relative to the 800x500 default, within limits.
  const s = Math.min(2, Math.max(0.85, Math.min(style.width / 800, style.height / 500)));
  const font = (size: number, weight?: "bold") => ({ family: style.fontFamily, size: Math.round(size * s), ...(weight ? { weight } : {}) });
  const xRange = xAxisRange(series.map((c) => c.x));
  const yRange = options.yRange ? { ...options.yRange } : paddedRange(finiteExtent(series.map((c) => c.y)) ?? { min: 0, max: 0 }, Y_HEADROOM);
  const lines = series.map((c) => curveLine(c, theme));
  // the datasets carry each series' legend entry; the lines are drawn by polylinePlugin
  const datasets: ChartDataset<"line", Point[]>[] = series.map((c, i) => curveDataset(c, lines[i]!));
  if (bands.length > 0) datasets.push(bandLegendDataset(text.bandLabel ?? "saturation", theme));
  const legend = datasets.map((d, i) => legendItem(d, i, theme));
  const axis = (title: string, range: { min: number; max: number }) => linearAxis(title, range, theme, font);
  return {
    type: "line",
    data: { datasets },
    plugins: [backgroundPlugin, bandsPlugin, zeroLinesPlugin, polylinePlugin(lines), dotsPlugin(series.flatMap((c, i) => (c.dots ?? []).map((d) => ({ ...d, color: lines[i]!.color }))), theme.background)],
    options: {
      responsive: false,
      maintainAspectRatio: false,
      animation: false,
      parsing: false,
      normalized: true,
      locale: "en-US",
      color: theme.text,
      font: font(12),
      layout: { padding: { top: Math.round(10 * s), right: Math.round(20 * s), bottom: Math.round(6 * s), left: Math.round(6 * s) } },
      events: [],
      scales: { x: axis(text.xLabel, xRange), y: axis(text.yLabel, yRange) },
      plugins: {
        title: { display: text.title !== undefined && text.title !== "", text: text.title ?? "", color: theme.text, font: font(16, "bold"), padding: { top: 0, bottom: Math.round(8 * s) } },
        legend: {
          display: datasets.length >= 2 && options.legend !== false,
          // many entries: beside the plot, in as many columns as its height needs, never over it
          position: datasets.length > LEGEND_BESIDE ? "bottom" : "top",
          labels: {
            color: theme.text,
            font: font(12),
            // Built here, not by Chart.js: its own items lose a line's borderDash under usePointStyle.
            generateLabels: () => legend.map((item) => ({ ...item })),
            usePointStyle: true,
            pointStyleWidth: Math.round(28 * s),
            boxHeight: Math.round(8 * s),
            padding: Math.round(14 * s),
          },
        },
        tooltip: { enabled: false },
        decimation: { enabled: false },
        actvizBackground: { color: theme.background },
        actvizBands: { bands: bands.map((b) => ({ from: b.from, to: b.to })), color: theme.band },
        actvizZeroLines: { color: theme.zeroLine, width: 1 },
      },
    },
  };
}

/** Width of a curve, CSS px; dashed curves (derivatives) use DASH. */
export const CURVE_WIDTH = 2;
export const DASH: readonly [number, number] = [7, 4];

/**
 * Dash patterns told apart at a glance, in CSS px: solid and DASH first (a function and its
 * derivative), then dotted, dash-dot, long dashes... Past the palette's colours, the curves of an
 * overlay take the next patterns (see lineStyle), so every (colour, pattern) pair is one series.
 */
export const LINE_PATTERNS: readonly (readonly number[])[] = [
  [], DASH, [1.5, 3], [8, 3, 1.5, 3], [14, 4], [3, 3], [14, 3, 1.5, 3], [8, 3, 1.5, 3, 1.5, 3], [1.5, 6], [14, 3, 3, 3], [3, 6], [14, 3, 1.5, 3, 1.5, 3],
];

/**
 * The style of curve `i` of a chart (and of its derivative): colour `i` of a palette of `colors`,
 * solid (derivative: DASH) for the first round of colours, then, round k, the patterns 2k and
 * 2k + 1 of LINE_PATTERNS, wrapping after them. Distinct pairs for up to 6 rounds of the palette.
 */
export function lineStyle(i: number, colors: number, derivative: boolean): { colorIndex: number; dash: readonly number[] } {
  const round = Math.floor(i / colors) % (LINE_PATTERNS.length / 2);
  return { colorIndex: i % colors, dash: LINE_PATTERNS[2 * round + (derivative ? 1 : 0)]! };
}

/** Legend entries above which the legend moves to the right of the plot, in columns. */
export const LEGEND_BESIDE = 8;

/** The series as a line for polylinePlugin: non-finite y become NaN gaps, points with a non-finite x are dropped. */
function curveLine(c: CurveSeries, theme: Theme): Polyline {
  if (c.x.length !== c.y.length) throw new RangeError(`series '${c.label}' has ${c.x.length} x values but ${c.y.length} y values`);
  const n = theme.palette.length;
  const index = Number.isFinite(c.colorIndex) ? Math.trunc(c.colorIndex) : 0;
  const color = theme.palette[((index % n) + n) % n]!;
  const dash = c.dash ?? (c.dashed ? DASH : []);
  return { ...finiteLine(c.x, c.y), color, width: CURVE_WIDTH, ...(dash.length > 0 ? { dash } : {}) };
}

/** An empty dataset styled like the series: its legend entry. */
function curveDataset(c: CurveSeries, line: Polyline): ChartDataset<"line", Point[]> {
  return {
    type: "line",
    label: c.label,
    data: [],
    borderColor: line.color,
    backgroundColor: line.color,
    borderWidth: line.width,
    ...(line.dash ? { borderDash: [...line.dash] } : {}),
    borderCapStyle: "butt",
    borderJoinStyle: "round",
    pointRadius: 0,
    pointHoverRadius: 0,
    pointHitRadius: 0,
    pointStyle: "line",
    tension: 0,
    fill: false,
    spanGaps: false,
  };
}

/** A legend entry drawn like its dataset: a short (dashed) line, or a filled box for bands. */
function legendItem(d: ChartDataset<"line", Point[]>, index: number, theme: Theme): LegendItem {
  return {
    text: d.label ?? "",
    datasetIndex: index,
    fontColor: theme.text,
    fillStyle: d.backgroundColor as string,
    strokeStyle: d.borderColor as string,
    lineWidth: d.borderWidth as number,
    lineDash: (d.borderDash as number[] | undefined) ?? [],
    lineCap: "butt",
    pointStyle: d.pointStyle === "rect" ? "rect" : "line",
    hidden: false,
  };
}

/** An empty dataset whose only job is the legend entry of the shaded bands. */
function bandLegendDataset(label: string, theme: Theme): ChartDataset<"line", Point[]> {
  return { type: "line", label, data: [], backgroundColor: theme.band, borderColor: theme.band, borderWidth: 0, pointStyle: "rect", pointRadius: 0, fill: false };
}

type Font = { family: string; size: number; weight?: "bold" };
type AxisOptions = NonNullable<NonNullable<CurveChartConfig["options"]>["scales"]>[string];

function linearAxis(title: string, range: { min: number; max: number }, theme: Theme, font: (size: number) => Font): AxisOptions {
  return {
    ...axisLimits(range),
    title: { display: title !== "", text: title, color: theme.text, font: font(13), padding: { top: 4, bottom: 2 } },
    ticks: {
      color: theme.text,
      font: font(12),
      includeBounds: false,
      maxRotation: 0,
      callback: (value: number | string, _index: number, ticks: Tick[]) => {
        const v = Number(value);
        const step = ticks.length > 1 ? ticks[1]!.value - ticks[0]!.value : Math.abs(v) || 1;
        const magnitude = ticks.reduce((m, t) => Math.max(m, Math.abs(t.value)), Math.abs(v));
        return formatTick(v, step, magnitude);
      },
    },
    grid: { color: theme.grid, tickColor: theme.grid, lineWidth: 1, drawTicks: true, tickLength: 5 },
    border: { display: true, color: theme.axis, width: 1 },
  };
}
