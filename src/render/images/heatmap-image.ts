import { constantRange } from "../../core/constant-range.js";
import { colormapLut, LUT_SIZE, NONFINITE_RGB } from "../charts/colormap.js";
import type { ColormapName } from "../charts/colormap.js";
import type { CellGrid } from "./heatmap-downsample.js";

/** RGBA pixels, row-major, ready for ImageData. */
export interface Bitmap {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** The value range a colour map spans, and the map. */
export interface ColorScale {
  min: number;
  max: number;
  colormap: ColormapName;
}

/**
 * The colour scale of a grid of values: a diverging map centred on 0 (rdbu over ±max|v|) when
 * there are negative and positive values, else viridis over [min, max] (widened to
 * [v - 0.5, v + 0.5] for a constant, [0, 1] when nothing is finite).
 */
export function colorScaleFor(values: ArrayLike<number>): ColorScale {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v - v !== 0) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min > max) return { min: 0, max: 1, colormap: "viridis" };
  if (min < 0 && max > 0) {
    const m = Math.max(-min, max);
    return { min: -m, max: m, colormap: "rdbu" };
  }
  if (min !== max) return { min, max, colormap: "viridis" };
  // a constant: ±0.5 around it, or ±|v|·2^-20 where 0.5 is lost to rounding (1e300)
  const [lo, hi] = constantRange(min);
  return { min: lo, max: hi, colormap: "viridis" };
}

/**
 * The diverging colour scale of a difference: RdBu centred on 0 over ±max|v| whatever the signs,
 * so 0 (no change) is white; ±1 when no value is finite or all are 0.
 */
export function centredScaleFor(values: ArrayLike<number>): ColorScale {
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v - v === 0 && Math.abs(v) > m) m = Math.abs(v);
  }
  if (m === 0) m = 1;
  return { min: -m, max: m, colormap: "rdbu" };
}

/** The lookup-table entry of value v on the scale (clamped); -1 for a non-finite v. */
export function lutIndex(v: number, scale: ColorScale): number {
  if (v - v !== 0) return -1;
  const t = (v - scale.min) / (scale.max - scale.min);
  return Math.min(LUT_SIZE - 1, Math.max(0, Math.round(t * (LUT_SIZE - 1))));
}

/**
 * The heatmap bitmap of a grid, transposed: grid row r (a sample block) becomes image column r
 * and grid column c (a neuron block) image row c, so samples run left to right and neuron 0 is
 * the top row. Non-finite cells are grey; opaque everywhere.
 */
export function heatmapImage(grid: CellGrid, scale: ColorScale): Bitmap {
  const width = grid.rows;
  const height = grid.cols;
  const lut = colormapLut(scale.colormap);
  const data = new Uint8ClampedArray(width * height * 4);
  for (let r = 0; r < grid.rows; r++) {
    for (let c = 0; c < grid.cols; c++) {
      const k = lutIndex(grid.data[r * grid.cols + c]!, scale);
      const p = 4 * (c * width + r);
      if (k < 0) data.set(NONFINITE_RGB, p);
      else {
        data[p] = lut[3 * k]!;
        data[p + 1] = lut[3 * k + 1]!;
        data[p + 2] = lut[3 * k + 2]!;
      }
      data[p + 3] = 255;
    }
  }
  return { width, height, data };
}

/** The colour bar: 1 x LUT_SIZE pixels, the scale's max at the top. */
export function colorbarImage(scale: ColorScale): Bitmap {
  const lut = colormapLut(scale.colormap);
  const data = new Uint8ClampedArray(LUT_SIZE * 4);
  for (let k = 0; k < LUT_SIZE; k++) {
    const e = LUT_SIZE - 1 - k;
    data.set([lut[3 * e]!, lut[3 * e + 1]!, lut[3 * e + 2]!, 255], 4 * k);
  }
  return { width: 1, height: LUT_SIZE, data };
}
