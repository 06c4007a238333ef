import type { Chart } from "chart.js";
import { boundedTicks, drawableRange } from "../charts/axis-range.js";
import { drawBitmap } from "../plugins/heatmap-plugin.js";
import type { Bitmap, ColorScale } from "./heatmap-image.js";
import type { Box } from "./maps-layout.js";
import { formatTick } from "../charts/tick-format.js";

/** The slice of a 2D context the maps image draws text and lines with. */
export interface TextContext {
  font: string;
  fillStyle: string;
  strokeStyle: string;
  lineWidth: number;
  textAlign: string;
  textBaseline: string;
  measureText(text: string): { width: number };
  fillText(text: string, x: number, y: number): void;
  strokeRect(x: number, y: number, w: number, h: number): void;
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  stroke(): void;
  save(): void;
  restore(): void;
  translate(x: number, y: number): void;
  rotate(a: number): void;
}

/** What the colour bar's column is drawn with: colours, font family and sizes, the bar's width and its gap to the maps. */
export interface ColorbarStyle {
  frame: string;
  text: string;
  font: { family: string; tick: number; title: number };
  valueLabel: string;
  barWidth: number;
  barGap: number;
}

const TICK_LENGTH = 4;
const LABEL_GAP = 4;

/**
 * Round tick values of the colour scale and their labels, at most maxTicks + 1. When no round
 * step gives two ticks, boundedTicks falls back to the scale's two ends: their labels are then
 * the values to 3 significant digits (a round end such as 0 or 1 stays "0", "1").
 */
export function colorTicks(scale: ColorScale, maxTicks: number): { value: number; label: string }[] {
  const range = drawableRange(scale);
  const values = boundedTicks(range, maxTicks);
  if (values.length === 2 && values[0] === range.min && values[1] === range.max) {
    return values.map((value) => ({ value, label: String(Number(value.toPrecision(3))).replace("-", "\u2212") }));
  }
  const step = values[1]! - values[0]!;
  const magnitude = values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  return values.map((value) => ({ value, label: formatTick(value, step, magnitude) }));
}

/**
 * The width of the colour bar's column right of the maps: the gap, the bar, its tick marks, the
 * widest tick label of any tick count (the count depends on the bar's height, known only after
 * the maps are laid out in what is left) and the rotated label.
 */
export function colorbarColumnWidth(ctx: TextContext, scale: ColorScale, o: ColorbarStyle): number {
  ctx.save();
  ctx.font = `${o.font.tick}px "${o.font.family}"`;
  let labelWidth = 0;
  for (let count = 2; count <= 10; count++) for (const t of colorTicks(scale, count)) labelWidth = Math.max(labelWidth, ctx.measureText(t.label).width);
  ctx.restore();
  return o.barGap + o.barWidth + TICK_LENGTH + LABEL_GAP + Math.ceil(labelWidth) + Math.round(o.font.title * 0.8) + Math.round(o.font.title * 1.2);
}

/**
 * Draws the colour bar in `bar` (the scale's max at the top), framed, with the most round ticks
 * (up to 11) that stay 2.2 label heights apart, their labels right of it, and the rotated
 * value label right of those. Returns the ticks with their y.
 */
export function drawColorbarColumn(chart: Chart, ctx: TextContext, colorbar: Bitmap, scale: ColorScale, bar: Box, o: ColorbarStyle): { value: number; label: string; y: number }[] {
  let ticks = colorTicks(scale, 2);
  for (let count = 10; count > 2; count--) {
    const candidate = colorTicks(scale, count);
    const apart = candidate.length > 1 ? (bar.height * (candidate[1]!.value - candidate[0]!.value)) / (scale.max - scale.min) : 0;
    if (apart >= o.font.tick * 2.2) {
      ticks = candidate;
      break;
    }
  }
  drawBitmap(chart, colorbar, bar.x, bar.y, bar.width, bar.height);
  const yOf = (v: number) => bar.y + bar.height * (1 - (v - scale.min) / (scale.max - scale.min));
  const placed = ticks.map((t) => ({ ...t, y: Math.round(yOf(t.value)) + 0.5 }));
  ctx.save();
  ctx.strokeStyle = o.frame;
  ctx.lineWidth = 1;
  ctx.strokeRect(bar.x, bar.y, bar.width, bar.height);
  ctx.beginPath();
  for (const t of placed) {
    ctx.moveTo(bar.x + bar.width, t.y);
    ctx.lineTo(bar.x + bar.width + TICK_LENGTH, t.y);
  }
  ctx.stroke();
  ctx.font = `${o.font.tick}px "${o.font.family}"`;
  ctx.fillStyle = o.text;
  ctx.textAlign = "left";
  ctx.textBaseline = "middle";
  const labelsAt = bar.x + bar.width + TICK_LENGTH + LABEL_GAP;
  for (const t of placed) ctx.fillText(t.label, labelsAt, t.y);
  const drawnWidth = Math.max(...placed.map((t) => ctx.measureText(t.label).width));
  if (o.valueLabel !== "") {
    ctx.font = `${o.font.title}px "${o.font.family}"`;
    ctx.textAlign = "center";
    ctx.translate(labelsAt + drawnWidth + Math.round(o.font.title * 0.8) + o.font.title / 2, bar.y + bar.height / 2);
    ctx.rotate(Math.PI / 2);
    ctx.fillText(o.valueLabel, 0, 0);
  }
  ctx.restore();
  return placed;
}
