import { checkShape, type Matrix } from "./matrix.js";

/** Per class and neuron means of a [samples, neurons] matrix: cell (c, j) at `c * cols + j`. */
export interface ClassStats {
  classes: number;
  cols: number;
  /** Samples of each class. */
  samples: Float64Array;
  /** Finite values of neuron j in class c. */
  count: Float64Array;
  /** Mean of those finite values (float64); NaN when there are none. */
  mean: Float64Array;
}

/**
 * The mean of every neuron over the samples of each class: row i belongs to class `classOf[i]`
 * (0 <= classOf[i] < classes). One pass over the row-major data adds every value to its cell's
 * float64 sum, with no test per value (a relative error of at most ~rows·2⁻⁵³ of the sum of
 * |values|); the rare cell whose sum is not finite (a NaN or ±Infinity in its data, or an
 * overflow) is then recomputed from its column alone, leaving NaN and ±Infinity out, with a
 * running mean that cannot overflow. Labels so cost a fraction of columnStats's pass.
 * RangeError for a class index out of range or a classOf of the wrong length.
 */
export function classStats(m: Matrix, classOf: Int32Array, classes: number): ClassStats {
  const { rows, cols, data } = m;
  checkShape(rows, cols, data.length);
  if (!Number.isInteger(classes) || classes < 1) throw new RangeError(`classes must be a positive integer (got ${classes})`);
  if (classOf.length !== rows) throw new RangeError(`${classOf.length} class indices for ${rows} rows`);
  const size = classes * cols;
  const samples = new Float64Array(classes);
  const sum = new Float64Array(size);
  for (let i = 0, base = 0; i < rows; i++, base += cols) {
    const c = classOf[i]!;
    if (!(c >= 0 && c < classes)) throw new RangeError(`row ${i} has class ${c} (expected 0-${classes - 1})`);
    samples[c]!++;
    const at = c * cols;
    for (let j = 0; j < cols; j++) sum[at + j]! += data[base + j]!;
  }
  const count = new Float64Array(size);
  for (let c = 0; c < classes; c++) {
    for (let j = 0, k = c * cols; j < cols; j++, k++) {
      const total = sum[k]!;
      if (total - total === 0) {
        count[k] = samples[c]!;
        sum[k] = samples[c] === 0 ? NaN : total / samples[c]!;
        continue;
      }
      // a NaN or ±Infinity in the cell, or an overflow: the finite values only, a running mean
      let n = 0;
      let mean = 0;
      for (let i = 0; i < rows; i++) {
        if (classOf[i] !== c) continue;
        const v = data[i * cols + j]!;
        if (v - v !== 0) continue;
        n++;
        mean += (v - mean) / n;
      }
      count[k] = n;
      sum[k] = n === 0 ? NaN : mean;
    }
  }
  return { classes, cols, samples, count, mean: sum };
}

/**
 * The population standard deviation (ddof = 0) of one neuron's finite values in each class,
 * given its class means (from classStats): √(Σ(v − μc)² / nc) over the column, the deviations
 * scaled before squaring, so no digits are lost to a large common offset, to underflow or to
 * overflow. NaN for a class with no finite value; Infinity when a deviation overflows.
 */
export function classStd(values: ArrayLike<number>, classOf: Int32Array, means: ArrayLike<number>): Float64Array {
  if (classOf.length !== values.length) throw new RangeError(`${classOf.length} class indices for ${values.length} values`);
  const k = means.length;
  // deviations are scaled by their class's largest |v − μc| before squaring (as hypot does), so
  // tiny values (1e-160, whose squares underflow) and huge ones (1e200) keep their digits
  const scale = new Float64Array(k);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const c = classOf[i]!;
    if (v - v !== 0) continue;
    if (!(c >= 0 && c < k)) throw new RangeError(`value ${i} has class ${c} (expected 0-${k - 1})`);
    const d = Math.abs(v - means[c]!);
    if (d > scale[c]!) scale[c] = d;
  }
  const sq = new Float64Array(k);
  const n = new Float64Array(k);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v - v !== 0) continue;
    const c = classOf[i]!;
    n[c]!++;
    if (scale[c] === 0 || !Number.isFinite(scale[c]!)) continue;
    const d = (v - means[c]!) / scale[c]!;
    sq[c]! += d * d;
  }
  for (let c = 0; c < k; c++) sq[c] = n[c] === 0 ? NaN : scale[c] === 0 ? 0 : scale[c]! * Math.sqrt(sq[c]! / n[c]!);
  return sq;
}

/** Neuron j's mean in each class, in class order. */
export function classMeans(s: ClassStats, j: number): Float64Array {
  const out = new Float64Array(s.classes);
  for (let c = 0; c < s.classes; c++) out[c] = s.mean[c * s.cols + j]!;
  return out;
}
