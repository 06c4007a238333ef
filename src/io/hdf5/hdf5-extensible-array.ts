import type { ChunkRef } from "./hdf5-chunk-index.js";
import { corrupt, Fields, Hdf5Unsupported, MAX_NODES, MAX_STRUCTURE, readAt, UNDEFINED, type Hdf5File } from "./hdf5-fields.js";

/**
 * The entries of an extensible array (HDF5's H5EA): the chunk index of layout version 4 for a
 * dataset with one unlimited dimension (libver='latest', SWMR). Its header ('EAHD') gives the
 * array's parameters; the index block ('EAIB') holds the first entries, then the addresses of the
 * first super blocks' data blocks, then the addresses of the further super blocks ('EASB'), each
 * listing its data blocks ('EADB'). Super block u has 2^floor(u/2) data blocks of
 * 2^floor((u+1)/2) x (the minimum) entries; a data block of more entries than a page holds is
 * stored in pages after its prefix, each with a checksum, those written marked in its super
 * block's bitmap. An entry is a chunk's address, and for filtered chunks its stored size and
 * filter mask. Checksums are not checked.
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
  const decode = (f: Fields, first: number, n: number) => {
    for (let k = first; k < first + n; k++) {
      const at = f.address();
      const size = h.client === 1 ? f.uint(h.sizeBytes) : chunkBytes;
      const filterMask = h.client === 1 ? f.u32() : 0;
      if (at === UNDEFINED || k >= count) continue;
      if (size === UNDEFINED) throw corrupt(file, place, `entry ${k}'s chunk size`);
      use(k, { address: at, size, filterMask });
    }
  };
  const limit = Math.min(count, h.entries);
  if (h.indexBlock === UNDEFINED || limit === 0) return;

  // the index block: its entries, the data blocks of its super blocks, the further super blocks
  const direct = 2 * Math.log2(h.minPointers);
  const dataPointers = 2 * (h.minPointers - 1);
  const superPointers = h.superBlocks - direct;
  const size = 4 + 1 + 1 + O + h.indexEntries * h.entrySize + (dataPointers + superPointers) * O + 4;
  if (size > MAX_STRUCTURE) throw corrupt(file, place, `an index block of ${size} bytes`);
  const b = new Fields(await readAt(file, h.indexBlock, size, place), file, place, h.indexBlock);
  prefix(b, "EAIB", h, address, file, place);
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
      prefix(s, "EASB", h, address, file, place);
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
        prefix(d, "EADB", h, address, file, place);
        d.skip(h.offsetBytes);
        decode(d, first, perBlock);
        continue;
      }
      const d = new Fields(await readAt(file, at, head, place), file, place, at);
      prefix(d, "EADB", h, address, file, place);
      const pageBytes = h.pageEntries * h.entrySize + 4;
      for (let p = 0; p < pages && first + p * h.pageEntries < limit; p++) {
        // a page never written holds no chunk: its bit is clear (one run of bits for all the super
        // block's data blocks, page by page, from the most significant bit of each byte; the bytes
        // are counted per data block)
        const bit = k * pages + p;
        if (!(bitmaps![bit >> 3]! & (0x80 >> (bit & 7)))) continue;
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
  f.signature("EAHD");
  const version = f.u8();
  if (version !== 0) throw corrupt(file, place, `extensible array header version ${version}`);
  const client = f.u8();
  const entrySize = f.u8();
  const maxBits = f.u8();
  const indexEntries = f.u8();
  const minEntries = f.u8();
  const minPointers = f.u8();
  const pageBits = f.u8();
  for (let i = 0; i < 4; i++) f.length(); // counts and sizes of its blocks: HDF5's own bookkeeping
  const entries = f.length(); // the highest entry written, plus one
  f.length(); // the entries its blocks hold
  const indexBlock = f.address();
  const sizeBytes = entrySize - O - 4;
  const power = (n: number) => n >= 1 && (n & (n - 1)) === 0;
  if (client !== 0 && client !== 1) throw corrupt(file, place, `extensible array client ${client}`);
  if (client === 0 ? entrySize !== O : !(sizeBytes >= 1 && sizeBytes <= 8)) throw corrupt(file, place, `entries of ${entrySize} bytes for client ${client}`);
  if (!(maxBits >= 1 && maxBits <= 53) || !power(minEntries) || !power(minPointers) || minPointers < 2 || Math.log2(minEntries) > maxBits || !(pageBits >= 1 && pageBits <= 30)) {
    throw corrupt(file, place, `extensible array parameters (${maxBits} bits, ${minEntries} entries, ${minPointers} pointers, ${pageBits} page bits)`);
  }
  const superBlocks = 1 + maxBits - Math.log2(minEntries);
  if (superBlocks < 2 * Math.log2(minPointers)) throw corrupt(file, place, `an extensible array of ${superBlocks} super blocks for ${minPointers} pointers`);
  return { client, entrySize, sizeBytes, indexEntries, minEntries, minPointers, pageEntries: 2 ** pageBits, offsetBytes: Math.ceil(maxBits / 8), superBlocks, entries, indexBlock };
}

/** A block's signature, version, client and header address, checked. */
function prefix(f: Fields, signature: string, h: Header, headerAddress: number, file: Hdf5File, place: string): void {
  f.signature(signature);
  const version = f.u8();
  if (version !== 0) throw corrupt(file, place, `${signature} version ${version}`);
  if (f.u8() !== h.client) throw corrupt(file, place, `a ${signature} of another client than its header`);
  if (f.address() !== headerAddress) throw corrupt(file, place, `a ${signature} that points to another header`);
}
