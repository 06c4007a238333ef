import type { Tick } from "chart.js";
import type { ChartStyle } from "./curve-chart.js";
import type { Theme } from "./theme.js";
import { formatTick } from "./tick-format.js";
import { axisLimits } from "./linear-axis-ticks.js";

/** A Chart.js font spec. */
export interface FontSpec {
  family: string;
  size: number;
  weight?: "bold";
}

/**
 * How much text and spacing scale with the chart size, relative to the 800x500 default.
 * Smaller than curveChart's floor (0.85) so grid panels of ~200x130 px stay legible.
 */
export function textScale(style: ChartStyle): number {
  return Math.min(2, Math.max(0.7, Math.min(style.width / 800, style.height / 500)));
}

/** A font factory at the chart's scale. */
export function fontAt(style: ChartStyle): (size: number, weight?: "bold") => FontSpec {
  const s = textScale(style);
  return (size, weight) => ({ family: style.fontFamily, size: Math.round(size * s), ...(weight ? { weight } : {}) });
}

/** Options every neuron chart shares: no animation or events, en-US, layout padding, title. */
export function baseOptions(title: string | undefined, style: ChartStyle, theme: Theme) {
  const s = textScale(style);
  const font = fontAt(style);
  return {
    responsive: false,
    maintainAspectRatio: false,
    animation: false as const,
    parsing: false as const,
    normalized: true,
    locale: "en-US",
    color: theme.text,
    font: font(12),
    events: [],
    layout: { padding: { top: Math.round(10 * s), right: Math.round(20 * s), bottom: Math.round(6 * s), left: Math.round(6 * s) } },
    title: {
      display: title !== undefined && title !== "",
      text: title ?? "",
      color: theme.text,
      font: font(16, "bold"),
      padding: { top: 0, bottom: Math.round(8 * s) },
    },
  };
}

/** Chart.js's subtitle: one line under the title in the theme's text colour, a size below the axis titles. */
export function noteSubtitle(note: string, style: ChartStyle, theme: Theme) {
  const s = textScale(style);
  return { display: true, text: note, color: theme.text, font: fontAt(style)(11), padding: { top: 0, bottom: Math.round(8 * s) } };
}

/** A tick label callback: formatTick with the axis's step and largest |tick|. */
export function tickLabel(value: number | string, _index: number, ticks: Tick[]): string {
  const v = Number(value);
  const step = ticks.length > 1 ? ticks[1]!.value - ticks[0]!.value : Math.abs(v) || 1;
  const magnitude = ticks.reduce((m, t) => Math.max(m, Math.abs(t.value)), Math.abs(v));
  return formatTick(v, step, magnitude);
}

/** An axis title in the theme's text colour, hidden when empty (a grid panel's). */
export function axisTitle(title: string, theme: Theme, style: ChartStyle) {
  return { display: title !== "", text: title, color: theme.text, font: fontAt(style)(13), padding: { top: 4, bottom: 2 } };
}

/**
 * A linear axis from range.min to range.max in the theme's colours, ticks on round numbers
 * formatted by formatTick; `integer` keeps ticks on whole numbers (sample or neuron indices).
 */
export function linearAxis(title: string, range: { min: number; max: number }, theme: Theme, style: ChartStyle, integer = false) {
  const font = fontAt(style);
  return {
    ...axisLimits(range),
    title: axisTitle(title, theme, style),
    ticks: { color: theme.text, font: font(12), includeBounds: false, maxRotation: 0, ...(integer ? { precision: 0 } : {}), callback: tickLabel },
    grid: { color: theme.grid, tickColor: theme.grid, lineWidth: 1, drawTicks: true, tickLength: 5 },
    border: { display: true, color: theme.axis, width: 1 },
  };
}

/**
 * A category axis of named slots (neurons, classes), one slot each with room on both sides,
 * labelled every `stride`-th slot (see labelStride), no grid lines across the plot.
 */
export function categoryAxis(labels: readonly string[], stride: number, title: string, theme: Theme, style: ChartStyle) {
  const font = fontAt(style);
  return {
    type: "category" as const,
    offset: true,
    title: axisTitle(title, theme, style),
    ticks: { autoSkip: false, maxRotation: 0, font: font(12), color: theme.text, callback: (_value: number | string, index: number) => (index % stride === 0 ? labels[index] : "") },
    grid: { display: false, drawTicks: true, tickLength: 4, tickColor: theme.grid },
    border: { display: true, color: theme.axis, width: 1 },
  };
}

