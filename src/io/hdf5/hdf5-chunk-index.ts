import type { ChunkIndexRef } from "./hdf5-dataset.js";
import { btreeV2Records } from "./hdf5-dense-links.js";
import { extensibleArrayEntries, fixedArrayEntries } from "./hdf5-chunk-arrays.js";
import { btreeLeaves } from "./hdf5-groups.js";
import { corrupt, Fields, readAt, UNDEFINED, type Hdf5File } from "./hdf5-fields.js";

/**
 * The chunk indexes of a chunked dataset, read into one map from a chunk's place in the grid of
 * the dataset's shape (row-major) to where its bytes are: a v1 B-tree (layout versions 1-3,
 * h5py's default), and layout version 4's (libver='latest') single chunk, implicit index (chunks
 * one after another), fixed array (HDF5's H5FA: a header, a data block, pages past 2^page bits
 * entries) and extensible array (one unlimited dimension; both in hdf5-chunk-arrays.ts), version 2
 * B-tree (more: records of each chunk's grid coordinates). The arrays number chunks row-major over
 * the grid of the maximum shape, an unlimited dimension first; a chunk past the current shape
 * holds nothing the dataset shows and is left out, as is a chunk never written (undefined
 * address: the fill value). Checksums are not checked.
 */

export interface ChunkRef {
  address: number;
  /** Stored bytes (filtered). */
  size: number;
  filterMask: number;
}

/** A chunk index of more entries than this is taken for a corrupt file. */
const MAX_CHUNKS = 1 << 24;

/** What the indexes need of a chunked dataset: its shapes (UNDEFINED: unlimited), its chunk's, its index. */
export interface ChunkLayout {
  shape: number[];
  maxShape: number[];
  chunk: number[];
  index: ChunkIndexRef;
}

/** The chunks of `d` by their place in `grid` (the chunk grid of d.shape), each `chunkBytes` unfiltered. */
export async function chunkMap(file: Hdf5File, d: ChunkLayout, grid: number[], chunkBytes: number, place: string): Promise<Map<number, ChunkRef>> {
  const { index } = d;
  if (index.address === UNDEFINED) return new Map();
  switch (index.type) {
    case "btree1":
      return btreeIndex(file, d, grid, index.address, place);
    case "single":
      if (grid.some((g) => g > 1)) throw corrupt(file, place, `a single-chunk index for a grid of [${grid.join(", ")}] chunks`);
      return new Map([[0, { address: index.address, size: index.filtered?.size ?? chunkBytes, filterMask: index.filtered?.mask ?? 0 }]]);
    case "implicit": {
      // every chunk of the maximum shape's grid allocated, in order, unfiltered
      const { count, at } = numbering(file, d, grid, place);
      const map = new Map<number, ChunkRef>();
      for (let n = 0; n < count; n++) if (at(n) >= 0) map.set(at(n), { address: index.address + n * chunkBytes, size: chunkBytes, filterMask: 0 });
      return map;
    }
    case "fixed":
    case "extensible": {
      const { count, at } = numbering(file, d, grid, place);
      const map = new Map<number, ChunkRef>();
      const entries = index.type === "fixed" ? fixedArrayEntries : extensibleArrayEntries;
      await entries(file, index.address, chunkBytes, count, `${place}'s ${index.type} array`, (n, ref) => {
        if (at(n) >= 0) map.set(at(n), ref);
      });
      return map;
    }
    case "btree2":
      return btree2Index(file, grid, index.address, chunkBytes, place);
  }
}

/**
 * How layout version 4's arrays number chunks: row-major over the grid of the maximum shape, an
 * unlimited dimension (an extensible array's one) moved first. `count`: the numbers that can fall
 * inside the current shape; `at(n)`: chunk n's place in `grid` (row-major), or -1 past the shape.
 */
function numbering(file: Hdf5File, d: ChunkLayout, grid: number[], place: string): { count: number; at(n: number): number } {
  const rank = grid.length;
  const unlimited = d.maxShape.flatMap((m, i) => (m === UNDEFINED ? [i] : []));
  const extensible = d.index.type === "extensible";
  if (unlimited.length > 1 || (unlimited.length === 1) !== extensible) {
    throw corrupt(file, place, `a ${d.index.type} chunk index for a maximum shape of ${unlimited.length} unlimited dimensions`);
  }
  const first = unlimited[0] ?? 0;
  const order = [first, ...Array.from({ length: rank }, (_, i) => i).filter((i) => i !== first)];
  const maxGrid = d.maxShape.map((m, i) => (m === UNDEFINED ? grid[i]! : Math.ceil(m / d.chunk[i]!)));
  if (maxGrid.some((m, i) => m < grid[i]!)) throw corrupt(file, place, `a maximum shape [${d.maxShape.join(", ")}] below the shape [${d.shape.join(", ")}]`);
  const count = maxGrid.reduce((a, b) => a * b, 1);
  if (!(count <= MAX_CHUNKS)) throw corrupt(file, place, `a maximum shape [${d.maxShape.join(", ")}] of ${count} chunks (expected at most ${MAX_CHUNKS})`);
  const coords = new Array<number>(rank).fill(0);
  const at = (n: number): number => {
    let r = n;
    for (let k = rank - 1; k >= 1; k--) {
      const axis = order[k]!;
      coords[axis] = r % maxGrid[axis]!;
      r = Math.floor(r / maxGrid[axis]!);
    }
    coords[first] = r;
    let to = 0;
    for (let i = 0; i < rank; i++) {
      if (coords[i]! >= grid[i]!) return -1;
      to = to * grid[i]! + coords[i]!;
    }
    return to;
  };
  return { count, at };
}

/**
 * A version 2 B-tree of chunks (layout version 4, several unlimited dimensions): records of type
 * 10 (a chunk's address, then its grid coordinates, 8 bytes each) or 11 (filtered: the address,
 * the stored size in the bytes left, the filter mask, the coordinates).
 */
async function btree2Index(file: Hdf5File, grid: number[], address: number, chunkBytes: number, place: string): Promise<Map<number, ChunkRef>> {
  const rank = grid.length;
  const where = `${place}'s chunk B-tree`;
  const type = (await readAt(file, address, 6, where))[5]!;
  if (type !== 10 && type !== 11) throw corrupt(file, where, `a v2 B-tree of type ${type} (expected 10 or 11: chunks)`);
  const sizeBytes = (n: number) => n - file.offsetSize - 4 - 8 * rank;
  const map = new Map<number, ChunkRef>();
  for (const record of await btreeV2Records(file, address, type, where)) {
    const fits = type === 10 ? record.length === file.offsetSize + 8 * rank : sizeBytes(record.length) >= 1 && sizeBytes(record.length) <= 8;
    if (!fits) throw corrupt(file, where, `records of ${record.length} bytes for rank ${rank}`);
    const f = new Fields(record, file, where);
    const at = f.address();
    const size = type === 11 ? f.uint(sizeBytes(record.length)) : chunkBytes;
    const filterMask = type === 11 ? f.u32() : 0;
    let to = 0;
    let inside = true;
    for (let i = 0; i < rank; i++) {
      const c = f.uint(8);
      if (c === UNDEFINED) throw corrupt(file, where, `a chunk's grid coordinate of axis ${i}`);
      if (c >= grid[i]!) inside = false;
      to = to * grid[i]! + c;
    }
    if (at === UNDEFINED || !inside) continue;
    if (size === UNDEFINED) throw corrupt(file, where, "a chunk's stored size");
    if (map.size >= MAX_CHUNKS) throw corrupt(file, where, `more than ${MAX_CHUNKS} chunks`);
    map.set(to, { address: at, size, filterMask });
  }
  return map;
}

/** The chunks of a v1 B-tree index by their place in the grid (row-major). */
async function btreeIndex(file: Hdf5File, d: ChunkLayout, grid: number[], address: number, place: string): Promise<Map<number, ChunkRef>> {
  const rank = d.shape.length;
  const keySize = 8 + 8 * (rank + 1);
  const index = new Map<number, ChunkRef>();
  for (const leaf of await btreeLeaves(file, address, 1, place, keySize)) {
    for (let e = 0; e < leaf.children.length; e++) {
      const k = new Fields(leaf.keys[e]!, file, place);
      const size = k.u32();
      const filterMask = k.u32();
      let at = 0;
      let inside = true;
      for (let i = 0; i < rank; i++) {
        const offset = k.uint(8);
        if (offset === UNDEFINED || offset % d.chunk[i]! !== 0) {
          throw corrupt(file, place, `a chunk at offset ${offset} of axis ${i} (chunks of ${d.chunk[i]})`);
        }
        // a chunk past the shape (left by a resize to a smaller one) holds nothing the dataset shows
        if (offset >= d.shape[i]!) inside = false;
        at = at * grid[i]! + offset / d.chunk[i]!;
      }
      if (!inside) continue;
      if (index.size >= MAX_CHUNKS) throw corrupt(file, place, `more than ${MAX_CHUNKS} chunks`);
      index.set(at, { address: leaf.children[e]!, size, filterMask });
    }
  }
  return index;
}
