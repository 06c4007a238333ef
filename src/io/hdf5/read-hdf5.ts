import { inputError } from "../input-error.js";
import { selectKey } from "../select-key.js";
import type { Tensor } from "../tensor.js";
import { openHdf5, type Hdf5Dataset, type Hdf5Group } from "./open-hdf5.js";

/** Groups deeper than this, or more datasets than this, are not listed (a corrupt file can loop). */
const MAX_DEPTH = 32;
const MAX_DATASETS = 10_000;

/**
 * Reads one dataset of an HDF5 file (an activation dump written by h5py): `key` is its path
 * ("layer1/relu", a leading "/" allowed); without a key the file must hold exactly one dataset.
 * Errors inside the dataset name it ("dataset 'layer1/relu'").
 */
export function readHdf5(bytes: Uint8Array, source: string, key?: string): Tensor {
  const root = openHdf5(bytes, source);
  if (key !== undefined) {
    const path = key.replace(/^\/+/, "");
    const found = path === "" ? root : root.get(path);
    if (found?.kind === "dataset") return found.read();
    const names = hdf5DatasetPaths(root, source);
    const what = found?.kind === "group" ? "is a group, not a dataset" : "not found";
    throw inputError(source, `dataset '${key}'`, what, names.length === 0 ? "a dataset, but there are none" : `one of ${names.map((n) => `'${n}'`).join(", ")}`, "E_KEY");
  }
  const names = hdf5DatasetPaths(root, source);
  const name = selectKey(names, undefined, source, "dataset");
  const found = root.get(name);
  // a corrupt file may list a dataset that its lookup by path then misses
  if (found?.kind !== "dataset") throw inputError(source, `dataset '${name}'`, "is listed but cannot be found by its path", "an intact HDF5 file as h5py writes it", "E_HDF5");
  return found.read();
}

/** Every dataset's path below `root`, without the leading "/", in the order the file lists them. */
export function hdf5DatasetPaths(root: Hdf5Group, source: string): string[] {
  const paths: string[] = [];
  const walk = (g: Hdf5Group, prefix: string, depth: number): void => {
    if (depth > MAX_DEPTH) throw inputError(source, g.path, `groups nest deeper than ${MAX_DEPTH} levels`, "a file without link cycles", "E_HDF5");
    for (const name of g.names()) {
      const child = g.get(name);
      if (child?.kind === "dataset") {
        paths.push(`${prefix}${name}`);
        if (paths.length > MAX_DATASETS) throw inputError(source, g.path, `more than ${MAX_DATASETS} datasets`, "a file without link cycles", "E_HDF5");
      } else if (child?.kind === "group") walk(child, `${prefix}${name}/`, depth + 1);
    }
  };
  walk(root, "", 0);
  return paths;
}
