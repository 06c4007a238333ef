import type { Hdf5Link } from "./hdf5-groups.js";
import { corrupt, Fields, Hdf5Unsupported, MAX_NODES, MAX_STRUCTURE, readAt, UNDEFINED, type Hdf5File } from "./hdf5-fields.js";

/**
 * A group's links in dense storage (h5py writes it for a group of more than 8 links under
 * libver='latest' or track_order=True): link messages kept as objects of a fractal heap, found
 * through a v2 B-tree of their names' hashes (or of their creation order). Only the heap's block
 * map is read (each direct block's place in the heap's address space), then each link's bytes
 * by offset. Ordered as jsfive orders them: sorted by name, or by creation order (as strings).
 */

/** One link message: a hard or soft link (external links: Hdf5Unsupported), with its creation order. */
export type LinkRecord = { name: string; link: Hdf5Link; order: number | undefined };

type Decode = (f: Fields) => LinkRecord;

interface Heap {
  offsetBytes: number;
  lengthBytes: number;
  blocks: { offset: number; address: number; size: number }[];
}

/** The links of a dense group: its fractal heap at `heapAddress`, its name (or, if any, creation order) index. */
export async function denseLinks(file: Hdf5File, heapAddress: number, names: number, orders: number, place: string, decode: Decode): Promise<[string, Hdf5Link][]> {
  const heap = await fractalHeap(file, heapAddress, place);
  const ordered = orders !== UNDEFINED;
  const records = await btreeV2Records(file, ordered ? orders : names, ordered ? 6 : 5, place);
  const items = new Map<string | number, [string, Hdf5Link]>();
  for (const record of records) {
    const id = new Fields(record.subarray(ordered ? 8 : 4), file, place);
    const kind = (id.u8() >> 4) & 3;
    if (kind !== 0) throw new Hdf5Unsupported(`a ${kind === 1 ? "huge" : "tiny"} fractal heap object`, place);
    const offset = id.uint(heap.offsetBytes);
    const length = id.uint(heap.lengthBytes);
    const block = heap.blocks.find((b) => b.offset <= offset && offset + length <= b.offset + b.size);
    if (block === undefined) throw corrupt(file, place, `a link at heap offset ${offset} (${length} bytes) outside the heap's blocks`);
    const at = block.address + offset - block.offset;
    const { name, link, order } = decode(new Fields(await readAt(file, at, length, place), file, place, at));
    items.set(ordered ? (order ?? 0) : name, [name, link]);
  }
  // jsfive sorts the keys with Array.prototype.sort: creation orders too, as strings
  return [...items.keys()].sort().map((k) => items.get(k)!);
}

/** The number of bytes an integer of `bits` bits takes. */
const bytesFor = (bits: number): number => Math.ceil(bits / 8);
const bitSize = (n: number): number => (n === 0 ? 0 : Math.floor(Math.log2(n)) + 1);

async function fractalHeap(file: Hdf5File, address: number, place: string): Promise<Heap> {
  const { offsetSize: O, lengthSize: L } = file;
  const size = 4 + 1 + 2 + 2 + 1 + 4 + L + O + L + O + 8 * L + 2 + L + L + 2 + 2 + O + 2;
  const f = new Fields(await readAt(file, address, size, place), file, place, address);
  f.signature("FRHP");
  if (f.u8() !== 0) throw corrupt(file, place, "a fractal heap of an unknown version");
  f.u16(); // heap ID length
  if (f.u16() !== 0) throw new Hdf5Unsupported("a filtered fractal heap", place);
  const flags = f.u8();
  const maxManaged = f.u32();
  f.length(); // next huge object ID
  if (f.address() !== UNDEFINED) throw new Hdf5Unsupported("huge fractal heap objects", place);
  f.length(); // free space in managed blocks
  f.address(); // its free-space manager
  for (let i = 0; i < 8; i++) f.length(); // managed, allocated, iterator, count; huge and tiny sizes and counts
  const width = f.u16();
  const start = f.length();
  const maxDirect = f.length();
  const maxHeapBits = f.u16();
  f.u16(); // starting rows of the root indirect block
  const root = f.address();
  const rows = f.u16();
  const pow2 = (n: number) => n > 0 && 2 ** Math.round(Math.log2(n)) === n;
  if (!pow2(width) || !pow2(start) || !pow2(maxDirect) || maxDirect < start || maxHeapBits > 64) {
    throw corrupt(file, place, `a fractal heap of width ${width}, blocks of ${start} to ${maxDirect} bytes`);
  }
  const offsetBytes = bytesFor(maxHeapBits);
  const heap: Heap = { offsetBytes, lengthBytes: bytesFor(bitSize(Math.min(maxDirect, maxManaged))), blocks: [] };
  if (root === UNDEFINED) return heap;
  const directHead = 4 + 1 + O + offsetBytes + (flags & 2 ? 4 : 0);
  const maxDirectRows = Math.log2(maxDirect) - Math.log2(start) + 2;
  const blockSize = (i: number) => 2 ** Math.max(Math.floor(i / width) - 1, 0) * start;
  const seen = new Set<number>();
  const direct = async (at: number, size: number): Promise<void> => {
    if (size > MAX_STRUCTURE) throw corrupt(file, place, `a fractal heap block of ${size} bytes`);
    const d = new Fields(await readAt(file, at, Math.min(directHead, size), place), file, place, at);
    d.signature("FHDB");
    d.skip(1 + O);
    heap.blocks.push({ offset: d.uint(offsetBytes), address: at, size });
  };
  const indirect = async (at: number, nrows: number): Promise<void> => {
    if (seen.has(at)) throw corrupt(file, place, `a fractal heap block at byte ${at} is reached twice (a cycle)`);
    if (seen.size >= MAX_NODES || nrows > 64) throw corrupt(file, place, `a fractal heap of more than ${MAX_NODES} blocks or ${nrows} rows`);
    seen.add(at);
    const ndirect = Math.min(nrows, maxDirectRows) * width;
    const nindirect = Math.max(0, nrows - maxDirectRows) * width;
    const head = 4 + 1 + O + offsetBytes;
    const f = new Fields(await readAt(file, at, head + (ndirect + nindirect) * O, place), file, place, at);
    f.signature("FHIB");
    f.skip(1 + O + offsetBytes);
    const children: number[] = [];
    for (let i = 0; i < ndirect + nindirect; i++) children.push(f.address());
    for (let i = 0; i < ndirect; i++) if (children[i] !== UNDEFINED) await direct(children[i]!, blockSize(i));
    for (let i = ndirect; i < ndirect + nindirect; i++) {
      if (children[i] === UNDEFINED) continue;
      const childRows = Math.log2(blockSize(i)) - (Math.log2(width) + Math.log2(start) - 1);
      if (!(childRows < nrows)) throw corrupt(file, place, `a fractal heap indirect block of ${childRows} rows under one of ${nrows}`);
      await indirect(children[i]!, childRows);
    }
  };
  if (rows === 0) await direct(root, start);
  else await indirect(root, rows);
  return heap;
}

/** Every record of the v2 B-tree at `address` (of node type `type`), in no particular order. */
/**
 * Every record of a version 2 B-tree of `type` (5, 6: link names and creation orders; 10, 11: chunks
 * of layout version 4), in the order of its nodes, each its header's record size.
 */
export async function btreeV2Records(file: Hdf5File, address: number, type: 5 | 6 | 10 | 11, place: string): Promise<Uint8Array[]> {
  const O = file.offsetSize;
  const h = new Fields(await readAt(file, address, 4 + 1 + 1 + 4 + 2 + 2 + 1 + 1 + O + 2 + file.lengthSize, place), file, place, address);
  h.signature("BTHD");
  if (h.u8() !== 0) throw corrupt(file, place, "a v2 B-tree of an unknown version");
  if (h.u8() !== type) throw corrupt(file, place, `a v2 B-tree of another type (expected ${type})`);
  const nodeSize = h.u32();
  const recordSize = h.u16();
  const depth = h.u16();
  h.skip(2);
  const root = h.address();
  const rootRecords = h.u16();
  if (nodeSize > MAX_STRUCTURE || recordSize < (type === 5 ? 5 : 9) || recordSize > nodeSize || depth > 32) throw corrupt(file, place, `a v2 B-tree of ${nodeSize}-byte nodes, ${recordSize}-byte records, depth ${depth}`);
  // the sizes of a child pointer's counts, by level (as the format and jsfive compute them)
  const counts: [number, number][] = [];
  let recordsMax = 0;
  let totalMax = 0;
  for (let level = 0; level <= depth; level++) {
    const sizes: [number, number] = level === 0 ? [0, 0] : [bytesFor(bitSize(recordsMax)), level === 1 ? 0 : bytesFor(bitSize(totalMax))];
    counts.push(sizes);
    const pointer = level === 0 ? 0 : O + sizes[0] + sizes[1];
    recordsMax = Math.floor((nodeSize - 10 - pointer) / (recordSize + pointer));
    totalMax = totalMax > 0 ? totalMax * recordsMax : recordsMax;
  }
  const records: Uint8Array[] = [];
  const seen = new Set<number>();
  const visit = async (at: number, n: number, level: number): Promise<void> => {
    if (at === UNDEFINED) return;
    if (seen.has(at)) throw corrupt(file, place, `a v2 B-tree node at byte ${at} is reached twice (a cycle)`);
    if (seen.size >= MAX_NODES) throw corrupt(file, place, `more than ${MAX_NODES} v2 B-tree nodes`);
    seen.add(at);
    const f = new Fields(await readAt(file, at, Math.min(nodeSize, file.bytes.size - at), place), file, place, at);
    f.signature(level === 0 ? "BTLF" : "BTIN");
    f.skip(2);
    for (let i = 0; i < n; i++) records.push(f.bytes(recordSize));
    if (level === 0) return;
    const [num1, num2] = counts[level]!;
    const children: [number, number][] = [];
    for (let i = 0; i <= n; i++) {
      const child = f.address();
      const count = f.uint(num1);
      if (num2) f.uint(num2);
      children.push([child, count]);
    }
    for (const [child, count] of children) await visit(child, count, level - 1);
  };
  await visit(root, rootRecords, depth);
  return records;
}
