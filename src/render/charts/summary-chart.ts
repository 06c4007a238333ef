import type { ChartConfiguration, LegendItem, Point } from "chart.js";
import type { BoxStats } from "../../core/quantiles.js";
import { finiteExtent, paddedRange, widened } from "./axis-range.js";
import type { AxisRange } from "./axis-range.js";
import { backgroundPlugin } from "../plugins/background-plugin.js";
import { boxPlotPlugin } from "../plugins/box-plot-plugin.js";
import { baseOptions, noteSubtitle, categoryAxis, fontAt, linearAxis, textScale } from "./chart-base.js";
import type { ChartStyle, ChartText } from "./curve-chart.js";
import { Y_HEADROOM } from "./curve-chart.js";
import { themes } from "./theme.js";
import type { ThemeName } from "./theme.js";
import { zeroLinesPlugin } from "../plugins/zero-lines-plugin.js";

/** One neuron of the summary chart. */
export interface SummaryItem {
  label: string;
  box: BoxStats;
  dead: boolean;
  /** The same neuron in a baseline, drawn beside it (paired boxes). */
  baseline?: { box: BoxStats; dead: boolean };
}

/** The chart config summaryChart builds: a category axis, the boxes drawn by a plugin. */
export type SummaryChartConfig = ChartConfiguration<"scatter", Point[], string>;

/** Red for dead neurons: the cross, the tick label, the legend entry. */
export const DEAD_COLOR: Record<ThemeName, string> = { light: "#d62728", dark: "#ff6b6b" };
/** Grey box of a dead neuron. */
const DEAD_BOX: Record<ThemeName, string> = { light: "#a0a4aa", dark: "#6b7078" };

/**
 * Every k-th category label is shown so that about `room` CSS px hold each shown label:
 * k is the smallest of 1, 2, 5, 10, 20, 50 ... that fits (label i is shown when i % k == 0).
 */
export function labelStride(count: number, widestChars: number, plotWidth: number, fontSize: number): number {
  const need = (Math.max(1, widestChars) * 0.62 + 1.2) * fontSize;
  const fit = Math.max(1, Math.floor(plotWidth / need));
  for (let k = 1; ; k *= 10) {
    for (const m of [1, 2, 5]) if (Math.ceil(count / (k * m)) <= fit) return k * m;
  }
}

/**
 * A new Chart.js config with one box plot per neuron on a category x axis (the item labels):
 * box q1..q3, median line, whiskers, min and max as small circles beyond the whiskers. Dead
 * neurons get a grey box and a red cross at the top of the plot (their tick labels stay as the
 * others), and the legend shows a "dead" entry when there is one. With many neurons only every k-th label is
 * shown (see labelStride). y spans the finite whiskers, min and max with headroom, or
 * yRange exactly. Items with no finite value leave an empty slot. Inputs are not modified.
 */
export function summaryChart(items: readonly SummaryItem[], text: ChartText, style: ChartStyle, options: { yRange?: AxisRange; names?: readonly [string, string] } = {}): SummaryChartConfig {
  const theme = themes[style.theme];
  const s = textScale(style);
  const font = fontAt(style);
  const anyDead = items.some((it) => it.dead);
  const paired = items.length > 0 && items.every((it) => it.baseline !== undefined);
  const boxesOf = (it: SummaryItem) => (it.baseline ? [it.box, it.baseline.box] : [it.box]);
  const extent = finiteExtent(items.flatMap(boxesOf).map((b) => [b.min, b.max, b.whiskerLow, b.whiskerHigh]));
  let yRange = options.yRange ? { ...options.yRange } : paddedRange(extent ?? { min: 0, max: 0 }, Y_HEADROOM);
  // room above the boxes for the dead crosses
  if (!options.yRange && anyDead) yRange = widened(yRange, 0, (yRange.max - yRange.min) * 0.08);
  const labels = items.map((it) => it.label);
  const tickSize = font(12).size;
  const stride = labelStride(items.length, labels.reduce((m, l) => Math.max(m, l.length), 1), style.width - 110 * s, tickSize);
  const dead = items.map((it) => it.dead);
  const { title, ...base } = baseOptions(text.title, style, theme);
  const yAxis = linearAxis(text.yLabel, yRange, theme, style);
  const pairColor = theme.palette[1]!;
  const pairFill = style.theme === "light" ? "rgba(213, 94, 0, 0.22)" : "rgba(230, 159, 0, 0.3)";
  const [current, before] = options.names ?? ["current", "baseline"];
  const pairLegend: LegendItem[] = paired
    ? [
        { text: before, fontColor: theme.text, strokeStyle: pairColor, fillStyle: pairFill, lineWidth: 1, pointStyle: "rect", hidden: false, datasetIndex: 0 },
        { text: current, fontColor: theme.text, strokeStyle: theme.palette[0]!, fillStyle: style.theme === "light" ? "rgba(0, 114, 178, 0.25)" : "rgba(86, 180, 233, 0.3)", lineWidth: 1, pointStyle: "rect", hidden: false, datasetIndex: 0 },
      ]
    : [];
  const deadLegend: LegendItem = { text: "dead", fontColor: theme.text, strokeStyle: DEAD_COLOR[style.theme], fillStyle: DEAD_COLOR[style.theme], lineWidth: 2, pointStyle: "crossRot", hidden: false, datasetIndex: 0 };
  return {
    type: "scatter",
    data: { labels, datasets: [] },
    plugins: [backgroundPlugin, zeroLinesPlugin, boxPlotPlugin],
    options: {
      ...base,
      scales: {
        // dead neurons are marked by their crosses alone: a tick label turned red only where the
        // stride happened to land on one read as a glitch
        x: categoryAxis(labels, stride, text.xLabel, theme, style),
        y: yAxis,
      },
      plugins: {
        title,
        // only with a note: without one the config is as it always was
        ...(text.note !== undefined ? { subtitle: noteSubtitle(text.note, style, theme) } : {}),
        legend: {
          display: anyDead || paired,
          position: "top",
          align: "end",
          labels: { color: theme.text, font: font(12), usePointStyle: true, boxHeight: Math.round(8 * s), generateLabels: () => [...pairLegend.map((l) => ({ ...l })), ...(anyDead ? [{ ...deadLegend }] : [])] },
        },
        tooltip: { enabled: false },
        actvizBackground: { color: theme.background },
        actvizZeroLines: { color: theme.zeroLine, width: 1 },
        actvizBoxPlot: {
          boxes: items.map((it) => ({ ...it.box, dead: it.dead })),
          color: theme.palette[0]!,
          fill: style.theme === "light" ? "rgba(0, 114, 178, 0.25)" : "rgba(86, 180, 233, 0.3)",
          median: theme.text,
          deadColor: DEAD_BOX[style.theme],
          deadMark: DEAD_COLOR[style.theme],
          widthShare: 0.6,
          markSize: Math.round(8 * s),
          ...(paired ? { paired: { boxes: items.map((it) => ({ ...it.baseline!.box, dead: it.baseline!.dead })), color: pairColor, fill: pairFill } } : {}),
        },
      },
    },
  };
}
