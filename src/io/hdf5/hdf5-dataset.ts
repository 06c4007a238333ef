import type { ElementType } from "../npy/decode-elements.js";
import { message, MSG, type Hdf5Message } from "./hdf5-objects.js";
import { corrupt, Fields, Hdf5Unsupported, UNDEFINED, type Hdf5File } from "./hdf5-fields.js";

/**
 * A dataset's header messages as the block reader uses them: the dataspace (its shape), the
 * datatype (numeric only, spelled as numpy and jsfive do: "<f4", ">i2"), the data layout
 * (compact, contiguous, or chunked with a v1 B-tree index), the filter pipeline and the fill value.
 */

export type Hdf5Storage =
  | { kind: "compact"; data: Uint8Array }
  | { kind: "contiguous"; address: number }
  | { kind: "chunked"; btree: number; chunk: number[] };

export interface Hdf5Filter {
  id: number;
  values: number[];
}

export interface Hdf5DatasetInfo {
  shape: number[];
  /** numpy's spelling, as jsfive gives it. */
  dtype: string;
  /** undefined for a class or size the whole reader refuses (its E_DTYPE message is built by the caller). */
  type: ElementType | undefined;
  storage: Hdf5Storage;
  filters: Hdf5Filter[];
  /** The fill value's bytes (one element), undefined when none is defined (zeros). */
  fill: Uint8Array | undefined;
}

/** The filters the block reader applies: deflate, shuffle, fletcher32. */
export const FILTERS: Record<number, string> = { 1: "gzip", 2: "shuffle", 3: "fletcher32" };
const FILTER_NAMES: Record<number, string> = { 4: "szip", 5: "nbit", 6: "scaleoffset", 32000: "lzf", 32001: "blosc", 32004: "lz4", 32008: "bitshuffle", 32015: "zstd" };

/** Reads the dataset messages of an object; `place` names it in errors. */
export function datasetInfo(file: Hdf5File, messages: readonly Hdf5Message[], place: string): Hdf5DatasetInfo {
  const shape = dataspace(file, message(file, messages, MSG.dataspace, place, "dataspace")!, place);
  const dt = message(file, messages, MSG.datatype, place, "datatype");
  if (dt === undefined) throw corrupt(file, place, "no datatype message");
  const { dtype, type } = datatype(dt, place);
  const lay = message(file, messages, MSG.layout, place, "data layout");
  if (lay === undefined) throw corrupt(file, place, "no data layout message");
  const storage = layout(file, lay, shape.length, place);
  const pipeline = message(file, messages, MSG.filters, place, "filter pipeline");
  const filters = pipeline === undefined ? [] : filterPipeline(file, pipeline, place);
  const fillMessage = message(file, messages, MSG.fillValue, place, "fill value");
  const fill = fillMessage === undefined ? undefined : fillValue(file, fillMessage, place);
  return { shape, dtype, type, storage, filters, fill };
}

function dataspace(file: Hdf5File, f: Fields, place: string): number[] {
  const version = f.u8();
  const rank = f.u8();
  const flags = f.u8();
  if (version === 1) f.skip(5);
  else if (version === 2) {
    if (f.u8() === 2) throw new Hdf5Unsupported("a null dataspace (a dataset without values)", place);
  } else throw corrupt(file, place, `dataspace version ${version}`);
  if (rank > 32) throw corrupt(file, place, `a dataspace of rank ${rank}`);
  void flags;
  return Array.from({ length: rank }, () => f.length());
}

function datatype(f: Fields, place: string): { dtype: string; type: ElementType | undefined } {
  const classVersion = f.u8();
  const bits = f.u8();
  f.skip(2);
  const size = f.u32();
  const cls = classVersion & 0x0f;
  const order = bits & 0x01 ? ">" : "<";
  if (cls === 0 || cls === 1) {
    if (cls === 1 && bits & 0x40) throw new Hdf5Unsupported("a VAX-order float datatype", place);
    const kind = cls === 1 ? "f" : bits & 0x08 ? "i" : "u";
    const dtype = `${order}${kind}${size}`;
    const ok = [1, 2, 4, 8].includes(size) && !(kind === "f" && size === 1);
    return { dtype, type: ok ? { kind, size, littleEndian: order === "<" } : undefined };
  }
  const names = ["fixed-point", "floating-point", "time", "string", "bitfield", "opaque", "compound", "reference", "enumerated", "variable-length", "array"];
  throw new Hdf5Unsupported(`a dataset of ${names[cls] ?? `class ${cls}`} datatype`, place);
}

function layout(file: Hdf5File, f: Fields, rank: number, place: string): Hdf5Storage {
  const version = f.u8();
  if (version === 1 || version === 2) {
    const dims = f.u8();
    const cls = f.u8();
    f.skip(5);
    const address = cls === 0 ? UNDEFINED : f.address();
    const sizes = Array.from({ length: dims }, () => f.u32());
    if (cls === 0) return { kind: "compact", data: f.bytes(f.u32()) };
    if (cls === 1) return { kind: "contiguous", address };
    if (cls === 2) return { kind: "chunked", btree: address, chunk: chunkShape(file, sizes, rank, place) };
    throw corrupt(file, place, `layout class ${cls}`);
  }
  if (version === 3 || version === 4) {
    const cls = f.u8();
    if (cls === 0) return { kind: "compact", data: f.bytes(f.u16()) };
    if (cls === 1) return { kind: "contiguous", address: f.address() };
    if (cls === 2 && version === 3) {
      const dims = f.u8();
      const btree = f.address();
      return { kind: "chunked", btree, chunk: chunkShape(file, Array.from({ length: dims }, () => f.u32()), rank, place) };
    }
    if (cls === 2) throw new Hdf5Unsupported("a chunk index of layout version 4 (libver='latest')", place);
    if (cls === 3) throw new Hdf5Unsupported("virtual dataset storage", place);
    throw corrupt(file, place, `layout class ${cls}`);
  }
  throw corrupt(file, place, `data layout version ${version}`);
}

/** The chunk's shape from the layout's dimensions (the last one is the element size). */
function chunkShape(file: Hdf5File, sizes: number[], rank: number, place: string): number[] {
  if (sizes.length !== rank + 1) throw corrupt(file, place, `chunk dimensions ${sizes.length} for rank ${rank}`);
  const chunk = sizes.slice(0, rank);
  if (chunk.some((c) => c === 0)) throw corrupt(file, place, `a chunk of shape [${chunk.join(", ")}]`);
  return chunk;
}

function filterPipeline(file: Hdf5File, f: Fields, place: string): Hdf5Filter[] {
  const version = f.u8();
  const count = f.u8();
  if (version === 1) f.skip(6);
  else if (version !== 2) throw corrupt(file, place, `filter pipeline version ${version}`);
  if (count > 32) throw corrupt(file, place, `${count} filters`);
  const filters: Hdf5Filter[] = [];
  for (let i = 0; i < count; i++) {
    const id = f.u16();
    const nameLength = version === 1 || id >= 256 ? f.u16() : 0;
    f.u16(); // flags
    const n = f.u16();
    f.skip(version === 1 ? Math.ceil(nameLength / 8) * 8 : nameLength);
    const values = Array.from({ length: n }, () => f.u32());
    if (version === 1 && n % 2 === 1) f.skip(4);
    if (FILTERS[id] === undefined) throw new Hdf5Unsupported(`the ${FILTER_NAMES[id] ?? `id ${id}`} filter`, place);
    filters.push({ id, values });
  }
  return filters;
}

/** The fill value as jsfive reads it: from a defined value of the (new) fill value message. */
function fillValue(file: Hdf5File, f: Fields, place: string): Uint8Array | undefined {
  const version = f.u8();
  let defined: boolean;
  if (version === 1 || version === 2) {
    f.skip(2);
    defined = f.u8() !== 0;
  } else if (version === 3) defined = (f.u8() & 0x20) !== 0;
  else throw corrupt(file, place, `fill value message version ${version}`);
  if (!defined) return undefined;
  const size = f.u32();
  return size === 0 ? undefined : f.bytes(size);
}
