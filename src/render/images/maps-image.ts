import type { Matrix } from "../../core/matrix.js";
import { colormapLut, NONFINITE_RGB } from "../charts/colormap.js";
import { downsampleMatrix } from "./heatmap-downsample.js";
import { lutIndex, type Bitmap, type ColorScale } from "./heatmap-image.js";

/**
 * One feature map as a bitmap: `values` row-major height x width (row 0 at the top, as
 * matplotlib's imshow shows an image), coloured on `scale`, non-finite pixels grey. A map
 * larger than maxWidth x maxHeight is first shrunk to it (mean of each block's finite values),
 * so nearest-neighbour drawing does not drop pixels. Opaque.
 */
export function mapBitmap(values: Matrix["data"], height: number, width: number, scale: ColorScale, maxWidth = width, maxHeight = height): Bitmap {
  const m: Matrix = { rows: height, cols: width, data: values };
  const grid = width > maxWidth || height > maxHeight ? downsampleMatrix(m, Math.max(1, maxHeight), Math.max(1, maxWidth)) : { rows: height, cols: width, data: values };
  const lut = colormapLut(scale.colormap);
  const data = new Uint8ClampedArray(grid.rows * grid.cols * 4);
  for (let i = 0; i < grid.rows * grid.cols; i++) {
    const k = lutIndex(grid.data[i]!, scale);
    const p = 4 * i;
    if (k < 0) {
      data[p] = NONFINITE_RGB[0];
      data[p + 1] = NONFINITE_RGB[1];
      data[p + 2] = NONFINITE_RGB[2];
    } else {
      data[p] = lut[3 * k]!;
      data[p + 1] = lut[3 * k + 1]!;
      data[p + 2] = lut[3 * k + 2]!;
    }
    data[p + 3] = 255;
  }
  return { width: grid.cols, height: grid.rows, data };
}
