import type { ByteSource } from "../byte-source.js";
import { inputError } from "../input-error.js";

/**
 * The lowest level of the block reader's HDF5 (hdf5-source.ts): an opened file, positioned reads
 * checked against its size, little-endian fields of a structure read, and the two errors (a
 * corrupt structure; a feature the block reader does not read). Addresses are absolute file
 * offsets (the base address added).
 */

/** What the block reader does not read: the caller leaves the file to jsfive, or names `feature`. */
export class Hdf5Unsupported extends Error {
  constructor(readonly feature: string, readonly place: string) {
    super(feature);
  }
}

/** An opened file: sizes of offsets and lengths, the base address, the root group's object header. */
export interface Hdf5File {
  bytes: ByteSource;
  source: string;
  offsetSize: number;
  lengthSize: number;
  base: number;
  root: number;
}

/** The undefined address (all bits set) as Fields.address() gives it. */
export const UNDEFINED = -1;
/** No structure the block reader reads (an object header block, a local heap, a B-tree node) is larger. */
export const MAX_STRUCTURE = 1 << 24;
/** B-tree nodes or heap blocks (of one group, or of a chunk index) past this count are taken for a corrupt file. */
export const MAX_NODES = 1 << 20;
const EXPECTED = "an intact HDF5 file as h5py writes it";

/** The InputError of a corrupt structure at `place`. */
export function corrupt(file: { source: string }, place: string, what: string): Error {
  return inputError(file.source, place, what, EXPECTED, "E_HDF5");
}

/** `length` bytes at `address`, all inside the file (else an InputError at `place`). */
export async function readAt(file: Hdf5File, address: number, length: number, place: string): Promise<Uint8Array> {
  if (!(address >= 0 && length >= 0 && address + length <= file.bytes.size)) {
    throw corrupt(file, place, `points past the end of the ${file.bytes.size}-byte file (bytes ${address}..${address + length}; truncated or corrupt)`);
  }
  const data = await file.bytes.read(address, length);
  if (data.length < length) throw corrupt(file, place, `the file ends at byte ${address + data.length} (truncated)`);
  return data;
}

/** Little-endian fields read in order from `data`; reading past its end is an InputError at `place`. */
export class Fields {
  pos = 0;
  private readonly view: DataView;
  constructor(readonly data: Uint8Array, private readonly file: Hdf5File, private readonly place: string, private readonly at = 0) {
    this.view = new DataView(data.buffer, data.byteOffset, data.length);
  }
  private need(n: number): number {
    const p = this.pos;
    if (!(n >= 0) || p + n > this.data.length) throw corrupt(this.file, this.place, `ends inside a structure at byte ${this.at + p} (truncated or corrupt)`);
    this.pos += n;
    return p;
  }
  get left(): number {
    return this.data.length - this.pos;
  }
  skip(n: number): void {
    this.need(n);
  }
  u8(): number {
    return this.view.getUint8(this.need(1));
  }
  u16(): number {
    return this.view.getUint16(this.need(2), true);
  }
  u32(): number {
    return this.view.getUint32(this.need(4), true);
  }
  /** An unsigned integer of `size` bytes (1-8); past 2^53 an InputError; all bits set: UNDEFINED. */
  uint(size: number): number {
    const p = this.need(size);
    let all = true;
    let v = 0;
    for (let i = size - 1; i >= 0; i--) {
      const b = this.data[p + i]!;
      if (b !== 0xff) all = false;
      v = v * 256 + b;
    }
    if (all && size >= 4) return UNDEFINED;
    if (!Number.isSafeInteger(v)) throw corrupt(this.file, this.place, `a ${size}-byte field at byte ${this.at + p} holds ${v}, past 2^53`);
    return v;
  }
  /** An address (UNDEFINED kept, the base address added). */
  address(): number {
    const a = this.uint(this.file.offsetSize);
    return a === UNDEFINED ? a : a + this.file.base;
  }
  length(): number {
    const v = this.uint(this.file.lengthSize);
    if (v === UNDEFINED) throw corrupt(this.file, this.place, `a length of 2^${8 * this.file.lengthSize} - 1 at byte ${this.at + this.pos}`);
    return v;
  }
  bytes(n: number): Uint8Array {
    const p = this.need(n);
    return this.data.subarray(p, p + n);
  }
  signature(text: string): void {
    const p = this.pos;
    const got = String.fromCharCode(...this.bytes(text.length));
    if (got !== text) throw corrupt(this.file, this.place, `no '${text}' signature at byte ${this.at + p}`);
  }
}
