/**
 * Reorders the values of an array stored in Fortran (column-major) order into C (row-major)
 * order, into a new typed array of the same kind.
 */
export function fortranToC<T extends Float32Array | Float64Array>(data: T, shape: readonly number[]): T {
  const out = new (data.constructor as { new (length: number): T })(data.length);
  if (shape.length < 2 || data.length === 0) {
    out.set(data);
    return out;
  }
  if (shape.length === 2) {
    const rows = shape[0]!;
    const cols = shape[1]!;
    for (let c = 0; c < cols; c++) {
      const base = c * rows;
      for (let r = 0; r < rows; r++) out[r * cols + c] = data[base + r]!;
    }
    return out;
  }
  // n-d: walk the C-order index like an odometer, tracking the Fortran offset alongside.
  const rank = shape.length;
  const fortranStride = new Array<number>(rank);
  let stride = 1;
  for (let d = 0; d < rank; d++) {
    fortranStride[d] = stride;
    stride *= shape[d]!;
  }
  const index = new Array<number>(rank).fill(0);
  let source = 0;
  for (let i = 0; i < data.length; i++) {
    out[i] = data[source]!;
    for (let d = rank - 1; d >= 0; d--) {
      index[d]!++;
      source += fortranStride[d]!;
      if (index[d]! < shape[d]!) break;
      source -= fortranStride[d]! * shape[d]!;
      index[d] = 0;
    }
  }
  return out;
}
