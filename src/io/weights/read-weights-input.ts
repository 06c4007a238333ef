import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { inputError } from "../input-error.js";
import { readBytes } from "../read-bytes.js";
import type { WeightsInput } from "./read-weights.js";

/**
 * Reads `--weights`: a file's bytes, or every `.npy` file of a folder keyed by its name without
 * `.npy` (`fc1.weight.npy` -> `fc1.weight`). A folder without .npy files is an InputError.
 */
export async function readWeightsInput(path: string): Promise<WeightsInput> {
  let folder = false;
  try {
    folder = (await stat(path)).isDirectory();
  } catch {
    // readBytes names the problem (no such file, permission denied)
  }
  if (!folder) return { kind: "file", bytes: await readBytes(path) };
  const names = (await readdir(path)).filter((n) => n.endsWith(".npy")).sort();
  if (names.length === 0) throw inputError(path, "", "folder has no .npy files", "a folder of .npy files such as fc1.weight.npy, fc1.bias.npy", "E_EMPTY");
  const files = new Map<string, Uint8Array>();
  for (const name of names) files.set(name.slice(0, -4), await readBytes(join(path, name)));
  return { kind: "folder", files };
}
