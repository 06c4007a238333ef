import { checkShape, type Matrix } from "./matrix.js";

/** Per-neuron summary of one column of a [samples, neurons] matrix. */
export interface ColumnStats {
  /** Finite values in the column. */
  count: number;
  /** NaN and ±Infinity values; they are left out of every other field. */
  nonfinite: number;
  /** Mean of the finite values (float64); NaN when count is 0. */
  mean: number;
  /** Population standard deviation (ddof = 0) of the finite values; NaN when count is 0. */
  std: number;
  /** Smallest finite value; NaN when count is 0. */
  min: number;
  /** Largest finite value; NaN when count is 0. */
  max: number;
  /** Share of finite values <= inactiveThreshold; NaN when count is 0. */
  inactiveFraction: number;
  /** Inactive on every finite sample; false when count is 0. */
  dead: boolean;
  /**
   * Share of finite values within eps (inclusive) of a finite saturation bound, min or max;
   * null when no saturation bounds were given or both are infinite; NaN when count is 0.
   */
  saturatedFraction: number | null;
}

export interface StatsOptions {
  /** A value <= this counts as inactive (0 for ReLU). */
  inactiveThreshold: number;
  /** The activation's range; an infinite bound is ignored (ReLU: { min: 0, max: Infinity }). */
  saturation?: { min: number; max: number; eps: number };
}

/**
 * Statistics of every column of `m`, in one pass over its row-major data: rows are walked in
 * memory order and per-column accumulators live in Float64Arrays, with no allocation per element.
 *
 * Everything is computed in float64. Mean and variance use Welford's update on values shifted
 * by the column's first finite value, so a large common offset (1e8 + small noise) costs no
 * digits and an all-equal column gets std exactly 0 and mean exactly its value.
 * A column with no finite value gets count 0, NaN for mean, std, min, max and the fractions,
 * and dead false (the JSON report prints those NaN as null).
 */
export function columnStats(m: Matrix, options: StatsOptions): ColumnStats[] {
  checkShape(m.rows, m.cols, m.data.length);
  const acc = statsAccumulator(m.cols, options);
  acc.add(m);
  return acc.result();
}

/** columnStats over rows that come in blocks: `add` each block in order, then `result`. */
export interface StatsAccumulator {
  /** The next rows (a [rows, cols] block). */
  add(block: Matrix): void;
  /** The statistics of every row added so far. */
  result(): ColumnStats[];
}

/**
 * columnStats in blocks of rows: the same updates in the same order, so the rows given in any
 * blocks get the same statistics, bit for bit, as the whole matrix at once.
 */
export function statsAccumulator(cols: number, options: StatsOptions): StatsAccumulator {
  const threshold = options.inactiveThreshold;
  if (typeof threshold !== "number" || Number.isNaN(threshold)) {
    throw new RangeError(`inactive threshold must be a number (got ${threshold})`);
  }
  const sat = options.saturation;
  if (sat !== undefined) {
    if (Number.isNaN(sat.min) || Number.isNaN(sat.max) || sat.min > sat.max) {
      throw new RangeError(`saturation bounds must satisfy min <= max (got min ${sat.min}, max ${sat.max})`);
    }
    if (!(sat.eps >= 0)) throw new RangeError(`saturation eps must be >= 0 (got ${sat.eps})`);
  }
  const lo = sat !== undefined && Number.isFinite(sat.min) ? sat.min : NaN;
  const hi = sat !== undefined && Number.isFinite(sat.max) ? sat.max : NaN;
  const hasLo = lo === lo;
  const hasHi = hi === hi;
  const hasBounds = hasLo || hasHi;
  const eps = sat?.eps ?? 0;

  const count = new Float64Array(cols);
  const shift = new Float64Array(cols);
  const mean = new Float64Array(cols); // running mean of (x - shift)
  const m2 = new Float64Array(cols); // running sum of squared deviations
  const min = new Float64Array(cols);
  const max = new Float64Array(cols);
  const inactive = new Float64Array(cols);
  const saturated = new Float64Array(cols);
  let total = 0;

  const add = ({ rows, cols: width, data }: Matrix): void => {
    checkShape(rows, width, data.length);
    if (width !== cols) throw new RangeError(`block has ${width} columns but the statistics have ${cols}`);
    total += rows;
    for (let i = 0, base = 0; i < rows; i++, base += cols) {
      for (let j = 0; j < cols; j++) {
        const v = data[base + j]!;
        if (v - v !== 0) continue; // NaN or ±Infinity
        const n = count[j]! + 1;
        count[j] = n;
        if (n === 1) {
          shift[j] = v;
          min[j] = v;
          max[j] = v;
        } else {
          const y = v - shift[j]!;
          const d = y - mean[j]!;
          const mj = mean[j]! + d / n;
          mean[j] = mj;
          m2[j] = m2[j]! + d * (y - mj);
          if (v < min[j]!) min[j] = v;
          else if (v > max[j]!) max[j] = v;
        }
        if (v <= threshold) inactive[j] = inactive[j]! + 1;
        if (hasBounds && ((hasLo && Math.abs(v - lo) <= eps) || (hasHi && Math.abs(v - hi) <= eps))) {
          saturated[j] = saturated[j]! + 1;
        }
      }
    }
  };

  const result = (): ColumnStats[] => {
    const out: ColumnStats[] = new Array(cols);
    for (let j = 0; j < cols; j++) {
      const n = count[j]!;
      const empty = n === 0;
      out[j] = {
        count: n,
        nonfinite: total - n,
        mean: empty ? NaN : shift[j]! + mean[j]!,
        std: empty ? NaN : Math.sqrt(Math.max(0, m2[j]!) / n),
        min: empty ? NaN : min[j]!,
        max: empty ? NaN : max[j]!,
        inactiveFraction: empty ? NaN : inactive[j]! / n,
        dead: !empty && inactive[j] === n,
        saturatedFraction: !hasBounds ? null : empty ? NaN : saturated[j]! / n,
      };
    }
    return out;
  };
  return { add, result };
}
