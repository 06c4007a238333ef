import type { ChartConfiguration, Point } from "chart.js";
import type { Histogram } from "../../core/histogram.js";
import { backgroundPlugin } from "../plugins/background-plugin.js";
import { axisTitle, baseOptions, fontAt, linearAxis } from "./chart-base.js";
import { parseHexColor } from "../plugins/polyline-plugin.js";
import type { ChartStyle, ChartText } from "./curve-chart.js";
import { Y_HEADROOM } from "./curve-chart.js";
import { histogramBarsPlugin } from "../plugins/histogram-bars-plugin.js";
import { paletteColor } from "./neuron-line-chart.js";
import type { PanelOptions } from "./neuron-line-chart.js";
import { themes } from "./theme.js";

/** A second histogram over the same edges, drawn behind (a baseline), and the legend's names [main, overlay]. */
export interface HistogramOverlay {
  histogram: Histogram;
  names: readonly [string, string];
}

/** A #rrggbb colour with alpha. */
export function translucent(color: string, alpha: number): string {
  const rgb = parseHexColor(color);
  return rgb ? `rgba(${rgb[0]}, ${rgb[1]}, ${rgb[2]}, ${alpha})` : color;
}

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
export function histogramChart(h: Histogram, text: ChartText, style: ChartStyle, options: PanelOptions = {}, overlay?: HistogramOverlay): HistogramChartConfig {
  const bins = h.counts.length;
  if (bins < 1 || h.edges.length !== bins + 1) throw new RangeError(`histogram has ${h.edges.length} edges for ${bins} counts (expected counts + 1, at least 2)`);
  for (let i = 0; i < bins; i++) {
    if (!(Number.isFinite(h.edges[i]) && Number.isFinite(h.edges[i + 1]) && h.edges[i]! < h.edges[i + 1]!)) {
      throw new RangeError(`histogram edges ${h.edges[i]} and ${h.edges[i + 1]} at bin ${i} are not finite and ascending`);
    }
  }
  const theme = themes[style.theme];
  if (overlay && overlay.histogram.counts.length !== bins) throw new RangeError(`overlay has ${overlay.histogram.counts.length} bins for ${bins}`);
  let top = 0;
  for (const c of h.counts) if (c > top) top = c;
  if (overlay) for (const c of overlay.histogram.counts) if (c > top) top = c;
  const main = paletteColor(theme.palette, options.colorIndex);
  const colors = overlay ? [translucent(main, 0.6), translucent(paletteColor(theme.palette, 1), 0.45)] : [main];
  const yRange = options.yRange ? { ...options.yRange } : { min: 0, max: top > 0 ? top * (1 + Y_HEADROOM) : 1 };
  const y = options.yScale === "log" ? logCountAxis(text.yLabel, options.yRange ? options.yRange.max : top, theme, style) : linearAxis(text.yLabel, yRange, theme, style, true);
  const { title, ...base } = baseOptions(text.title, style, theme);
  const xRange = { min: h.edges[0]!, max: h.edges[bins]! };
  return {
    type: "scatter",
    data: { datasets: [] },
    plugins: [backgroundPlugin, histogramBarsPlugin],
    options: {
      ...base,
      scales: { x: linearAxis(text.xLabel, xRange, theme, style), y },
      plugins: {
        title,
        legend: overlay
          ? {
              display: true,
              position: "top",
              align: "end",
              labels: { color: theme.text, font: fontAt(style)(12), boxWidth: 14, boxHeight: 10, generateLabels: () => overlay.names.map((text, i) => ({ text, fillStyle: colors[i]!, strokeStyle: colors[i]!, lineWidth: 0, fontColor: theme.text, hidden: false, datasetIndex: 0 })) },
            }
          : { display: false },
        tooltip: { enabled: false },
        actvizBackground: { color: theme.background },
        actvizHistogramBars: {
          edges: Array.from(h.edges),
          counts: Array.from(h.counts),
          color: colors[0]!,
          edgeColor: theme.background,
          ...(overlay ? { overlay: { counts: Array.from(overlay.histogram.counts), color: colors[1]! } } : {}),
        },
      },
    },
  };
}

/**
 * A logarithmic count axis: from just under 1 (a bin of one value still shows) to the largest
 * count with headroom; ticks labelled at 1, 2 and 5 times the powers of 10, with thousands
 * separators. Empty bins (0) have no bar on it.
 */
/** 1, 2 or 5 times a power of 10. */
function labelled(v: number): boolean {
  const lead = v / 10 ** Math.floor(Math.log10(v) + 1e-9);
  return [1, 2, 5].some((d) => Math.abs(lead - d) < 1e-6);
}

function logCountAxis(title: string, top: number, theme: (typeof themes)["light"], style: ChartStyle) {
  const font = fontAt(style);
  return {
    type: "logarithmic" as const,
    min: 0.8,
    max: Math.max(10, top * 1.6),
    title: axisTitle(title, theme, style),
    ticks: { color: theme.text, font: font(12), autoSkip: false, callback: (value: number | string) => (labelled(Number(value)) ? Number(value).toLocaleString("en-US") : "") },
    // grid lines at the labelled ticks only: the 3, 4, 6... between them would crowd the plot
    grid: { color: (c: { tick?: { value: number } }) => (c.tick && labelled(c.tick.value) ? theme.grid : "transparent"), tickColor: theme.grid, lineWidth: 1, drawTicks: true, tickLength: 5 },
    border: { display: true, color: theme.axis, width: 1 },
  };
}

