/** The element types actviz keeps activations in. */
export type Values = Float32Array | Float64Array;

/** A row-major matrix [samples, neurons]: element (i, j) is `data[i * cols + j]`. */
export interface Matrix {
  rows: number;
  cols: number;
  data: Values;
}

/**
 * A Matrix over `data`, checked: rows and cols are non-negative integers and
 * `data.length === rows * cols`. The data is not copied.
 */
export function matrix(rows: number, cols: number, data: Values): Matrix {
  checkShape(rows, cols, data.length);
  return { rows, cols, data };
}

/**
 * A float64 copy of column `j` of `m` (neuron j over all samples). Writes into `out` when given
 * (its length must be `m.rows`), so a caller walking many columns can reuse one buffer.
 */
export function column(m: Matrix, j: number, out?: Float64Array): Float64Array {
  checkShape(m.rows, m.cols, m.data.length);
  if (!Number.isInteger(j) || j < 0 || j >= m.cols) {
    throw new RangeError(`column ${j} is out of range (valid: ${m.cols === 0 ? "none" : `0-${m.cols - 1}`})`);
  }
  const { rows, cols, data } = m;
  if (out !== undefined && out.length !== rows) {
    throw new RangeError(`output buffer has length ${out.length} but the matrix has ${rows} rows`);
  }
  const result = out ?? new Float64Array(rows);
  for (let i = 0, k = j; i < rows; i++, k += cols) result[i] = data[k]!;
  return result;
}

/** Throws unless rows x cols is a valid shape holding exactly `length` elements. */
export function checkShape(rows: number, cols: number, length: number): void {
  if (!Number.isInteger(rows) || rows < 0 || !Number.isInteger(cols) || cols < 0) {
    throw new RangeError(`matrix shape ${rows}x${cols} is not a pair of non-negative integers`);
  }
  if (rows * cols !== length) {
    throw new RangeError(`matrix is ${rows}x${cols} (${rows * cols} elements) but its data has ${length}`);
  }
}

/**
 * The chosen columns as their own matrix, in the given order, keeping the element type
 * (float32 stays float32); `m` itself when every column is chosen in order.
 */
export function selectColumns(m: Matrix, selected: readonly number[]): Matrix {
  if (selected.length === m.cols && selected.every((c, i) => c === i)) return m;
  const cols = selected.length;
  const data = m.data instanceof Float32Array ? new Float32Array(m.rows * cols) : new Float64Array(m.rows * cols);
  for (let r = 0; r < m.rows; r++) {
    const row = r * m.cols;
    for (let j = 0; j < cols; j++) data[r * cols + j] = m.data[row + selected[j]!]!;
  }
  return { rows: m.rows, cols, data };
}
