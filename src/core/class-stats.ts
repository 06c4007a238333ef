import { checkShape, type Matrix } from "./matrix.js";

/** Per class and neuron statistics of a [samples, neurons] matrix: cell (c, j) at `c * cols + j`. */
export interface ClassStats {
  classes: number;
  cols: number;
  /** Samples of each class. */
  samples: Float64Array;
  /** Finite values of neuron j in class c. */
  count: Float64Array;
  /** Mean of those finite values (float64); NaN when there are none. */
  mean: Float64Array;
  /** Their population standard deviation (ddof = 0); NaN when there are none. */
  std: Float64Array;
}

/**
 * The mean and standard deviation of every neuron over the samples of each class, in one pass
 * over the row-major data: row i belongs to class `classOf[i]` (0 <= classOf[i] < classes).
 * Welford's update on values shifted by the cell's first finite value, in float64, as
 * columnStats; NaN and ±Infinity are left out. RangeError for a class index out of range or a
 * classOf of the wrong length.
 */
export function classStats(m: Matrix, classOf: Int32Array, classes: number): ClassStats {
  const { rows, cols, data } = m;
  checkShape(rows, cols, data.length);
  if (!Number.isInteger(classes) || classes < 1) throw new RangeError(`classes must be a positive integer (got ${classes})`);
  if (classOf.length !== rows) throw new RangeError(`${classOf.length} class indices for ${rows} rows`);
  const size = classes * cols;
  const samples = new Float64Array(classes);
  const count = new Float64Array(size);
  const shift = new Float64Array(size);
  const mean = new Float64Array(size);
  const m2 = new Float64Array(size);
  for (let i = 0, base = 0; i < rows; i++, base += cols) {
    const c = classOf[i]!;
    if (!(c >= 0 && c < classes)) throw new RangeError(`row ${i} has class ${c} (expected 0-${classes - 1})`);
    samples[c]!++;
    const at = c * cols;
    for (let j = 0; j < cols; j++) {
      const v = data[base + j]!;
      if (v - v !== 0) continue; // NaN or ±Infinity
      const k = at + j;
      const n = count[k]! + 1;
      count[k] = n;
      if (n === 1) shift[k] = v;
      else {
        const y = v - shift[k]!;
        const d = y - mean[k]!;
        const mk = mean[k]! + d / n;
        mean[k] = mk;
        m2[k] = m2[k]! + d * (y - mk);
      }
    }
  }
  const std = new Float64Array(size);
  for (let k = 0; k < size; k++) {
    const n = count[k]!;
    mean[k] = n === 0 ? NaN : shift[k]! + mean[k]!;
    std[k] = n === 0 ? NaN : Math.sqrt(Math.max(0, m2[k]!) / n);
  }
  return { classes, cols, samples, count, mean, std };
}

/** Neuron j's mean in each class, in class order. */
export function classMeans(s: ClassStats, j: number): Float64Array {
  const out = new Float64Array(s.classes);
  for (let c = 0; c < s.classes; c++) out[c] = s.mean[c * s.cols + j]!;
  return out;
}
