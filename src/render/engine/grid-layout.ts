import { UsageError } from "../../errors.js";
import type { PanelBox } from "./panel-context.js";

/** A grid of small multiples: rows x cols panels. */
export interface GridShape {
  rows: number;
  cols: number;
}

/** Panels smaller than this (CSS px) cannot show axes and a line; the grid is refused. */
export const MIN_PANEL = { width: 120, height: 80 };

/** Height of the overall title band for an image of this size (0 without a title). */
export function gridTitleHeight(width: number, height: number, hasTitle: boolean): number {
  if (!hasTitle) return 0;
  const s = Math.min(2, Math.max(0.85, Math.min(width / 800, height / 500)));
  return Math.round(30 * s);
}

/** Width of the band for an axis title shared by a grid's panels (left, rotated; or bottom), CSS px. */
export function gridAxisBand(width: number, height: number): number {
  const s = Math.min(2, Math.max(0.85, Math.min(width / 800, height / 500)));
  return Math.round(22 * s);
}

/**
 * The panel boxes of a rows x cols grid filling width x height below a title band of
 * `titleHeight` (and right of a `left` band, above a `bottom` band: shared axis titles), row by row, panel k at row floor(k / cols), column k % cols. Panels get
 * whole-pixel sizes, equal for all, and the leftover pixels (< cols, < rows) are shared out as
 * margins so the grid stays centred. Throws UsageError (E_GRID) for a shape that is not two
 * positive integers or panels smaller than MIN_PANEL.
 */
export function gridLayout(grid: GridShape, width: number, height: number, titleHeight: number, bands: { left: number; bottom: number } = { left: 0, bottom: 0 }): PanelBox[] {
  const { rows, cols } = grid;
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 1 || cols < 1) {
    throw new UsageError(`grid ${rows}x${cols} is not usable (expected ROWSxCOLS, two positive integers, e.g. 2x3)`, "E_GRID");
  }
  const pw = Math.floor((width - bands.left) / cols);
  const ph = Math.floor((height - titleHeight - bands.bottom) / rows);
  if (pw < MIN_PANEL.width || ph < MIN_PANEL.height) {
    throw new UsageError(`grid ${rows}x${cols} in ${width}x${height} gives panels of ${pw}x${Math.max(0, ph)} px (expected at least ${MIN_PANEL.width}x${MIN_PANEL.height}: fewer panels or a larger image)`, "E_GRID");
  }
  const left = bands.left + Math.floor((width - bands.left - pw * cols) / 2);
  const top = titleHeight + Math.floor((height - titleHeight - bands.bottom - ph * rows) / 2);
  const boxes: PanelBox[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) boxes.push({ x: left + c * pw, y: top + r * ph, width: pw, height: ph });
  }
  return boxes;
}
