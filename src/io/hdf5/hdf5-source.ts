import { constants } from "node:buffer";
import { bytesSource, type ByteSource } from "../byte-source.js";
import { inputError } from "../input-error.js";
import type { InputError } from "../../errors.js";
import { decodeElements } from "../npy/decode-elements.js";
import { selectKey } from "../select-key.js";
import { rowSource } from "../row-source.js";
import type { TensorSource } from "../tensor-source.js";
import { chunkedSource } from "./hdf5-chunks.js";
import { datasetInfo, type Hdf5DatasetInfo } from "./hdf5-dataset.js";
import { groupLinks, objectAt, type Hdf5Link } from "./hdf5-groups.js";
import { openHdf5File, type Hdf5Message } from "./hdf5-objects.js";
import { corrupt, Hdf5Unsupported, UNDEFINED, type Hdf5File } from "./hdf5-fields.js";

/**
 * One dataset of an HDF5 file as a TensorSource, read by offset (no buffer holds the file):
 * superblocks 0-3, old- and new-style groups, compact, contiguous and chunked storage (every
 * chunk index: a v1 B-tree, and layout version 4's of libver='latest' and SWMR; no filter, gzip,
 * shuffle, fletcher32). `key` picks the dataset as readHdf5 does, with its messages. What it does
 * not read (other filters, non-numeric types, an empty chunked dataset...) is left to the whole
 * reader (undefined) in a file one buffer holds, and named in an InputError past that (hdf5Refusal). With `refuse` (the
 * whole reader has failed already), the Hdf5Unsupported is thrown as it is, whatever the size.
 * With `chunkedOnly`, a dataset not stored in chunks is undefined too (for a file in memory, the
 * whole reader views contiguous data without a copy).
 */
export async function openHdf5Source(bytes: ByteSource, source: string, key?: string, { refuse = false, chunkedOnly = false }: { refuse?: boolean; chunkedOnly?: boolean } = {}): Promise<TensorSource | undefined> {
  try {
    return await open(await openHdf5File(bytes, source), key, chunkedOnly);
  } catch (error) {
    if (!(error instanceof Hdf5Unsupported) || refuse) throw error;
    if (bytes.size <= constants.MAX_LENGTH) return undefined;
    throw hdf5Refusal(source, error, bytes.size);
  }
}

export { Hdf5Unsupported };

/** The InputError naming what the block reader lacks (`size`: the file's bytes, when past what one buffer holds). */
export function hdf5Refusal(source: string, error: Hdf5Unsupported, size?: number): InputError {
  const why = size === undefined ? `${error.feature} is not read` : `${error.feature} is not read in blocks, and the file's ${size} bytes are past the ${constants.MAX_LENGTH} one buffer holds`;
  const expected = "a numeric dataset in contiguous, compact or chunked storage with no filter, gzip, shuffle or fletcher32";
  return inputError(source, error.place, why, expected, size === undefined ? "E_HDF5" : "E_TOO_LARGE");
}

/** Groups deeper than this, or more datasets than this, are not listed (as readHdf5). */
const MAX_DEPTH = 32;
const MAX_DATASETS = 10_000;
const MAX_VISITS = 100_000;
/** Soft links followed in one lookup past this are taken for a loop. */
const MAX_SOFT = 32;

type Found = { kind: "group"; path: string; links: Map<string, Hdf5Link> } | { kind: "dataset"; path: string; messages: Hdf5Message[] };

async function open(file: Hdf5File, key: string | undefined, chunkedOnly: boolean): Promise<TensorSource | undefined> {
  const { source } = file;
  const root = await groupAt(file, file.root, "/");
  if (key !== undefined) {
    const path = key.replace(/^\/+/, "");
    const found = path === "" ? root : await lookup(file, root, root, path, 0);
    if (found?.kind === "dataset") return datasetSource(file, found, chunkedOnly);
    const names = await datasetPaths(file, root);
    const what = found?.kind === "group" ? "is a group, not a dataset" : "not found";
    throw inputError(source, `dataset '${key}'`, what, names.length === 0 ? "a dataset, but there are none" : `one of ${names.map((n) => `'${n}'`).join(", ")}`, "E_KEY");
  }
  const names = await datasetPaths(file, root);
  const name = selectKey(names, undefined, source, "dataset");
  return datasetSource(file, (await lookup(file, root, root, name, 0)) as Found & { kind: "dataset" }, chunkedOnly);
}

/** How messages name an object, as open-hdf5.ts does. */
function placeOf(kind: "dataset" | "group" | "object", path: string): string {
  return path === "/" ? "the root group" : `${kind} '${path.slice(1)}'`;
}

async function groupAt(file: Hdf5File, address: number, path: string): Promise<Found & { kind: "group" }> {
  const place = placeOf("group", path);
  const { messages } = await objectAt(file, address, place);
  return { kind: "group", path, links: await groupLinks(file, messages, place) };
}

/** jsfive's Group.get(name) from `group`: "a/b" walks down, a leading "/" starts at the root, soft links are followed. */
async function lookup(file: Hdf5File, root: Found & { kind: "group" }, group: Found & { kind: "group" }, name: string, soft: number, origin = name): Promise<Found | undefined> {
  const path = name.replace(/\/(\/)+/g, "/");
  if (path === "/") return root;
  if (path === ".") return group;
  if (path.startsWith("/")) return lookup(file, root, root, path.slice(1), soft, origin);
  const slash = path.indexOf("/");
  const [next, rest] = slash < 0 ? [path, "."] : [path.slice(0, slash), path.slice(slash + 1)];
  const link = group.links.get(next);
  if (link === undefined) return undefined;
  const child = `${group.path === "/" ? "" : group.path}/${next}`;
  if ("soft" in link) {
    if (soft >= MAX_SOFT) throw corrupt(file, placeOf("object", child), `more than ${MAX_SOFT} soft links in one path (a loop)`);
    const target = await lookup(file, root, group, link.soft, soft + 1).catch(() => undefined);
    if (target === undefined) return undefined;
    return target.kind === "dataset" ? (rest === "." ? target : undefined) : lookup(file, root, target, rest, soft + 1);
  }
  const object = await objectAt(file, link.address, placeOf("object", child));
  if (object.dataset) {
    if (rest !== ".") throw inputError(file.source, placeOf("object", `/${origin}`), `cannot be read (${child} is a dataset, not a group)`, "an intact HDF5 file as h5py writes it (contiguous or chunked storage, gzip/shuffle filters)", "E_HDF5");
    return { kind: "dataset", path: child, messages: object.messages };
  }
  const place = placeOf("group", child);
  return lookup(file, root, { kind: "group", path: child, links: await groupLinks(file, object.messages, place) }, rest, soft, origin);
}

/** Every dataset's path below `root` in the order jsfive lists them, as hdf5DatasetPaths. */
async function datasetPaths(file: Hdf5File, root: Found & { kind: "group" }): Promise<string[]> {
  const paths: string[] = [];
  let visits = 0;
  const walk = async (g: Found & { kind: "group" }, prefix: string, depth: number): Promise<void> => {
    if (depth > MAX_DEPTH) throw inputError(file.source, g.path, `groups nest deeper than ${MAX_DEPTH} levels`, "a file without link cycles", "E_HDF5");
    for (const name of g.links.keys()) {
      // links shared between groups can make a walk exponential without a cycle: bound the objects visited
      if (++visits > MAX_VISITS) throw inputError(file.source, g.path, `more than ${MAX_VISITS} links to list`, "a file without link cycles", "E_HDF5");
      const child = await lookup(file, root, g, name, 0);
      if (child?.kind === "dataset") {
        paths.push(`${prefix}${name}`);
        if (paths.length > MAX_DATASETS) throw inputError(file.source, g.path, `more than ${MAX_DATASETS} datasets`, "a file without link cycles", "E_HDF5");
      } else if (child?.kind === "group") await walk(child, `${prefix}${name}/`, depth + 1);
    }
  };
  await walk(root, "", 0);
  return paths;
}

/** Deflate cannot expand data by more than about 1032:1: a dataset claiming more is corrupt (as readHdf5). */
const MAX_EXPANSION = 1100;

async function datasetSource(file: Hdf5File, found: Found & { kind: "dataset" }, chunkedOnly = false): Promise<TensorSource | undefined> {
  const place = placeOf("dataset", found.path);
  const info = datasetInfo(file, found.messages, place);
  const { shape, maxShape, dtype, type, storage } = info;
  const { source, bytes } = file;
  if (type === undefined) throw inputError(source, place, `dtype ${dtype} is not supported`, "a numeric dataset: f2, f4, f8, i1-i8 or u1-u8", "E_DTYPE");
  const count = shape.reduce((a, b) => a * b, 1);
  const size = bytes.size;
  if (!Number.isSafeInteger(count * type.size) || count * type.size > size * MAX_EXPANSION + 1e6) {
    throw inputError(source, place, `shape [${shape.join(", ")}] of ${dtype} needs ${count * type.size} bytes from a ${size}-byte file`, "a shape the file can hold", "E_HDF5");
  }
  if (storage.kind === "chunked") {
    if (count === 0 || shape.length === 0) throw new Hdf5Unsupported("an empty chunked dataset", place);
    return chunkedSource(file, { shape, maxShape, dtype, type, chunk: storage.chunk, index: storage.index, filters: info.filters, fill: info.fill }, place);
  }
  if (chunkedOnly) return undefined;
  if (info.filters.length > 0) throw new Hdf5Unsupported("filters on unchunked storage", place);
  if (storage.kind === "compact") {
    if (storage.data.length < count * type.size) throw corrupt(file, place, `compact data of ${storage.data.length} bytes for ${count} elements of ${type.size}`);
    return rowSource(bytesSource(storage.data.slice()), shape, dtype, type, 0, false);
  }
  if (storage.address === UNDEFINED) return filled(info, count);
  if (storage.address + count * type.size > size) {
    throw corrupt(file, place, `points past the end of the ${size}-byte file (its ${count * type.size} bytes from byte ${storage.address}; truncated or corrupt)`);
  }
  return rowSource(bytes, shape, dtype, type, storage.address, false);
}

/** A contiguous dataset never written: every value the fill value (0 when none), as the whole reader gives it. */
function filled(info: Hdf5DatasetInfo, count: number): TensorSource {
  const { shape, type } = info;
  const t = type!;
  const one = info.fill !== undefined && info.fill.length === t.size && !(t.kind !== "f" && t.size === 8) ? decodeElements(info.fill, 0, 1, t)[0]! : 0;
  const perRow = shape.length === 0 ? 1 : count / Math.max(1, shape[0]!);
  const rows = shape.length === 0 ? 1 : shape[0]!;
  return {
    shape,
    dtype: info.dtype,
    rowBytes: perRow * t.size,
    readRows: async (start, end) => {
      if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= rows)) throw new RangeError(`rows [${start}, ${end}) are outside the array's ${rows}`);
      const n = (end - start) * perRow;
      return (t.kind === "f" && t.size <= 4 ? new Float32Array(n) : new Float64Array(n)).fill(one);
    },
  };
}
