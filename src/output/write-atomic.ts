import { mkdir, open, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { randomBytes } from "node:crypto";
import { OutputError } from "../errors.js";

/** A file to write: a path and its bytes (or text, written as UTF-8). */
export interface FileToWrite {
  path: string;
  data: Uint8Array | string;
}

/**
 * Makes sure `dir` exists (creating it and its parents) and is a writable directory, before any
 * work is done, so a bad `--out` fails fast with one line.
 */
export async function prepareDir(dir: string, flag = "--out"): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    const s = await stat(dir);
    if (!s.isDirectory()) throw Object.assign(new Error("not a directory"), { code: "ENOTDIR" });
    const probe = join(dir, `.actviz-tmp-probe-${process.pid}-${randomBytes(4).toString("hex")}`);
    const fh = await open(probe, "wx");
    await fh.close();
    await rm(probe, { force: true });
  } catch (err) {
    throw new OutputError(`${flag}: cannot write to '${dir}': ${describe(err)} (expected a writable directory)`, "E_OUT_DIR", { cause: err });
  }
}

/**
 * Writes every file or none: each goes to a temporary file beside its target, and only when all
 * are complete are they renamed into place. On failure the temporaries are removed, and no
 * target is left half-written (a rename is atomic on one filesystem).
 */
export async function writeAllAtomic(files: readonly FileToWrite[]): Promise<void> {
  const temps: string[] = [];
  try {
    for (const f of files) {
      const tmp = join(dirname(f.path), `.${basename(f.path)}.actviz-tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
      temps.push(tmp);
      const fh = await open(tmp, "wx");
      try {
        await fh.writeFile(f.data);
      } finally {
        await fh.close();
      }
    }
    for (let i = 0; i < files.length; i++) await rename(temps[i]!, files[i]!.path);
  } catch (err) {
    await Promise.all(temps.map((t) => rm(t, { force: true })));
    if (err instanceof OutputError) throw err;
    throw new OutputError(`cannot write output: ${describe(err)}`, "E_WRITE", { cause: err });
  }
}

function describe(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e.code) {
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ENOTDIR":
    case "EEXIST":
      return "a file is in the way";
    case "EROFS":
      return "read-only file system";
    case "ENOSPC":
      return "no space left on device";
    default:
      return e.message ?? String(err);
  }
}
