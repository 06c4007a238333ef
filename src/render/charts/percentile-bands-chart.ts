import type { ChartConfiguration, ChartType, LegendItem, Plugin, Point } from "chart.js";
import { finiteExtent, paddedRange } from "./axis-range.js";
import { backgroundPlugin } from "../plugins/background-plugin.js";
import { baseOptions, noteSubtitle, fontAt, linearAxis, textScale } from "./chart-base.js";
import type { ChartStyle, ChartText } from "./curve-chart.js";
import { Y_HEADROOM } from "./curve-chart.js";
import { translucent } from "./histogram-chart.js";
import { DEAD_COLOR } from "./summary-chart.js";
import { themes } from "./theme.js";
import { zeroLinesPlugin } from "../plugins/zero-lines-plugin.js";
import { crossPaths } from "../plugins/crosses.js";

/** Each neuron's 5th, 25th, 50th, 75th and 95th percentiles (NaN: no finite value), and whether it is dead. */
export interface PercentileBands {
  /** The neurons in the order drawn (x position i is neuron `neurons[i]`). */
  neurons: readonly number[];
  p05: Float64Array;
  p25: Float64Array;
  p50: Float64Array;
  p75: Float64Array;
  p95: Float64Array;
  dead: readonly boolean[];
}

/** Words of the legend. */
export interface PercentileWords {
  median: string;
  inner: string;
  outer: string;
  dead: string;
}

/** The chart config percentileBandsChart builds: axes only, the bands drawn by a plugin. */
export type PercentileBandsConfig = ChartConfiguration<"scatter", Point[]>;

/**
 * The summary of many neurons (hundreds or thousands, where one box each is a solid mass): along
 * x the neurons, and for each its percentiles as bands: 5-95 % light, 25-75 % darker, the median
 * a line; a neuron with no finite value leaves a gap. Dead neurons are red crosses above the
 * bands. y spans the bands with headroom. Inputs are not modified.
 */
export function percentileBandsChart(b: PercentileBands, text: ChartText, words: PercentileWords, style: ChartStyle): PercentileBandsConfig {
  const n = b.neurons.length;
  for (const key of ["p05", "p25", "p50", "p75", "p95"] as const) {
    if (b[key].length !== n) throw new RangeError(`${key} has ${b[key].length} values for ${n} neurons`);
  }
  const theme = themes[style.theme];
  const s = textScale(style);
  const font = fontAt(style);
  const color = theme.palette[0]!;
  const extent = finiteExtent([b.p05, b.p95]);
  let yRange = paddedRange(extent ?? { min: 0, max: 0 }, Y_HEADROOM);
  const anyDead = b.dead.some(Boolean);
  if (anyDead) yRange = { min: yRange.min, max: yRange.max + (yRange.max - yRange.min) * 0.06 };
  const identity = b.neurons.every((v, i) => v === i);
  const x = linearAxis(text.xLabel, { min: -0.5, max: Math.max(1, n) - 0.5 }, theme, style, true);
  const xAxis = identity ? x : { ...x, ticks: { ...x.ticks, callback: (v: number | string) => (Number.isInteger(Number(v)) ? String(b.neurons[Number(v)] ?? "") : "") } };
  const fills = { outer: translucent(color, 0.18), inner: translucent(color, 0.42) };
  const legend: LegendItem[] = [
    { text: words.median, fontColor: theme.text, strokeStyle: color, fillStyle: color, lineWidth: 2, pointStyle: "line", hidden: false, datasetIndex: 0 },
    { text: words.inner, fontColor: theme.text, strokeStyle: fills.inner, fillStyle: fills.inner, lineWidth: 0, pointStyle: "rect", hidden: false, datasetIndex: 0 },
    { text: words.outer, fontColor: theme.text, strokeStyle: fills.outer, fillStyle: fills.outer, lineWidth: 0, pointStyle: "rect", hidden: false, datasetIndex: 0 },
    ...(anyDead ? [{ text: words.dead, fontColor: theme.text, strokeStyle: DEAD_COLOR[style.theme], fillStyle: DEAD_COLOR[style.theme], lineWidth: 2, pointStyle: "crossRot" as const, hidden: false, datasetIndex: 0 }] : []),
  ];
  const { title, ...base } = baseOptions(text.title, style, theme);
  return {
    type: "scatter",
    data: { datasets: [] },
    plugins: [backgroundPlugin, zeroLinesPlugin, percentileBandsPlugin(b, { ...fills, median: color, dead: DEAD_COLOR[style.theme], mark: Math.round(6 * s) })],
    options: {
      ...base,
      scales: { x: xAxis, y: linearAxis(text.yLabel, yRange, theme, style) },
      plugins: {
        title,
        // only with a note: without one the config is as it always was
        ...(text.note !== undefined ? { subtitle: noteSubtitle(text.note, style, theme) } : {}),
        legend: { display: true, position: "top", align: "end", labels: { color: theme.text, font: font(12), usePointStyle: true, boxHeight: Math.round(8 * s), generateLabels: () => legend.map((l) => ({ ...l })) } },
        tooltip: { enabled: false },
        actvizBackground: { color: theme.background },
        actvizZeroLines: { color: theme.zeroLine, width: 1 },
      },
    },
  };
}

/**
 * Draws the bands as filled polygons (one per run of neurons with finite percentiles), the median
 * as a line over them, and the dead neurons' crosses along the top of the plot.
 */
function percentileBandsPlugin(b: PercentileBands, c: { outer: string; inner: string; median: string; dead: string; mark: number }): Plugin<ChartType> {
  return {
    id: "actvizPercentileBands",
    beforeDatasetsDraw(chart) {
      const { ctx, chartArea: area, scales } = chart;
      const { x, y } = scales;
      if (!x || !y) return;
      ctx.save();
      ctx.beginPath();
      ctx.rect(area.left, area.top, area.right - area.left, area.bottom - area.top);
      ctx.clip();
      const n = b.neurons.length;
      const px = (i: number) => x.getPixelForValue(i);
      // runs of consecutive neurons whose percentiles are all finite
      const runs: [number, number][] = [];
      for (let i = 0; i < n; ) {
        while (i < n && !Number.isFinite(b.p05[i]! + b.p95[i]!)) i++;
        const start = i;
        while (i < n && Number.isFinite(b.p05[i]! + b.p95[i]!)) i++;
        if (i > start) runs.push([start, i]);
      }
      const band = (lo: Float64Array, hi: Float64Array, fill: string) => {
        ctx.beginPath();
        for (const [a, e] of runs) {
          if (e - a === 1) {
            // a lone neuron between gaps: as wide as its slot
            const top = y.getPixelForValue(hi[a]!);
            ctx.rect(px(a - 0.4), top, px(a + 0.4) - px(a - 0.4), y.getPixelForValue(lo[a]!) - top);
            continue;
          }
          ctx.moveTo(px(a), y.getPixelForValue(hi[a]!));
          for (let i = a + 1; i < e; i++) ctx.lineTo(px(i), y.getPixelForValue(hi[i]!));
          for (let i = e - 1; i >= a; i--) ctx.lineTo(px(i), y.getPixelForValue(lo[i]!));
          ctx.closePath();
        }
        ctx.fillStyle = fill;
        ctx.fill();
      };
      band(b.p05, b.p95, c.outer);
      band(b.p25, b.p75, c.inner);
      ctx.beginPath();
      for (const [a, e] of runs) {
        ctx.moveTo(px(a), y.getPixelForValue(b.p50[a]!));
        for (let i = a + 1; i < e; i++) ctx.lineTo(px(i), y.getPixelForValue(b.p50[i]!));
      }
      ctx.strokeStyle = c.median;
      ctx.lineWidth = 1.5;
      ctx.lineJoin = "round";
      ctx.stroke();
      ctx.restore();
      // dead neurons: crosses along the top, above the bands
      const top = area.top + c.mark;
      ctx.save();
      ctx.strokeStyle = c.dead;
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      crossPaths(ctx, b.dead.flatMap((dead, i) => (dead ? [px(i)] : [])), top, c.mark / 2);
      ctx.stroke();
      ctx.restore();
    },
  };
}
