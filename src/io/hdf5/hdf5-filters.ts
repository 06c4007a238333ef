import { inflateSync } from "node:zlib";
import type { ChunkRef } from "./hdf5-chunk-index.js";
import type { Hdf5Filter } from "./hdf5-dataset.js";
import { corrupt, readAt, type Hdf5File } from "./hdf5-fields.js";

/** The filters of HDF5 chunks the block reader undoes: gzip (Node's zlib), shuffle and fletcher32. */

/** A chunk's bytes with its filters undone (in reverse order, those its mask does not skip). */
export async function decodeChunk(file: Hdf5File, ref: ChunkRef, filters: readonly Hdf5Filter[], chunkBytes: number, size: number, place: string): Promise<Uint8Array> {
  const where = `${place}: the chunk at byte ${ref.address}`;
  if (filters.length === 0) return readAt(file, ref.address, chunkBytes, where);
  if (ref.size > chunkBytes + 1024 + file.bytes.size / 2) throw corrupt(file, where, `a stored size of ${ref.size} bytes`);
  let data = await readAt(file, ref.address, ref.size, where);
  for (let i = filters.length - 1; i >= 0; i--) {
    if (ref.filterMask & (1 << i)) continue;
    const { id } = filters[i]!;
    if (id === 1) {
      try {
        data = inflateSync(data, { maxOutputLength: chunkBytes + 64 });
      } catch (cause) {
        throw corrupt(file, where, `cannot be inflated (${(cause as Error).message})`);
      }
    } else if (id === 2) data = unshuffle(data, size);
    else if (id === 3) data = fletcher32(file, data, where);
  }
  if (data.length < chunkBytes) throw corrupt(file, where, `decodes to ${data.length} bytes, short of the chunk's ${chunkBytes}`);
  return data.subarray(0, chunkBytes);
}

/** Undoes HDF5's shuffle: byte j of every element was stored in the j-th plane; a remainder is kept as is. */
function unshuffle(data: Uint8Array, size: number): Uint8Array {
  if (size <= 1) return data;
  const n = Math.floor(data.length / size);
  const out = new Uint8Array(data.length);
  for (let j = 0; j < size; j++) {
    const plane = data.subarray(j * n, (j + 1) * n);
    for (let i = 0; i < n; i++) out[i * size + j] = plane[i]!;
  }
  out.set(data.subarray(n * size), n * size);
  return out;
}

/** Checks and strips a fletcher32 checksum (as HDF5 and jsfive compute it). */
function fletcher32(file: Hdf5File, data: Uint8Array, where: string): Uint8Array {
  if (data.length < 4) throw corrupt(file, where, "a fletcher32 chunk shorter than its checksum");
  const n = data.length - 4;
  let sum1 = 0;
  let sum2 = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    sum1 = (sum1 + (data[i]! | (data[i + 1]! << 8))) % 65535;
    sum2 = (sum2 + sum1) % 65535;
  }
  if (n % 2 === 1) {
    sum1 = (sum1 + data[n - 1]!) % 65535;
    sum2 = (sum2 + sum1) % 65535;
  }
  const ref1 = ((data[n]! << 8) | data[n + 1]!) % 65535;
  const ref2 = ((data[n + 2]! << 8) | data[n + 3]!) % 65535;
  if (sum1 !== ref1 || sum2 !== ref2) throw corrupt(file, where, "its fletcher32 checksum does not match");
  return data.subarray(0, n);
}
