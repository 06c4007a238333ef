import type { ChartConfiguration, Point } from "chart.js";
import { finiteExtent, paddedRange } from "./axis-range.js";
import { backgroundPlugin } from "../plugins/background-plugin.js";
import { baseOptions, categoryAxis, fontAt, linearAxis, textScale } from "./chart-base.js";
import { classBarsPlugin } from "../plugins/class-bars-plugin.js";
import type { ChartStyle, ChartText } from "./curve-chart.js";
import { Y_HEADROOM } from "./curve-chart.js";
import { labelStride } from "./summary-chart.js";
import { themes } from "./theme.js";
import { zeroLinesPlugin } from "../plugins/zero-lines-plugin.js";

/** The chart config classBarsChart builds: a category axis of classes, the bars drawn by a plugin. */
export type ClassBarsChartConfig = ChartConfiguration<"scatter", Point[], string>;

/**
 * A new Chart.js config with one bar per class: the neuron's mean activation in the class, and
 * ±1 standard deviation whiskers; the bar of class `preferred` (-1: none) in the accent colour.
 * y spans 0 and every mean ± std with headroom. Class names label a category x axis (every k-th
 * when they would not fit; see labelStride). Inputs are not modified.
 */
export function classBarsChart(names: readonly string[], means: readonly number[], stds: readonly number[], preferred: number, text: ChartText, style: ChartStyle): ClassBarsChartConfig {
  if (means.length !== names.length || stds.length !== names.length) throw new RangeError(`${names.length} classes but ${means.length} means and ${stds.length} stds`);
  const theme = themes[style.theme];
  const s = textScale(style);
  const font = fontAt(style);
  const ends = means.flatMap((m, i) => [m, m - (stds[i]! || 0), m + (stds[i]! || 0)]);
  const extent = finiteExtent([[0, ...ends]]) ?? { min: 0, max: 1 };
  const padded = paddedRange(extent, Y_HEADROOM);
  // bars rise from 0: no padding below a minimum of 0
  const yRange = { min: extent.min === 0 ? 0 : padded.min, max: padded.max };
  const labels = [...names];
  const stride = labelStride(labels.length, labels.reduce((m, l) => Math.max(m, l.length), 1), style.width - 110 * s, font(12).size);
  const { title, ...base } = baseOptions(text.title, style, theme);
  return {
    type: "scatter",
    data: { labels, datasets: [] },
    plugins: [backgroundPlugin, zeroLinesPlugin, classBarsPlugin],
    options: {
      ...base,
      scales: {
        x: categoryAxis(labels, stride, text.xLabel, theme, style),
        y: linearAxis(text.yLabel, yRange, theme, style),
      },
      plugins: {
        title,
        legend: { display: false },
        tooltip: { enabled: false },
        actvizBackground: { color: theme.background },
        actvizZeroLines: { color: theme.zeroLine, width: 1 },
        actvizClassBars: {
          means: [...means],
          stds: [...stds],
          highlight: preferred,
          color: style.theme === "light" ? "rgba(0, 114, 178, 0.55)" : "rgba(86, 180, 233, 0.55)",
          highlightColor: theme.palette[1]!,
          whisker: theme.text,
          widthShare: 0.6,
        },
      },
    },
  };
}
