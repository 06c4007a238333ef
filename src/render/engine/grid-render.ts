import type { ChartConfiguration, ChartType } from "chart.js";
import { UsageError } from "../../errors.js";
import { gridAxisBand, gridLayout, gridTitleHeight, MIN_PANEL } from "./grid-layout.js";
import type { GridShape } from "./grid-layout.js";
import { renderComposite } from "./renderer.js";
import type { RenderTarget } from "./renderer.js";
import { themes } from "../charts/theme.js";
import type { ThemeName } from "../charts/theme.js";

/** The frame around the panels: the overall title, the axis titles the panels share (once per grid), theme and font. */
export interface GridFrame {
  title?: string;
  xLabel?: string;
  yLabel?: string;
  theme: ThemeName;
  fontFamily: string;
}

interface RotateContext {
  save(): void;
  restore(): void;
  translate(x: number, y: number): void;
  rotate(angle: number): void;
}

interface TextContext {
  fillStyle: string;
  font: string;
  textAlign: string;
  textBaseline: string;
  fillRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number): void;
}

/**
 * The size each panel of the grid gets (build the panel configs with this as the style's
 * width and height, so their text scales to the panel). Throws UsageError (E_GRID) as gridLayout.
 */
export function gridPanelSize(grid: GridShape, target: { width: number; height: number }, frame: GridFrame): { width: number; height: number } {
  const box = gridLayout(grid, target.width, target.height, gridTitleHeight(target.width, target.height, hasTitle(frame)), axisBands(grid, frame, target))[0]!;
  return { width: box.width, height: box.height };
}

/**
 * Room for the shared axis titles: a band on the left for y, at the bottom for x (0 without them,
 * and 0 where the band would leave panels below MIN_PANEL: the titles are left out, not the grid).
 */
function axisBands(grid: GridShape, frame: GridFrame, target: { width: number; height: number }): { left: number; bottom: number } {
  const band = gridAxisBand(target.width, target.height);
  const titleHeight = gridTitleHeight(target.width, target.height, hasTitle(frame));
  const fitsX = Math.floor((target.width - band) / grid.cols) >= MIN_PANEL.width;
  const fitsY = Math.floor((target.height - titleHeight - band) / grid.rows) >= MIN_PANEL.height;
  return { left: frame.yLabel && fitsX ? band : 0, bottom: frame.xLabel && fitsY ? band : 0 };
}

function hasTitle(frame: GridFrame): boolean {
  return frame.title !== undefined && frame.title !== "";
}

/**
 * Renders small multiples into ONE image of the target's size (target.width x target.height,
 * times scale for PNG): the theme background, the overall title centred on top, then panel k
 * (a chart config builder, called once) at row floor(k / cols), column k % cols. Panels are
 * drawn by Chart.js into their part of a single canvas, so SVG and PDF stay vector. Sharing
 * the y range is the caller's: pass the same yRange to every panel builder. Fewer panels than
 * cells leave the last cells empty. Throws UsageError (E_GRID) for more panels than cells or
 * panels too small, and as renderChart for a bad target.
 */
export async function renderGrid(panels: readonly (() => ChartConfiguration<ChartType, unknown[], unknown>)[], grid: GridShape, target: RenderTarget, frame: GridFrame): Promise<Buffer> {
  const titleHeight = gridTitleHeight(target.width, target.height, hasTitle(frame));
  const bands = axisBands(grid, frame, target);
  const boxes = gridLayout(grid, target.width, target.height, titleHeight, bands);
  if (panels.length > boxes.length) {
    throw new UsageError(`${panels.length} panels do not fit a ${grid.rows}x${grid.cols} grid (expected at most ${boxes.length})`, "E_GRID");
  }
  const theme = themes[frame.theme];
  return renderComposite(target, ({ ctx, drawChart }) => {
    const c = ctx as TextContext;
    c.fillStyle = theme.background;
    c.fillRect(0, 0, target.width, target.height);
    if (hasTitle(frame)) {
      c.fillStyle = theme.text;
      c.font = `bold ${Math.round(titleHeight * 0.55)}px "${frame.fontFamily}"`;
      c.textAlign = "center";
      c.textBaseline = "middle";
      c.fillText(frame.title!, target.width / 2, titleHeight * 0.55);
    }
    // the axis titles the panels share, once: x centred under the panels, y rotated at their left
    const size = Math.round(Math.max(bands.left, bands.bottom) * 0.55);
    c.fillStyle = theme.text;
    c.font = `${size}px "${frame.fontFamily}"`;
    c.textAlign = "center";
    c.textBaseline = "middle";
    const last = boxes[Math.min(boxes.length, grid.rows * grid.cols) - 1]!;
    const first = boxes[0]!;
    if (frame.xLabel && bands.bottom > 0) c.fillText(frame.xLabel, (first.x + last.x + last.width) / 2, target.height - bands.bottom / 2);
    if (frame.yLabel && bands.left > 0) {
      const r = ctx as RotateContext;
      r.save();
      r.translate(bands.left / 2, (first.y + last.y + last.height) / 2);
      r.rotate(-Math.PI / 2);
      c.fillText(frame.yLabel, 0, 0);
      r.restore();
    }
    panels.forEach((make, k) => drawChart(make, boxes[k]!));
  });
}
