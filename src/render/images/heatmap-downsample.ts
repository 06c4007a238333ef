import type { Matrix } from "../../core/matrix.js";

/** A downsampled matrix: cell (r, c) is `data[r * cols + c]`, NaN where its block has no finite value. */
export interface CellGrid {
  rows: number;
  cols: number;
  data: Float64Array;
}

/** How a block of cells becomes one: the mean or the largest of its finite values. */
export type Aggregate = "mean" | "max";

/**
 * Shrinks `m` to at most maxRows x maxCols cells (never enlarges it). Output row r aggregates
 * the input rows i with floor(i * rows / m.rows) == r, i.e. consecutive blocks whose sizes
 * differ by at most one; the same for columns. A block's value is the mean (or max) of its
 * finite values, NaN when it has none. One pass over the row-major data, float64 accumulators,
 * no allocation per element. With `order` (a permutation: position p shows row order[p]) the rows
 * are taken in that order without copying the matrix. Throws RangeError for a budget that is not
 * a positive integer or an order that is not a permutation of the rows. With `minus`, a matrix of
 * the same shape, the cells are the differences m − minus (computed as they are read, not stored).
 */
export function downsampleMatrix(m: Matrix, maxRows: number, maxCols: number, aggregate: Aggregate = "mean", order?: Int32Array, minus?: Matrix): CellGrid {
  checkBudgets(maxRows, maxCols);
  const { rows: R, cols: C, data } = m;
  if (R * C !== data.length) throw new RangeError(`matrix is ${R}x${C} (${R * C} elements) but its data has ${data.length}`);
  const rows = Math.min(R, maxRows);
  const cols = Math.min(C, maxCols);
  // with `order` (position -> row, a permutation), row order[p] is taken as row p: no copy of the matrix
  const rank = order === undefined ? undefined : positions(order, R);
  // with `minus` (a matrix of the same shape), the cells are the differences m − minus, never stored
  if (minus !== undefined && (minus.rows !== R || minus.cols !== C || minus.data.length !== data.length)) {
    throw new RangeError(`matrix to subtract is ${minus.rows}x${minus.cols} but the matrix is ${R}x${C}`);
  }
  const sub = minus?.data;
  const colBlock = new Int32Array(C);
  for (let j = 0; j < C; j++) colBlock[j] = Math.floor((j * cols) / C);
  const acc = new Float64Array(rows * cols).fill(aggregate === "max" ? -Infinity : 0);
  const count = new Float64Array(rows * cols);
  for (let i = 0, base = 0; i < R; i++, base += C) {
    const out = Math.floor(((rank ? rank[i]! : i) * rows) / R) * cols;
    for (let j = 0; j < C; j++) {
      const v = sub ? data[base + j]! - sub[base + j]! : data[base + j]!;
      if (v - v !== 0) continue; // NaN or ±Infinity
      const k = out + colBlock[j]!;
      count[k]!++;
      if (aggregate === "max") {
        if (v > acc[k]!) acc[k] = v;
      } else acc[k] = acc[k]! + v;
    }
  }
  for (let k = 0; k < acc.length; k++) {
    const n = count[k]!;
    acc[k] = n === 0 ? NaN : aggregate === "max" ? acc[k]! : acc[k]! / n;
  }
  return { rows, cols, data: acc };
}

/**
 * downsampleMatrix(m, maxRows, maxCols, aggregate, order) of an R x C matrix whose rows come in
 * blocks: `add` each block in order, then `result`. The same blocks of cells and the same float64
 * sums in the same order (rows in file order, each to the cell of its position in `order`), so
 * the cells are the same, bit for bit; memory is the cells', not the matrix's.
 */
export function heatmapAccumulator(R: number, C: number, maxRows: number, maxCols: number, aggregate: Aggregate = "mean", order?: Int32Array): { add(block: Matrix): void; result(): CellGrid } {
  checkBudgets(maxRows, maxCols);
  const rows = Math.min(R, maxRows);
  const cols = Math.min(C, maxCols);
  const colBlock = new Int32Array(C);
  for (let j = 0; j < C; j++) colBlock[j] = Math.floor((j * cols) / C);
  const acc = new Float64Array(rows * cols).fill(aggregate === "max" ? -Infinity : 0);
  const count = new Float64Array(rows * cols);
  const max = aggregate === "max";
  // with `order` (position -> row, a permutation), row i goes to the cell of its position
  const rank = order === undefined ? undefined : positions(order, R);
  let next = 0;
  return {
    add({ rows: n, cols: width, data }) {
      if (width !== C || n * C !== data.length) throw new RangeError(`block is ${n}x${width} (${data.length} elements) for a matrix of ${C} columns`);
      if (next + n > R) throw new RangeError(`blocks hold more than the matrix's ${R} rows`);
      for (let i = 0, base = 0; i < n; i++, base += C) {
        const out = Math.floor(((rank ? rank[next + i]! : next + i) * rows) / R) * cols;
        for (let j = 0; j < C; j++) {
          const v = data[base + j]!;
          if (v - v !== 0) continue; // NaN or ±Infinity
          const k = out + colBlock[j]!;
          count[k]!++;
          if (max) {
            if (v > acc[k]!) acc[k] = v;
          } else acc[k] = acc[k]! + v;
        }
      }
      next += n;
    },
    result() {
      const data = new Float64Array(acc.length);
      for (let k = 0; k < acc.length; k++) {
        const n = count[k]!;
        data[k] = n === 0 ? NaN : max ? acc[k]! : acc[k]! / n;
      }
      return { rows, cols, data };
    },
  };
}

/** A cell budget must be a positive integer (RangeError naming it otherwise). */
function checkBudgets(maxRows: number, maxCols: number): void {
  for (const [name, v] of [["row budget", maxRows], ["column budget", maxCols]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be a positive integer (got ${v})`);
  }
}

/** Each row's position in `order` (position -> row), which must be a permutation of 0..R-1 (RangeError otherwise). */
function positions(order: Int32Array, R: number): Int32Array {
  if (order.length !== R) throw new RangeError(`row order has ${order.length} entries for ${R} rows`);
  const rank = new Int32Array(R).fill(-1);
  for (let p = 0; p < R; p++) {
    const i = order[p]!;
    if (!(i >= 0 && i < R) || rank[i] !== -1) throw new RangeError(`row order is not a permutation of 0-${R - 1} (at position ${p}: ${i})`);
    rank[i] = p;
  }
  return rank;
}
