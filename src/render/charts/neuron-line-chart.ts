import type { ChartConfiguration, Point } from "chart.js";
import { finiteExtent, paddedRange, xAxisRange } from "./axis-range.js";
import type { AxisRange } from "./axis-range.js";
import { backgroundPlugin } from "../plugins/background-plugin.js";
import { baseOptions, fontAt, linearAxis } from "./chart-base.js";
import type { ChartStyle, ChartText } from "./curve-chart.js";
import { Y_HEADROOM } from "./curve-chart.js";
import { CLASS_PALETTE, themes } from "./theme.js";
import type { ThemeName } from "./theme.js";
import { finiteLine, polylinePlugin } from "../plugins/polyline-plugin.js";
import { zeroLinesPlugin } from "../plugins/zero-lines-plugin.js";

/** Width of a neuron's line, CSS px. */
export const LINE_WIDTH = 1.5;

/** The chart config neuronLineChart builds: one thin line of {x, y} points. */
export type NeuronLineChartConfig = ChartConfiguration<"line", Point[]>;

export interface PanelOptions {
  /** A fixed y range (no headroom added), e.g. shared by the panels of a grid. */
  yRange?: AxisRange;
  /** Histograms: the count axis linear (the default) or logarithmic. */
  yScale?: "linear" | "log";
  /** Index into the theme palette for the line or bars; wraps around. Default 0. */
  colorIndex?: number;
  /**
   * Points coloured by class: point k is of class of[k] (an index into names, the legend's
   * entries); the line goes grey under them; legend false shows none (a small panel).
   */
  classes?: { names: readonly string[]; of: Int32Array; legend: boolean };
  /** The same neuron in a baseline, drawn under the line in the second palette colour, and the legend's names [current, baseline]. */
  baseline?: { x: Float64Array; y: Float64Array; names: readonly [string, string]; legend: boolean };
}

/** The palette colour at `index`, wrapping around. */
export function paletteColor(palette: readonly string[], index = 0): string {
  const n = palette.length;
  const i = Number.isFinite(index) ? Math.trunc(index) : 0;
  return palette[((i % n) + n) % n]!;
}

/**
 * A new Chart.js config plotting one neuron's activation `y` against the sample index `x`
 * (doubles, ascending; already decimated by the caller when long): a 1.5 px line without
 * points, drawn by polylinePlugin (rasterised in PNG), x from the first to the last sample
 * exactly, y with headroom (or options.yRange exactly), a darker line at y = 0. Chart.js decimation stays off: the caller decimates.
 * Non-finite y leave gaps; points with a non-finite x are dropped. Inputs are not modified.
 */
export function neuronLineChart(y: Float64Array, x: Float64Array, text: ChartText, style: ChartStyle, options: PanelOptions = {}): NeuronLineChartConfig {
  if (x.length !== y.length) throw new RangeError(`neuron line has ${x.length} x values but ${y.length} y values`);
  const theme = themes[style.theme];
  const color = paletteColor(theme.palette, options.colorIndex);
  const points = finiteLine(x, y);
  const before = options.baseline;
  const yRange = options.yRange ? { ...options.yRange } : paddedRange(finiteExtent(before ? [y, before.y] : [y]) ?? { min: 0, max: 0 }, Y_HEADROOM);
  const { title, ...base } = baseOptions(text.title, style, theme);
  const classes = options.classes;
  if (classes && classes.of.length !== x.length) throw new RangeError(`${classes.of.length} point classes for ${x.length} points`);
  const datasets = classes ? classPoints(x, y, classes.names, classes.of, style) : [];
  const lineColor = classes ? CLASS_LINE[style.theme] : color;
  const baseColor = paletteColor(theme.palette, 1);
  const lines = [
    ...(before ? [{ ...finiteLine(before.x, before.y), color: baseColor, width: 1.2 }] : []),
    { ...points, color: lineColor, width: classes ? 1 : LINE_WIDTH },
  ];
  return {
    type: "line",
    // the line is drawn by polylinePlugin, not as a dataset: Chart.js would make an element
    // per point and cairo's round-join stroke of a dense line costs ~15 us a point
    data: { datasets },
    plugins: [backgroundPlugin, zeroLinesPlugin, polylinePlugin(lines)],
    options: {
      ...base,
      scales: { x: linearAxis(text.xLabel, xAxisRange([x]), theme, style, true), y: linearAxis(text.yLabel, yRange, theme, style) },
      ...(classes ? { datasets: { line: { showLine: false, pointRadius: 2.2, pointBorderWidth: 0 } } } : {}),
      plugins: {
        title,
        legend: classes?.legend
          ? {
              display: true,
              position: "top",
              align: "end",
              labels: {
                color: theme.text,
                font: fontAt(style)(11),
                usePointStyle: true,
                boxWidth: 6,
                boxHeight: 6,
                padding: 8,
                // the class entries, then (with a baseline) its line
                ...(before ? { generateLabels: (chart: { data: { datasets: { label?: string; backgroundColor?: unknown }[] } }) => [...chart.data.datasets.map((ds, i) => ({ text: ds.label ?? "", fillStyle: ds.backgroundColor as string, strokeStyle: ds.backgroundColor as string, lineWidth: 0, pointStyle: "circle" as const, fontColor: theme.text, hidden: false, datasetIndex: i })), lineLegend(before.names[1], baseColor, theme.text)] } : {}),
              },
            }
          : before?.legend && !classes
            ? { display: true, position: "top", align: "end", labels: { color: theme.text, font: fontAt(style)(12), usePointStyle: true, boxWidth: 18, padding: 10, generateLabels: () => [lineLegend(before.names[0], color, theme.text), lineLegend(before.names[1], baseColor, theme.text)] } }
            : { display: false },
        tooltip: { enabled: false },
        decimation: { enabled: false },
        actvizBackground: { color: theme.background },
        actvizZeroLines: { color: theme.zeroLine, width: 1 },
      },
    },
  };
}

/** The line under class-coloured points: a neutral grey. */
const CLASS_LINE: Record<ThemeName, string> = { light: "#b8bcc2", dark: "#5a5f68" };

/** One point dataset per class (finite points only), in class order, coloured by CLASS_PALETTE. */
function classPoints(x: Float64Array, y: Float64Array, names: readonly string[], of: Int32Array, style: ChartStyle) {
  const points: Point[][] = names.map(() => []);
  for (let k = 0; k < x.length; k++) {
    if (Number.isFinite(x[k]!) && Number.isFinite(y[k]!)) points[of[k]!]?.push({ x: x[k]!, y: y[k]! });
  }
  return names.map((name, c) => {
    const color = paletteColor(CLASS_PALETTE, c);
    return { label: name, data: points[c]!, backgroundColor: color, borderColor: color, pointStyle: "circle" as const };
  });
}

/** A legend entry drawn as a short line. */
function lineLegend(text: string, color: string, fontColor: string) {
  return { text, fillStyle: color, strokeStyle: color, lineWidth: 2, pointStyle: "line" as const, fontColor, hidden: false, datasetIndex: 0 };
}
