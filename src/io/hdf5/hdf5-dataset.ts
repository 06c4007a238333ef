import type { ElementType } from "../npy/decode-elements.js";
import { message, MSG, type Hdf5Message } from "./hdf5-objects.js";
import { corrupt, Fields, Hdf5Unsupported, UNDEFINED, type Hdf5File } from "./hdf5-fields.js";

/**
 * A dataset's header messages as the block reader uses them: the dataspace (its shape), the
 * datatype (numeric only, spelled as numpy and jsfive do: "<f4", ">i2"), the data layout
 * (compact, contiguous, or chunked: a v1 B-tree index, or layout version 4's single-chunk,
 * implicit or fixed-array index), the filter pipeline and the fill value.
 */

/**
 * Where a chunked dataset's chunks are listed: a v1 B-tree (layout versions 1-3, h5py's default),
 * or, in layout version 4 (libver='latest'), one chunk (its stored size and filter mask given when
 * filtered), chunks stored one after another (implicit), a fixed array, and for unlimited
 * dimensions an extensible array (one unlimited dimension) or a version 2 B-tree (more).
 */
export type ChunkIndexRef =
  | { type: "btree1"; address: number }
  | { type: "single"; address: number; filtered?: { size: number; mask: number } }
  | { type: "implicit"; address: number }
  | { type: "fixed"; address: number }
  | { type: "extensible"; address: number }
  | { type: "btree2"; address: number };

export type Hdf5Storage =
  | { kind: "compact"; data: Uint8Array }
  | { kind: "contiguous"; address: number }
  | { kind: "chunked"; index: ChunkIndexRef; chunk: number[] };

export interface Hdf5Filter {
  id: number;
  values: number[];
}

export interface Hdf5DatasetInfo {
  shape: number[];
  /** The largest shape the dataset may be resized to (the shape when none is given; UNDEFINED: unlimited). */
  maxShape: number[];
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
  const { shape, maxShape } = dataspace(file, message(file, messages, MSG.dataspace, place, "dataspace")!, place);
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
  return { shape, maxShape, dtype, type, storage, filters, fill };
}

function dataspace(file: Hdf5File, f: Fields, place: string): { shape: number[]; maxShape: number[] } {
  const version = f.u8();
  const rank = f.u8();
  const flags = f.u8();
  if (version === 1) f.skip(5);
  else if (version === 2) {
    if (f.u8() === 2) throw new Hdf5Unsupported("a null dataspace (a dataset without values)", place);
  } else throw corrupt(file, place, `dataspace version ${version}`);
  if (rank > 32) throw corrupt(file, place, `a dataspace of rank ${rank}`);
  const shape = Array.from({ length: rank }, () => f.length());
  // the maximum dimensions when flagged: all bits set (UNDEFINED) for an unlimited one
  const maxShape = flags & 0x01 ? Array.from({ length: rank }, () => f.uint(file.lengthSize)) : shape;
  return { shape, maxShape };
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
    if (cls === 2) return { kind: "chunked", index: { type: "btree1", address }, chunk: chunkShape(file, sizes, rank, place) };
    throw corrupt(file, place, `layout class ${cls}`);
  }
  if (version === 3 || version === 4) {
    const cls = f.u8();
    if (cls === 0) return { kind: "compact", data: f.bytes(f.u16()) };
    if (cls === 1) return { kind: "contiguous", address: f.address() };
    if (cls === 2 && version === 3) {
      const dims = f.u8();
      const address = f.address();
      return { kind: "chunked", index: { type: "btree1", address }, chunk: chunkShape(file, Array.from({ length: dims }, () => f.u32()), rank, place) };
    }
    if (cls === 2) return { kind: "chunked", ...layout4Chunks(file, f, rank, place) };
    if (cls === 3) throw new Hdf5Unsupported("virtual dataset storage", place);
    throw corrupt(file, place, `layout class ${cls}`);
  }
  throw corrupt(file, place, `data layout version ${version}`);
}

/**
 * Chunked storage in layout version 4 (libver='latest'): flags, the chunk's dimensions in fields
 * of a given width, and the index type with its own fields, then the index's address.
 */
function layout4Chunks(file: Hdf5File, f: Fields, rank: number, place: string): { index: ChunkIndexRef; chunk: number[] } {
  const flags = f.u8();
  const dims = f.u8();
  const width = f.u8();
  if (width < 1 || width > 8) throw corrupt(file, place, `chunk dimensions of ${width} bytes each`);
  const chunk = chunkShape(file, Array.from({ length: dims }, () => f.uint(width)), rank, place);
  const type = f.u8();
  if (type === 1) {
    // one chunk; when filtered (flag bit 1), its stored size and filter mask
    const filtered = flags & 0x02 ? { size: f.length(), mask: f.u32() } : undefined;
    return { index: { type: "single", address: f.address(), ...(filtered ? { filtered } : {}) }, chunk };
  }
  if (type === 2) return { index: { type: "implicit", address: f.address() }, chunk };
  if (type === 3) {
    f.u8(); // page bits: the fixed array's header says them again
    return { index: { type: "fixed", address: f.address() }, chunk };
  }
  if (type === 4) {
    f.skip(5); // the extensible array's parameters: its header says them again
    return { index: { type: "extensible", address: f.address() }, chunk };
  }
  if (type === 5) {
    f.skip(6); // the B-tree's node size, split and merge percentages: its header says them again
    return { index: { type: "btree2", address: f.address() }, chunk };
  }
  throw corrupt(file, place, `chunk index type ${type}`);
}

/** The chunk's shape from the layout's dimensions (the last one is the element size). */
function chunkShape(file: Hdf5File, sizes: number[], rank: number, place: string): number[] {
  if (sizes.length !== rank + 1) throw corrupt(file, place, `chunk dimensions ${sizes.length} for rank ${rank}`);
  const chunk = sizes.slice(0, rank);
  if (chunk.some((c) => !(c > 0))) throw corrupt(file, place, `a chunk of shape [${chunk.join(", ")}]`);
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
