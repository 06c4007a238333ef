import type { Chart, ChartType, Plugin } from "chart.js";
import { drawBitmap } from "./heatmap-plugin.js";
import type { Bitmap, ColorScale } from "../images/heatmap-image.js";
import { mapBitmap } from "../images/maps-image.js";
import { mapsLayout, type Box } from "../images/maps-layout.js";
import { colorbarColumnWidth, drawColorbarColumn, type TextContext } from "../images/maps-colorbar.js";

/** Feature maps of one sample: `channels.length` maps of height x width, each row-major, one after another. */
export interface FeatureMaps {
  height: number;
  width: number;
  /** The channel index of each map (its label). */
  channels: number[];
  data: Float32Array | Float64Array;
}

/** What the maps plugin draws with: colours, the font family and sizes (px), gaps in CSS px. */
export interface MapsPluginOptions {
  frame: string;
  text: string;
  font: { family: string; label: number; tick: number; title: number };
  /** The colour bar's label. */
  valueLabel: string;
  /** Height of the label band over each map, the gap between cells, the colour bar's width and its gap to the maps. */
  labelHeight: number;
  cellGap: number;
  barWidth: number;
  barGap: number;
}

declare module "chart.js" {
  interface PluginOptionsByType<TType extends ChartType> {
    actvizMaps?: MapsPluginOptions;
  }
}

/** A maps plugin object: it carries what it draws, and after a draw where it drew it (read them in tests). */
export interface MapsPlugin extends Plugin<ChartType, MapsPluginOptions> {
  readonly maps: FeatureMaps;
  readonly scale: ColorScale;
  readonly colorbar: Bitmap;
  /** Set by each draw: the map boxes, the colour bar, its ticks. */
  drawn?: { maps: Box[]; bar: Box; ticks: { value: number; label: string; y: number }[] };
}

/**
 * A new plugin that draws, in the chart area, the maps as a grid (mapsLayout: the largest
 * maps that fit, aspect kept), each ONE bitmap on the shared colour `scale` (shrunk first when
 * it has more pixels than its box has device pixels), framed, its label centred above it (the
 * bare channel numbers when a label is wider than its map); then the colour bar as tall as
 * the maps, right of them, with round ticks and its label. Grid and bar are centred together.
 */
export function mapsPlugin(maps: FeatureMaps, labels: readonly string[], scale: ColorScale, colorbar: Bitmap): MapsPlugin {
  const size = maps.height * maps.width;
  const plugin: MapsPlugin = {
    id: "actvizMaps",
    maps,
    scale,
    colorbar,
    beforeDatasetsDraw(chart, _args, o) {
      const n = maps.channels.length;
      const a = chart.chartArea;
      const ctx = chart.ctx as unknown as TextContext;
      const fontOf = (px: number) => `${px}px "${o.font.family}"`;
      // a little room under the last row, for the colour bar's lowest label
      const areaHeight = a.bottom - a.top - Math.round(o.font.tick / 2);
      const column = colorbarColumnWidth(ctx, scale, o);
      const layout = mapsLayout(Math.max(1, n), maps.width, maps.height, { x: a.left, y: a.top, width: Math.max(1, a.right - a.left - column), height: areaHeight }, o.labelHeight, o.cellGap);
      const boxes = layout.maps.slice(0, n);
      const left = Math.min(...layout.maps.map((b) => b.x));
      const right = Math.max(...layout.maps.map((b) => b.x + b.width));
      const dx = Math.round(a.left + (a.right - a.left - (right - left + column)) / 2 - left);
      const shifted = (b: Box): Box => ({ ...b, x: b.x + dx });
      // every label in full when the widest fits over its map, else every one as the bare channel number
      ctx.save();
      ctx.font = fontOf(o.font.label);
      const short = labels.length < n || Math.max(0, ...labels.map((l) => ctx.measureText(l).width)) > (layout.labels[0]?.width ?? 0) + o.cellGap * 0.6;
      ctx.restore();
      const ratio = (chart as Chart & { currentDevicePixelRatio?: number }).currentDevicePixelRatio ?? 1;
      for (let k = 0; k < n; k++) {
        const box = shifted(boxes[k]!);
        if (box.width <= 0 || box.height <= 0) continue;
        const values = maps.data.subarray(k * size, (k + 1) * size);
        drawBitmap(chart, mapBitmap(values, maps.height, maps.width, scale, Math.ceil(box.width * ratio), Math.ceil(box.height * ratio)), box.x, box.y, box.width, box.height);
        ctx.save();
        ctx.strokeStyle = o.frame;
        ctx.lineWidth = 1;
        ctx.strokeRect(box.x - 0.5, box.y - 0.5, box.width + 1, box.height + 1);
        ctx.font = fontOf(o.font.label);
        ctx.fillStyle = o.text;
        ctx.textAlign = "center";
        ctx.textBaseline = "middle";
        const band = shifted(layout.labels[k]!);
        ctx.fillText(short ? String(maps.channels[k]) : labels[k]!, band.x + band.width / 2, band.y + band.height / 2);
        ctx.restore();
      }

      // the colour bar spans the maps from the top of the first row to the bottom of the last
      const top = Math.min(...layout.maps.map((b) => b.y));
      const bottom = Math.max(...layout.maps.map((b) => b.y + b.height));
      const bar: Box = { x: right + dx + o.barGap, y: top, width: o.barWidth, height: bottom - top };
      const ticks = drawColorbarColumn(chart, ctx, colorbar, scale, bar, o);
      plugin.drawn = { maps: boxes.map(shifted), bar, ticks };
    },
  };
  return plugin;
}
