import type { ByteSource } from "../byte-source.js";
import { inputError } from "../input-error.js";
import { corrupt, Fields, Hdf5Unsupported, MAX_STRUCTURE, readAt, UNDEFINED, type Hdf5File } from "./hdf5-fields.js";

/**
 * HDF5's superblock (versions 0 to 3) and object headers (versions 1 and 2, continuation blocks
 * followed once each), read by offset for the block reader (hdf5-source.ts).
 */

const SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/** True if `head` starts with the HDF5 signature. */
export function hasHdf5Signature(head: Uint8Array): boolean {
  return head.length >= 8 && SIGNATURE.every((b, i) => head[i] === b);
}

/** Reads the superblock at byte 0 (versions 0 to 3; sizes of offsets and lengths 2, 4 or 8). */
export async function openHdf5File(bytes: ByteSource, source: string): Promise<Hdf5File> {
  const file: Hdf5File = { bytes, source, offsetSize: 8, lengthSize: 8, base: 0, root: 0 };
  const head = await bytes.read(0, Math.min(bytes.size, 128));
  if (!hasHdf5Signature(head)) throw inputError(source, "byte 0", "not an HDF5 file", "the signature \\x89HDF\\r\\n\\x1a\\n", "E_MAGIC");
  const f = new Fields(head, file, "superblock");
  f.skip(8);
  const version = f.u8();
  if (version > 3) throw new Hdf5Unsupported(`superblock version ${version}`, "superblock");
  if (version <= 1) {
    f.skip(4);
    file.offsetSize = f.u8();
    file.lengthSize = f.u8();
    f.skip(1 + 4 + 4 + (version === 1 ? 4 : 0));
  } else {
    file.offsetSize = f.u8();
    file.lengthSize = f.u8();
    f.skip(1);
  }
  for (const size of [file.offsetSize, file.lengthSize]) {
    if (![2, 4, 8].includes(size)) throw corrupt(file, "superblock", `sizes of offsets and lengths ${file.offsetSize} and ${file.lengthSize}`);
  }
  const base = f.uint(file.offsetSize);
  if (base === UNDEFINED) throw corrupt(file, "superblock", "an undefined base address");
  file.base = base;
  if (version <= 1) {
    f.skip(3 * file.offsetSize); // free space, end of file, driver information
    f.skip(file.offsetSize); // the root entry's link name offset
    file.root = f.address();
  } else {
    f.skip(2 * file.offsetSize); // superblock extension, end of file
    file.root = f.address();
  }
  if (file.root === UNDEFINED) throw corrupt(file, "superblock", "an undefined root group address");
  return file;
}

/** One header message: its type, flags and body. */
export interface Hdf5Message {
  type: number;
  flags: number;
  body: Uint8Array;
  /** The file offset of the body. */
  at: number;
}

export const MSG = { dataspace: 0x1, linkInfo: 0x2, datatype: 0x3, fillValue: 0x5, link: 0x6, layout: 0x8, filters: 0xb, continuation: 0x10, symbolTable: 0x11 } as const;
/** Continuation blocks of one header past this count are taken for a corrupt file. */
const MAX_BLOCKS = 4096;

/** The messages of the object header at `address` (version 1 or 2), in the file's order. */
export async function readObjectHeader(file: Hdf5File, address: number, place: string): Promise<Hdf5Message[]> {
  const prefix = await readAt(file, address, Math.min(40, file.bytes.size - address), place);
  const v2 = prefix[0] === 0x4f; // "OHDR"
  const messages: Hdf5Message[] = [];
  const blocks: [number, number][] = [];
  const seen = new Set<number>();
  let total = Infinity;
  let creationOrder = 0;
  const f = new Fields(prefix, file, place, address);
  if (!v2) {
    const version = f.u8();
    if (version !== 1) throw corrupt(file, place, `object header version ${version} at byte ${address}`);
    f.skip(1);
    total = f.u16();
    f.skip(4);
    blocks.push([address + 16, f.u32()]);
  } else {
    f.signature("OHDR");
    const version = f.u8();
    if (version !== 2) throw corrupt(file, place, `object header version ${version} at byte ${address}`);
    const flags = f.u8();
    if (flags & 0x20) f.skip(16);
    if (flags & 0x10) f.skip(4);
    creationOrder = flags & 0x04 ? 2 : 0;
    const size = f.uint(1 << (flags & 3));
    blocks.push([address + f.pos, size]);
  }
  seen.add(blocks[0]![0]);
  for (let b = 0; b < blocks.length && messages.length < total; b++) {
    if (b >= MAX_BLOCKS) throw corrupt(file, place, `more than ${MAX_BLOCKS} object header blocks`);
    const [start, size] = blocks[b]!;
    if (size > MAX_STRUCTURE) throw corrupt(file, place, `an object header block of ${size} bytes at byte ${start}`);
    const m = new Fields(await readAt(file, start, size, place), file, place, start);
    const head = v2 ? 4 + creationOrder : 8;
    while (m.left >= head && messages.length < total) {
      const type = v2 ? m.u8() : m.u16();
      const length = m.u16();
      const flags = m.u8();
      m.skip(v2 ? creationOrder : 3);
      const at = start + m.pos;
      const body = m.bytes(length);
      messages.push({ type, flags, body, at });
      if (type === MSG.continuation) {
        const c = new Fields(body, file, place, at);
        const next = c.address();
        const nextSize = c.length();
        if (v2) {
          const check = await readAt(file, next, Math.min(4, file.bytes.size - next), place);
          if (String.fromCharCode(...check) !== "OCHK") throw corrupt(file, place, `no 'OCHK' signature at byte ${next}`);
        }
        const block: [number, number] = v2 ? [next + 4, nextSize - 8] : [next, nextSize];
        if (block[1] < 0) throw corrupt(file, place, `a continuation block of ${nextSize} bytes`);
        if (!seen.has(block[0])) {
          seen.add(block[0]);
          blocks.push(block);
        }
      }
    }
  }
  return messages;
}

/** The first message of `type`, its body as Fields; shared messages are not read. */
export function message(file: Hdf5File, messages: readonly Hdf5Message[], type: number, place: string, what: string): Fields | undefined {
  const m = messages.find((x) => x.type === type);
  if (m === undefined) return undefined;
  if (m.flags & 0x02) throw new Hdf5Unsupported(`a shared ${what} message (a committed datatype)`, place);
  return new Fields(m.body, file, place, m.at);
}
