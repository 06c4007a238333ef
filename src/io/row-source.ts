import type { ByteSource } from "./byte-source.js";
import { decodeElements, type ElementType } from "./npy/decode-elements.js";
import { fortranToC } from "./npy/fortran-to-c.js";
import type { TensorSource } from "./tensor-source.js";

/** Rows of an array stored at `offset`: one read per block in C order, one per column run in Fortran order. */
export function rowSource(bytes: ByteSource, shape: readonly number[], dtype: string, type: ElementType, offset: number, fortran: boolean): TensorSource {
  const rows = shape.length === 0 ? 1 : shape[0]!;
  const rest = shape.slice(1);
  const perRow = rest.reduce((a, b) => a * b, 1);
  const size = type.size;
  return {
    shape,
    dtype,
    rowBytes: perRow * size,
    async readRows(start, end, scratch) {
      if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= rows)) {
        throw new RangeError(`rows [${start}, ${end}) are outside the array's ${rows}`);
      }
      const n = end - start;
      if (!fortran || shape.length < 2) {
        const block = await bytes.read(offset + start * perRow * size, n * perRow * size, scratch);
        return decodeElements(block, 0, n * perRow, type);
      }
      // Fortran order: each position of the other axes holds a run of every row; the runs of rows
      // [start, end) side by side are the block in Fortran order, shape [n, ...rest]
      const block = new Uint8Array(n * perRow * size);
      for (let f = 0; f < perRow; f++) block.set(await bytes.read(offset + (f * rows + start) * size, n * size), f * n * size);
      return fortranToC(decodeElements(block, 0, n * perRow, type), [n, ...rest]);
    },
  };
}
