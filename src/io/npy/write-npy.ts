/**
 * Encodes a C-order array as a .npy file, format 1.0 ('<f4' for a Float32Array, '<f8' for a
 * Float64Array), its header padded so the data starts at a multiple of 64 bytes as numpy does.
 */
export function writeNpy(t: { shape: readonly number[]; data: Float32Array | Float64Array }): Uint8Array {
  const count = t.shape.reduce((a, b) => a * b, 1);
  if (count !== t.data.length) throw new RangeError(`shape (${t.shape.join(", ")}) has ${count} elements but data has ${t.data.length}`);
  const size = t.data.BYTES_PER_ELEMENT;
  const head = npyHeader(t.shape, size);
  const out = new Uint8Array(head.length + count * size);
  out.set(head);
  npyValues(t.data, out, head.length);
  return out;
}

/**
 * The header writeNpy writes for an array of `shape` and elements of `size` bytes (4: '<f4',
 * 8: '<f8'): the data then follows it, in C order, little-endian (npyValues).
 */
export function npyHeader(shape: readonly number[], size: number): Uint8Array {
  const dims = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
  let header = `{'descr': '<f${size}', 'fortran_order': False, 'shape': ${dims}, }`;
  const total = Math.ceil((10 + header.length + 1) / 64) * 64;
  header = header.padEnd(total - 10 - 1, " ") + "\n";
  if (header.length > 0xffff) throw new RangeError(`npy header of ${header.length} bytes exceeds version 1.0's 65535`);
  const out = new Uint8Array(total);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length & 0xff, header.length >> 8]);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  return out;
}

/** The values as a .npy file holds them (little-endian), written into `out` from `offset` (a new array of their bytes without). */
export function npyValues(data: Float32Array | Float64Array, out = new Uint8Array(data.length * data.BYTES_PER_ELEMENT), offset = 0): Uint8Array {
  const count = data.length;
  const view = new DataView(out.buffer, out.byteOffset + offset);
  if (data.BYTES_PER_ELEMENT === 4) for (let i = 0; i < count; i++) view.setFloat32(i * 4, data[i]!, true);
  else for (let i = 0; i < count; i++) view.setFloat64(i * 8, data[i]!, true);
  return out;
}
