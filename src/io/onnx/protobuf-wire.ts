/**
 * The protobuf wire format, read without a schema: a message is a run of fields, each a key
 * (field number << 3 | wire type) then a value. Every length and varint is checked against the
 * bytes; a malformed message throws WireError with the byte offset, which the ONNX reader turns
 * into the typed InputError.
 */

/** Malformed protobuf bytes: `offset` is where, from the start of the file. */
export class WireError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** One field of a message. `value` is a number for varint/fixed fields, a view for length-delimited ones. */
export interface WireField {
  field: number;
  wire: 0 | 1 | 2 | 5;
  /** varint: the value as a signed 64-bit number (exact up to 2^53); fixed32/fixed64: the raw bits' offset. */
  int: number;
  /** length-delimited: the bytes (a view into the file). */
  bytes: Uint8Array;
  /** Where the value starts in the file. */
  offset: number;
}

const EMPTY = new Uint8Array(0);

/** The fields of a message, in order. `base` is the message's offset in the file (for messages). */
export function* wireFields(bytes: Uint8Array, base = 0): Generator<WireField> {
  let pos = 0;
  while (pos < bytes.length) {
    const keyAt = pos;
    const key = readVarint(bytes, pos, base);
    pos = key.end;
    const field = Math.floor(key.value / 8);
    const wire = key.value % 8;
    if (field < 1 || field > 536870911 || key.value < 0) throw new WireError(`field number ${field} is not valid`, base + keyAt);
    const offset = base + pos;
    switch (wire) {
      case 0: {
        const v = readVarint(bytes, pos, base);
        pos = v.end;
        yield { field, wire, int: v.value, bytes: EMPTY, offset };
        break;
      }
      case 1:
      case 5: {
        const size = wire === 1 ? 8 : 4;
        if (pos + size > bytes.length) throw new WireError(`field ${field}: a ${size * 8}-bit value runs past the end`, offset);
        yield { field, wire, int: pos, bytes: bytes.subarray(pos, pos + size), offset };
        pos += size;
        break;
      }
      case 2: {
        const len = readVarint(bytes, pos, base);
        pos = len.end;
        if (len.value < 0 || len.value > bytes.length - pos) {
          throw new WireError(`field ${field}: length ${len.value} runs past the end (${bytes.length - pos} bytes left)`, offset);
        }
        yield { field, wire, int: len.value, bytes: bytes.subarray(pos, pos + len.value), offset: base + pos };
        pos += len.value;
        break;
      }
      default:
        throw new WireError(`field ${field}: wire type ${wire} is not supported`, base + keyAt);
    }
  }
}

/**
 * A varint at `pos`: up to 10 bytes, read as a two's-complement 64-bit integer (negative int64
 * values take 10 bytes). Exact while |value| < 2^53.
 */
export function readVarint(bytes: Uint8Array, pos: number, base = 0): { value: number; end: number } {
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < 10; i++) {
    if (pos + i >= bytes.length) throw new WireError("a varint runs past the end", base + pos);
    const b = bytes[pos + i]!;
    const bits = b & 0x7f;
    if (i < 4) lo |= bits << (7 * i);
    else if (i === 4) {
      lo |= (bits & 0x0f) << 28;
      hi |= bits >> 4;
    } else hi |= bits << (7 * i - 32);
    if ((b & 0x80) === 0) {
      return { value: (hi | 0) * 4294967296 + (lo >>> 0), end: pos + i + 1 };
    }
  }
  throw new WireError("a varint is longer than 10 bytes", base + pos);
}

const decoder = new TextDecoder("utf-8", { fatal: true });

/** A length-delimited field as UTF-8 text; WireError when it is not UTF-8. */
export function wireString(f: WireField): string {
  if (f.wire !== 2) throw new WireError(`field ${f.field}: expected text, found wire type ${f.wire}`, f.offset);
  try {
    return decoder.decode(f.bytes);
  } catch {
    throw new WireError(`field ${f.field}: text is not UTF-8`, f.offset);
  }
}

/** A varint field's value; WireError for another wire type. */
export function wireInt(f: WireField): number {
  if (f.wire !== 0) throw new WireError(`field ${f.field}: expected an integer, found wire type ${f.wire}`, f.offset);
  return f.int;
}

/** A message field's bytes; WireError for another wire type. */
export function wireMessage(f: WireField): Uint8Array {
  if (f.wire !== 2) throw new WireError(`field ${f.field}: expected a message, found wire type ${f.wire}`, f.offset);
  return f.bytes;
}

/** A fixed32 field as a float32; WireError for another wire type. */
export function wireFloat(f: WireField): number {
  if (f.wire !== 5) throw new WireError(`field ${f.field}: expected a float, found wire type ${f.wire}`, f.offset);
  return new DataView(f.bytes.buffer, f.bytes.byteOffset, 4).getFloat32(0, true);
}
