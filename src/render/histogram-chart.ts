import type { ChartConfiguration, Point } from "chart.js";
import type { Histogram } from "../core/histogram.js";
import { backgroundPlugin } from "./background-plugin.js";
import { baseOptions, linearAxis } from "./chart-base.js";
import type { ChartStyle, ChartText } from "./curve-chart.js";
import { Y_HEADROOM } from "./curve-chart.js";
import { histogramBarsPlugin } from "./histogram-bars-plugin.js";
import { paletteColor } from "./neuron-line-chart.js";
import type { PanelOptions } from "./neuron-line-chart.js";
import { themes } from "./theme.js";

/** The chart config histogramChart builds: axes only, the bars drawn by a plugin. */
export type HistogramChartConfig = ChartConfiguration<"scatter", Point[]>;

/**
 * A new Chart.js config drawing a histogram as touching bars: bin i covers exactly
 * edges[i]..edges[i + 1] on a linear x axis that spans edges[0]..edges[bins]; y is the count,
 * from 0 to the largest count plus headroom (or options.yRange exactly). The bars are drawn by
 * histogramBarsPlugin from copies of the edges and counts; the config has no datasets.
 * Throws RangeError when edges.length is not counts.length + 1 or the edges are not finite
 * and ascending. The histogram is not modified.
 */
export function histogramChart(h: Histogram, text: ChartText, style: ChartStyle, options: PanelOptions = {}): HistogramChartConfig {
  const bins = h.counts.length;
  if (bins < 1 || h.edges.length !== bins + 1) throw new RangeError(`histogram has ${h.edges.length} edges for ${bins} counts (expected counts + 1, at least 2)`);
  for (let i = 0; i < bins; i++) {
    if (!(Number.isFinite(h.edges[i]) && Number.isFinite(h.edges[i + 1]) && h.edges[i]! < h.edges[i + 1]!)) {
      throw new RangeError(`histogram edges ${h.edges[i]} and ${h.edges[i + 1]} at bin ${i} are not finite and ascending`);
    }
  }
  const theme = themes[style.theme];
  let top = 0;
  for (const c of h.counts) if (c > top) top = c;
  const yRange = options.yRange ? { ...options.yRange } : { min: 0, max: top > 0 ? top * (1 + Y_HEADROOM) : 1 };
  const { title, ...base } = baseOptions(text.title, style, theme);
  const xRange = { min: h.edges[0]!, max: h.edges[bins]! };
  return {
    type: "scatter",
    data: { datasets: [] },
    plugins: [backgroundPlugin, histogramBarsPlugin],
    options: {
      ...base,
      scales: { x: linearAxis(text.xLabel, xRange, theme, style), y: linearAxis(text.yLabel, yRange, theme, style, true) },
      plugins: {
        title,
        legend: { display: false },
        tooltip: { enabled: false },
        actvizBackground: { color: theme.background },
        actvizHistogramBars: { edges: Array.from(h.edges), counts: Array.from(h.counts), color: paletteColor(theme.palette, options.colorIndex), edgeColor: theme.background },
      },
    },
  };
}
