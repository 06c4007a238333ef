import { decodeElements, type ElementType } from "../npy/decode-elements.js";
import type { TensorSource } from "../tensor-source.js";
import type { Hdf5Filter } from "./hdf5-dataset.js";
import { chunkMap, type ChunkLayout } from "./hdf5-chunk-index.js";
import { decodeChunk } from "./hdf5-filters.js";
import { corrupt, type Hdf5File } from "./hdf5-fields.js";

/**
 * A chunked HDF5 dataset read in blocks of rows: the chunk index is read once (the addresses
 * only: hdf5-chunk-index.ts), and a block's rows are copied from the decoded chunks of the chunk
 * rows it spans. The decoded chunks of one chunk row (the last one a block touched) are kept, so
 * that blocks smaller than a chunk do not decode it again: memory is one chunk row.
 */

export interface ChunkedDataset extends ChunkLayout {
  dtype: string;
  type: ElementType;
  filters: Hdf5Filter[];
  fill: Uint8Array | undefined;
}

/** The dataset as a TensorSource; `place` names it in errors. */
export async function chunkedSource(file: Hdf5File, d: ChunkedDataset, place: string): Promise<TensorSource> {
  const { shape, chunk, type } = d;
  const rank = shape.length;
  const size = type.size;
  const grid = shape.map((n, i) => Math.ceil(n / chunk[i]!));
  const chunkCount = chunk.reduce((a, b) => a * b, 1);
  const chunkBytes = chunkCount * size;
  // deflate expands at most ~1032:1, so a chunk cannot decode to more than that of the file
  if (!Number.isSafeInteger(chunkBytes) || chunkBytes > 2 ** 31 || chunkBytes > file.bytes.size * 1100 + 1e6) throw corrupt(file, place, `a chunk of shape [${chunk.join(", ")}] (${chunkBytes} bytes)`);
  const index = await chunkMap(file, d, grid, chunkBytes, place);
  const perRow = shape.slice(1).reduce((a, b) => a * b, 1);
  const rows = shape[0]!;
  /** Chunks per chunk row (the grid of the other axes). */
  const across = grid.slice(1).reduce((a, b) => a * b, 1);
  // values are copied as words of their size (two 32-bit words for 8-byte ones): raw bits, no NaN canonicalised
  const Words = size === 1 ? Uint8Array : size === 2 ? Uint16Array : Uint32Array;
  const wordsPer = size === 8 ? 2 : 1;
  type Words = Uint8Array | Uint16Array | Uint32Array;
  const words = (bytes: Uint8Array): Words => {
    const aligned = bytes.byteOffset % 4 === 0 ? bytes : new Uint8Array(bytes); // a copy (a Buffer's slice() is a view)
    return new Words(aligned.buffer as ArrayBuffer, aligned.byteOffset, (aligned.length / size) * wordsPer);
  };
  let cached: { row: number; chunks: (Words | undefined)[] } | undefined;
  let fillChunk: Words | undefined;
  const fill = (): Words => {
    if (fillChunk) return fillChunk;
    const bytes = new Uint8Array(chunkBytes);
    if (d.fill !== undefined && d.fill.length === size && !(type.kind !== "f" && size === 8)) {
      for (let i = 0; i < chunkBytes; i += size) bytes.set(d.fill, i);
    }
    return (fillChunk = words(bytes));
  };
  const chunkAt = async (row: number, k: number): Promise<Words> => {
    if (cached?.row !== row) cached = { row, chunks: new Array(across) };
    const hit = cached.chunks[k];
    if (hit) return hit;
    const ref = index.get(row * across + k);
    const data = ref === undefined ? fill() : words(await decodeChunk(file, ref, d.filters, chunkBytes, size, place));
    cached.chunks[k] = data;
    return data;
  };
  return {
    shape,
    dtype: d.dtype,
    rowBytes: perRow * size,
    async readRows(start, end) {
      if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= rows)) {
        throw new RangeError(`rows [${start}, ${end}) are outside the array's ${rows}`);
      }
      const bytes = new Uint8Array((end - start) * perRow * size);
      const out = new Words(bytes.buffer, 0, (end - start) * perRow * wordsPer);
      for (let row = Math.floor(start / chunk[0]!); row * chunk[0]! < end; row++) {
        const lo = Math.max(start, row * chunk[0]!);
        const hi = Math.min(end, (row + 1) * chunk[0]!);
        for (let k = 0; k < across; k++) copyChunk(await chunkAt(row, k), out, k, lo, hi, start);
      }
      return decodeElements(bytes, 0, (end - start) * perRow, type);
    },
  };

  /** Copies rows [lo, hi) of chunk `k` of its chunk row into `out` (whose first row is `start`), in words. */
  function copyChunk(data: Words, out: Words, k: number, lo: number, hi: number, start: number): void {
    const first = Math.floor(lo / chunk[0]!) * chunk[0]!;
    if (rank === 1) {
      out.set(data.subarray((lo - first) * wordsPer, (hi - first) * wordsPer), (lo - start) * wordsPer);
      return;
    }
    // the chunk's origin along the other axes, from k (row-major over grid[1..])
    const origin = new Array<number>(rank).fill(0);
    for (let d = rank - 1, r = k; d >= 1; d--) {
      origin[d] = (r % grid[d]!) * chunk[d]!;
      r = Math.floor(r / grid[d]!);
    }
    const extent = origin.map((o, d) => Math.min(chunk[d]!, shape[d]! - o));
    const run = extent[rank - 1]! * wordsPer;
    if (rank === 2) {
      // the common case in one tight loop: a run of each row of the chunk to its place in the block
      const srcStep = chunk[1]! * wordsPer;
      const dstStep = shape[1]! * wordsPer;
      let src = (lo - first) * srcStep;
      let dst = (lo - start) * dstStep + origin[1]! * wordsPer;
      for (let i = lo; i < hi; i++, src += srcStep, dst += dstStep) {
        if (run <= 16) for (let w = 0; w < run; w++) out[dst + w] = data[src + w]!;
        else out.set(data.subarray(src, src + run), dst);
      }
      return;
    }
    const middle = new Array<number>(rank).fill(0); // an odometer over axes 1..rank-2
    for (let i = lo; i < hi; i++) {
      middle.fill(0);
      for (;;) {
        let src = i - first;
        let dst = i - start;
        for (let d = 1; d < rank; d++) {
          src = src * chunk[d]! + (d === rank - 1 ? 0 : middle[d]!);
          dst = dst * shape[d]! + origin[d]! + (d === rank - 1 ? 0 : middle[d]!);
        }
        src *= wordsPer;
        dst *= wordsPer;
        if (run <= 16) for (let w = 0; w < run; w++) out[dst + w] = data[src + w]!;
        else out.set(data.subarray(src, src + run), dst);
        let d = rank - 2;
        while (d >= 1 && ++middle[d]! >= extent[d]!) middle[d--] = 0;
        if (d < 1) break;
      }
    }
  }
}
