import type { ChunkRef } from "./hdf5-chunk-index.js";
import { corrupt, Fields, Hdf5Unsupported, MAX_NODES, MAX_STRUCTURE, readAt, UNDEFINED, type Hdf5File } from "./hdf5-fields.js";

/**
 * HDF5's two arrays of chunk entries in layout version 4 (libver='latest', SWMR): the fixed array
 * (H5FA) of a dataset without unlimited dimensions, and the extensible array (H5EA) of one with
 * one. An entry is a chunk's address, and for filtered chunks (client 1) its stored size and
 * filter mask; blocks past a page of entries are stored in pages, each with a checksum, the
 * written ones marked in a bitmap (from the most significant bit of each byte). Checksums are not
 * checked.
 *
 * The fixed array: a header ('FAHD': client, entry size, page bits, the number of entries, the data
 * block's address), then its data block ('FADB'): the entries, or the bitmap and the pages after it.
 *
 * The extensible array: a header ('EAHD') of the array's parameters; the index block ('EAIB') with
 * the first entries, the addresses of the first super blocks' data blocks, and the addresses of
 * the further super blocks ('EASB'), each listing its data blocks ('EADB'). Super block u has 2^floor(u/2) data blocks of
 * 2^floor((u+1)/2) x (the minimum) entries; a data block of more entries than a page holds is
 * stored in pages after its prefix, those written marked in its super block's bitmap.
 */

interface Header {
  client: number;
  entrySize: number;
  sizeBytes: number;
  indexEntries: number;
  minEntries: number;
  minPointers: number;
  pageEntries: number;
  offsetBytes: number;
  superBlocks: number;
  entries: number;
}

/**
 * Calls `use(n, ref)` for every written entry n < `count` of the extensible array at `address`
 * (`chunkBytes`: an unfiltered chunk's size); `place` names it in errors.
 */
export async function extensibleArrayEntries(file: Hdf5File, address: number, chunkBytes: number, count: number, place: string, use: (n: number, ref: ChunkRef) => void): Promise<void> {
  const O = file.offsetSize;
  const h = await header(file, address, place);
  const decode = entryDecoder(file, h.client, h.sizeBytes, chunkBytes, count, place, use);
  const limit = Math.min(count, h.entries);
  if (h.indexBlock === UNDEFINED || limit === 0) return;

  // the index block: its entries, the data blocks of its super blocks, the further super blocks
  const direct = 2 * Math.log2(h.minPointers);
  const dataPointers = 2 * (h.minPointers - 1);
  const superPointers = h.superBlocks - direct;
  const size = 4 + 1 + 1 + O + h.indexEntries * h.entrySize + (dataPointers + superPointers) * O + 4;
  if (size > MAX_STRUCTURE) throw corrupt(file, place, `an index block of ${size} bytes`);
  const b = new Fields(await readAt(file, h.indexBlock, size, place), file, place, h.indexBlock);
  prefix(b, "EAIB", h.client, address, file, place);
  decode(b, 0, h.indexEntries);
  const dataBlocks = Array.from({ length: dataPointers }, () => b.address());
  const superAddresses = Array.from({ length: superPointers }, () => b.address());

  let start = h.indexEntries;
  let blocks = 0;
  let read = 0;
  for (let u = 0; u < h.superBlocks && start < limit; u++) {
    const inSuper = 2 ** Math.floor(u / 2);
    const perBlock = 2 ** Math.floor((u + 1) / 2) * h.minEntries;
    const paged = perBlock > h.pageEntries;
    const pages = paged ? perBlock / h.pageEntries : 0;
    const bitmapBytes = Math.ceil(pages / 8);
    let addresses: number[];
    let bitmaps: Uint8Array | undefined;
    if (u < direct) {
      if (paged) throw new Hdf5Unsupported("an extensible array whose index block points to paged data blocks", place);
      addresses = dataBlocks.slice(blocks, blocks + inSuper);
    } else {
      const at = superAddresses[u - direct]!;
      if (at === UNDEFINED) {
        start += inSuper * perBlock;
        blocks += inSuper;
        continue;
      }
      const s = new Fields(await readAt(file, at, 4 + 1 + 1 + O + h.offsetBytes + inSuper * (bitmapBytes + O) + 4, place), file, place, at);
      prefix(s, "EASB", h.client, address, file, place);
      s.skip(h.offsetBytes); // the super block's offset in the array
      bitmaps = paged ? s.bytes(inSuper * bitmapBytes) : undefined;
      addresses = Array.from({ length: inSuper }, () => s.address());
    }
    for (let k = 0; k < inSuper && start + k * perBlock < limit; k++) {
      const at = addresses[k]!;
      if (at === UNDEFINED) continue;
      if (++read > MAX_NODES) throw corrupt(file, place, `more than ${MAX_NODES} data blocks`);
      const first = start + k * perBlock;
      const head = 4 + 1 + 1 + O + h.offsetBytes;
      if (!paged) {
        if (head + perBlock * h.entrySize + 4 > MAX_STRUCTURE) throw corrupt(file, place, `a data block of ${perBlock} entries`);
        const d = new Fields(await readAt(file, at, head + perBlock * h.entrySize, place), file, place, at);
        prefix(d, "EADB", h.client, address, file, place);
        d.skip(h.offsetBytes);
        decode(d, first, perBlock);
        continue;
      }
      const d = new Fields(await readAt(file, at, head, place), file, place, at);
      prefix(d, "EADB", h.client, address, file, place);
      const pageBytes = h.pageEntries * h.entrySize + 4;
      for (let p = 0; p < pages && first + p * h.pageEntries < limit; p++) {
        // a page never written holds no chunk: its bit is clear (one run of bits for all the super
        // block's data blocks, page by page, from the most significant bit of each byte; the bytes
        // are counted per data block)
        if (!isSet(bitmaps!, k * pages + p)) continue;
        const pageAt = at + head + 4 + p * pageBytes;
        decode(new Fields(await readAt(file, pageAt, h.pageEntries * h.entrySize, place), file, place, pageAt), first + p * h.pageEntries, h.pageEntries);
      }
    }
    start += inSuper * perBlock;
    blocks += inSuper;
  }
}

/** The header ('EAHD'), its parameters checked. */
async function header(file: Hdf5File, address: number, place: string): Promise<Header & { indexBlock: number }> {
  const { offsetSize: O, lengthSize: L } = file;
  const f = new Fields(await readAt(file, address, 4 + 1 + 1 + 6 + 6 * L + O + 4, place), file, place, address);
  const { client, entrySize, sizeBytes } = headerStart(f, "EAHD", "extensible array", file, place);
  const maxBits = f.u8();
  const indexEntries = f.u8();
  const minEntries = f.u8();
  const minPointers = f.u8();
  const pageBits = f.u8();
  for (let i = 0; i < 4; i++) f.length(); // counts and sizes of its blocks: HDF5's own bookkeeping
  const entries = f.length(); // the highest entry written, plus one
  f.length(); // the entries its blocks hold
  const indexBlock = f.address();
  const power = (n: number) => n >= 1 && (n & (n - 1)) === 0;
  if (!(maxBits >= 1 && maxBits <= 53) || !power(minEntries) || !power(minPointers) || minPointers < 2 || Math.log2(minEntries) > maxBits || !(pageBits >= 1 && pageBits <= 30)) {
    throw corrupt(file, place, `extensible array parameters (${maxBits} bits, ${minEntries} entries, ${minPointers} pointers, ${pageBits} page bits)`);
  }
  const superBlocks = 1 + maxBits - Math.log2(minEntries);
  if (superBlocks < 2 * Math.log2(minPointers)) throw corrupt(file, place, `an extensible array of ${superBlocks} super blocks for ${minPointers} pointers`);
  return { client, entrySize, sizeBytes, indexEntries, minEntries, minPointers, pageEntries: 2 ** pageBits, offsetBytes: Math.ceil(maxBits / 8), superBlocks, entries, indexBlock };
}

/** A block's signature, version, client and header address, checked. */
function prefix(f: Fields, signature: string, client: number, headerAddress: number, file: Hdf5File, place: string): void {
  f.signature(signature);
  const version = f.u8();
  if (version !== 0) throw corrupt(file, place, `${signature} version ${version}`);
  if (f.u8() !== client) throw corrupt(file, place, `a ${signature} of another client than its header`);
  if (f.address() !== headerAddress) throw corrupt(file, place, `a ${signature} that points to another header`);
}

/** Whether bit `n` of a bitmap is set, bits from the most significant of each byte (HDF5's H5VM_bit_get). */
const isSet = (bitmap: Uint8Array, n: number): boolean => (bitmap[n >> 3]! & (0x80 >> (n & 7))) !== 0;

/** An array header's signature and version checked, then its client and entry size (checkEntries). */
function headerStart(f: Fields, signature: string, name: string, file: Hdf5File, place: string): { client: number; entrySize: number; sizeBytes: number } {
  f.signature(signature);
  const version = f.u8();
  if (version !== 0) throw corrupt(file, place, `${name} header version ${version}`);
  const client = f.u8();
  const entrySize = f.u8();
  return { client, entrySize, sizeBytes: checkEntries(file, client, entrySize, place) };
}

/** The client (0: unfiltered chunks, 1: filtered) and entry size checked; the bytes of a filtered entry's size. */
function checkEntries(file: Hdf5File, client: number, entrySize: number, place: string): number {
  const sizeBytes = entrySize - file.offsetSize - 4;
  if (client !== 0 && client !== 1) throw corrupt(file, place, `an array of client ${client}`);
  if (client === 0 ? entrySize !== file.offsetSize : !(sizeBytes >= 1 && sizeBytes <= 8)) throw corrupt(file, place, `entries of ${entrySize} bytes for client ${client}`);
  return sizeBytes;
}

/** Reads `n` entries from a block's fields, the first of them entry `first`, and hands each written one below `count` to `use`. */
function entryDecoder(file: Hdf5File, client: number, sizeBytes: number, chunkBytes: number, count: number, place: string, use: (n: number, ref: ChunkRef) => void) {
  return (f: Fields, first: number, n: number): void => {
    for (let k = first; k < first + n; k++) {
      const at = f.address();
      const size = client === 1 ? f.uint(sizeBytes) : chunkBytes;
      const filterMask = client === 1 ? f.u32() : 0;
      if (at === UNDEFINED || k >= count) continue;
      if (size === UNDEFINED) throw corrupt(file, place, `entry ${k}'s chunk size`);
      use(k, { address: at, size, filterMask });
    }
  };
}

/**
 * Calls `use(n, ref)` for every written entry of the fixed array at `address`, which must hold
 * `count` entries (`chunkBytes`: an unfiltered chunk's size); `place` names it in errors.
 */
export async function fixedArrayEntries(file: Hdf5File, address: number, chunkBytes: number, count: number, place: string, use: (n: number, ref: ChunkRef) => void): Promise<void> {
  const { offsetSize: O, lengthSize: L } = file;
  const h = new Fields(await readAt(file, address, 4 + 4 + L + O + 4, place), file, place, address);
  const { client, entrySize, sizeBytes } = headerStart(h, "FAHD", "fixed array", file, place);
  const pageBits = h.u8();
  const entries = h.length();
  const blockAddress = h.address();
  if (pageBits < 1 || pageBits > 30) throw corrupt(file, place, `${pageBits} page bits`);
  if (entries !== count) throw corrupt(file, place, `${entries} entries for ${count} chunks`);
  if (blockAddress === UNDEFINED || count === 0) return;
  const decode = entryDecoder(file, client, sizeBytes, chunkBytes, count, place, use);
  const perPage = 2 ** pageBits;
  const pages = count > perPage ? Math.ceil(count / perPage) : 0;
  const bitmap = Math.ceil(pages / 8);
  const head = 4 + 1 + 1 + O + bitmap + 4;
  const bytes = pages === 0 ? head + count * entrySize : head;
  if (bytes > MAX_STRUCTURE) throw corrupt(file, place, `a data block of ${bytes} bytes`);
  const b = new Fields(await readAt(file, blockAddress, bytes, place), file, place, blockAddress);
  prefix(b, "FADB", client, address, file, place);
  if (pages === 0) return decode(b, 0, count);
  const written = b.bytes(bitmap);
  const pageBytes = perPage * entrySize + 4;
  for (let p = 0; p < pages; p++) {
    if (!isSet(written, p)) continue; // a page never written holds no chunk
    const n = Math.min(perPage, count - p * perPage);
    const at = blockAddress + head + p * pageBytes;
    decode(new Fields(await readAt(file, at, n * entrySize, place), file, place, at), p * perPage, n);
  }
}
