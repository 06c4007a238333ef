import { halfToFloat } from "./half-to-float.js";

/** A binary element type: float, signed/unsigned int, bool, or bfloat16, with its size in bytes. */
export interface ElementType {
  kind: "f" | "i" | "u" | "b" | "bf";
  size: number;
  littleEndian: boolean;
}

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Decodes `count` elements starting at `bytes[offset]` (the caller has checked the bounds).
 * f2/bf16/f4 give a Float32Array, everything else a Float64Array.
 *
 * Host-order f4 (f8) data whose address is 4- (8-) byte aligned in the underlying ArrayBuffer
 * is returned as a view over the same memory, without a copy. Anything else is copied once:
 * misaligned data into a fresh buffer, foreign-order data too and then byte-swapped in place
 * by Buffer.swap16/32/64 (native code, several times faster than a DataView loop), and ints
 * are widened by TypedArray.set. 64-bit integers beyond 2^53 are rounded to the nearest
 * double, as numpy's astype(float64) does.
 */
export function decodeElements(bytes: Uint8Array, offset: number, count: number, type: ElementType): Float32Array | Float64Array {
  const { kind, size } = type;
  const length = count * size;
  let base = bytes.subarray(offset, offset + length);
  if (size > 1 && (type.littleEndian !== HOST_LITTLE_ENDIAN || base.byteOffset % size !== 0)) {
    // A fresh copy (not bytes.slice: on a Buffer that is a view, and the swap would write through).
    base = new Uint8Array(length);
    base.set(bytes.subarray(offset, offset + length));
    if (type.littleEndian !== HOST_LITTLE_ENDIAN) swapInPlace(base, size);
  }
  const view = <T>(Array: { new (buffer: ArrayBufferLike, byteOffset: number, length: number): T }, n = count): T =>
    new Array(base.buffer, base.byteOffset, n);

  if (kind === "f" && size === 4) return view(Float32Array);
  if (kind === "f" && size === 8) return view(Float64Array);
  if (kind === "f" && size === 2) {
    const table = halfTable();
    const halves = view(Uint16Array);
    const out = new Float32Array(count);
    for (let i = 0; i < count; i++) out[i] = table[halves[i]!]!;
    return out;
  }
  if (kind === "bf" && size === 2) {
    const halves = view(Uint16Array);
    const bits = new Uint32Array(count);
    for (let i = 0; i < count; i++) bits[i] = halves[i]! << 16;
    return new Float32Array(bits.buffer);
  }
  const out = new Float64Array(count);
  if (kind === "b") {
    for (let i = 0; i < count; i++) out[i] = base[i] === 0 ? 0 : 1;
    return out;
  }
  const signed = kind === "i";
  if (size === 1) out.set(signed ? view(Int8Array) : base);
  else if (size === 2) out.set(signed ? view(Int16Array) : view(Uint16Array));
  else if (size === 4) out.set(signed ? view(Int32Array) : view(Uint32Array));
  else if (size === 8) {
    // hi * 2^32 is exact and the one addition rounds once: the nearest double to the integer.
    const words = view(Uint32Array, count * 2);
    const signedWords = view(Int32Array, count * 2);
    const [lo, hi] = HOST_LITTLE_ENDIAN ? [0, 1] : [1, 0];
    for (let i = 0; i < count; i++) {
      out[i] = (signed ? signedWords[2 * i + hi]! : words[2 * i + hi]!) * 4294967296 + words[2 * i + lo]!;
    }
  } else throw new RangeError(`no decoder for ${kind}${size}`);
  return out;
}

/** Reverses the byte order of each `size`-byte element of `bytes` (a fresh, aligned copy). */
function swapInPlace(bytes: Uint8Array, size: number): void {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (size === 2) buffer.swap16();
  else if (size === 4) buffer.swap32();
  else if (size === 8) buffer.swap64();
  else throw new RangeError(`cannot swap ${size}-byte elements`);
}

let HALF_TABLE: Float32Array | undefined;

/** All 65536 float16 values, built on first use (256 KB). */
function halfTable(): Float32Array {
  if (HALF_TABLE === undefined) {
    HALF_TABLE = new Float32Array(65536);
    for (let bits = 0; bits < 65536; bits++) HALF_TABLE[bits] = halfToFloat(bits);
  }
  return HALF_TABLE;
}
