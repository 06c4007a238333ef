/**
 * The one value every reader returns: an n-dimensional array of numbers in row-major (C) order.
 *
 * `data` may be a view over the caller's input bytes (zero-copy for aligned little-endian f4/f8
 * data): treat it as read-only, and copy it before mutating the input buffer.
 */
export interface Tensor {
  /** e.g. [samples, neurons]; [] for a 0-d array. */
  shape: readonly number[];
  /** Row-major values; f2/bf16/f4 -> Float32Array, f8 and ints/bool -> Float64Array. */
  data: Float32Array | Float64Array;
  /** The source dtype as numpy spells it ("<f4", "|u1", ">i8", "bf16", ...); text inputs are "<f8". */
  dtype: string;
  /** Neuron names from a CSV/TSV header row. */
  columnNames?: readonly string[];
}
