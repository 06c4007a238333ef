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
  if (classOf.length !== rows) throw new RangeError(`${classOf.length} class indices for ${rows} rows`);
  const acc = classStatsAccumulator(classes, cols);
  acc.add(m, classOf);
  if (acc.needsPass()) acc.fix(m, classOf);
  return acc.result();
}

/**
 * classStats over rows that come in blocks, each with its rows' classes: `add` every block in
 * order; then, when `needsPass()` (a cell's sum is not finite), `fix` every block again in the
 * same order; then `result`. The same sums and running means in the same order as classStats,
 * so the same bits.
 */
export function classStatsAccumulator(classes: number, cols: number): { add(block: Matrix, classOf: Int32Array): void; needsPass(): boolean; fix(block: Matrix, classOf: Int32Array): void; result(): ClassStats } {
  if (!Number.isInteger(classes) || classes < 1) throw new RangeError(`classes must be a positive integer (got ${classes})`);
  const size = classes * cols;
  const samples = new Float64Array(classes);
  const sum = new Float64Array(size);
  const count = new Float64Array(size);
  let row = 0; // rows added so far (for the message of a bad class)
  // the cells recomputed from a second pass, per class: their neurons, running counts and means
  let bad: { cols: Int32Array; n: Float64Array; mean: Float64Array }[] | undefined;
  const check = (block: Matrix, classOf: Int32Array) => {
    checkShape(block.rows, block.cols, block.data.length);
    if (block.cols !== cols) throw new RangeError(`block has ${block.cols} columns but the statistics have ${cols}`);
    if (classOf.length !== block.rows) throw new RangeError(`${classOf.length} class indices for ${block.rows} rows`);
  };
/** The cells whose sum is finite get their means; the others are listed for `fix`. */
function needsPass(): boolean {
    if (bad === undefined) {
      bad = [];
      for (let c = 0; c < classes; c++) {
        const js: number[] = [];
        for (let j = 0, k = c * cols; j < cols; j++, k++) {
          const total = sum[k]!;
          if (total - total === 0) {
            count[k] = samples[c]!;
            sum[k] = samples[c] === 0 ? NaN : total / samples[c]!;
          } else js.push(j);
        }
        bad.push({ cols: Int32Array.from(js), n: new Float64Array(js.length), mean: new Float64Array(js.length) });
      }
    }
    return bad.some((b) => b.cols.length > 0);
  }
  return {
    add(block, classOf) {
      check(block, classOf);
      const { rows, data } = block;
      for (let i = 0, base = 0; i < rows; i++, base += cols) {
        const c = classOf[i]!;
        if (!(c >= 0 && c < classes)) throw new RangeError(`row ${row + i} has class ${c} (expected 0-${classes - 1})`);
        samples[c]!++;
        const at = c * cols;
        for (let j = 0; j < cols; j++) sum[at + j]! += data[base + j]!;
      }
      row += rows;
    },
    needsPass,
    fix(block, classOf) {
      check(block, classOf);
      // a NaN or ±Infinity in the cell, or an overflow: the finite values only, a running mean
      const { rows, data } = block;
      for (let i = 0, base = 0; i < rows; i++, base += cols) {
        const b = bad![classOf[i]!]!;
        for (let p = 0; p < b.cols.length; p++) {
          const v = data[base + b.cols[p]!]!;
          if (v - v !== 0) continue;
          const n = ++b.n[p]!;
          b.mean[p]! += (v - b.mean[p]!) / n;
        }
      }
    },
    result() {
      if (bad === undefined) needsPass();
      for (let c = 0; c < classes; c++) {
        const b = bad![c]!;
        for (let p = 0; p < b.cols.length; p++) {
          const k = c * cols + b.cols[p]!;
          count[k] = b.n[p]!;
          sum[k] = b.n[p] === 0 ? NaN : b.mean[p]!;
        }
      }
      return { classes, cols, samples, count, mean: sum };
    },
  };
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
  const acc = classStdAccumulator(means);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const c = classOf[i]!;
    if (v - v !== 0) continue;
    if (!(c >= 0 && c < k)) throw new RangeError(`value ${i} has class ${c} (expected 0-${k - 1})`);
    acc.scale(v, c);
  }
  for (let i = 0; i < values.length; i++) acc.add(values[i]!, classOf[i]!);
  return acc.result();
}

/**
 * classStd over values that come in blocks (class indices known valid): every value given to
 * `scale` in a first scan, then to `add` in a second, in the same order, then `result`; the
 * same arithmetic in the same order as classStd, so the same bits.
 */
export function classStdAccumulator(means: ArrayLike<number>): { scale(v: number, c: number): void; add(v: number, c: number): void; result(): Float64Array } {
  const k = means.length;
  // deviations are scaled by their class's largest |v − μc| before squaring (as hypot does), so
  // tiny values (1e-160, whose squares underflow) and huge ones (1e200) keep their digits
  const scale = new Float64Array(k);
  const sq = new Float64Array(k);
  const n = new Float64Array(k);
  return {
    scale(v, c) {
      if (v - v !== 0) return;
      const d = Math.abs(v - means[c]!);
      if (d > scale[c]!) scale[c] = d;
    },
    add(v, c) {
      if (v - v !== 0) return;
      n[c]!++;
      if (scale[c] === 0 || !Number.isFinite(scale[c]!)) return;
      const d = (v - means[c]!) / scale[c]!;
      sq[c]! += d * d;
    },
    result() {
      const out = new Float64Array(k);
      for (let c = 0; c < k; c++) out[c] = n[c] === 0 ? NaN : scale[c] === 0 ? 0 : scale[c]! * Math.sqrt(sq[c]! / n[c]!);
      return out;
    },
  };
}

/** Neuron j's mean in each class, in class order. */
export function classMeans(s: ClassStats, j: number): Float64Array {
  const out = new Float64Array(s.classes);
  for (let c = 0; c < s.classes; c++) out[c] = s.mean[c * s.cols + j]!;
  return out;
}
