import { rmSync } from "node:fs";
import { mkdir, open, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { OutputError } from "../errors.js";

let serial = 0;
/**
 * A suffix no other temporary file of ours has: this process's id, a counter and a random
 * part (a stale file of a crashed process with a recycled id is still avoided). Not from
 * node:crypto, whose loading costs ~8 ms of start-up to every command.
 */
function unique(): string {
  return `${process.pid}-${(serial++).toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

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
  await makeDirs(dir, flag);
  try {
    const s = await stat(dir);
    if (!s.isDirectory()) throw Object.assign(new Error("not a directory"), { code: "ENOTDIR" });
    const probe = join(dir, `.actviz-tmp-probe-${unique()}`);
    probes.add(probe);
    try {
      const fh = await open(probe, "wx");
      await fh.close();
      await rm(probe, { force: true });
    } finally {
      probes.delete(probe);
    }
  } catch (err) {
    throw new OutputError(`${flag}: cannot write to '${dir}': ${describe(err)} (expected a writable directory)`, "E_OUT_DIR", { cause: err });
  }
}

/**
 * Creates `dir` and its missing parents one level at a time, from the top, in a loop bounded
 * by the path's depth. Node's mkdir(dir, { recursive: true }) never returns under /proc (each
 * failed level makes it retry the parent); here the first level that cannot be made is an
 * OutputError naming it: `--out /proc/x/y: cannot create '/proc/x': ...`.
 */
async function makeDirs(dir: string, flag: string): Promise<void> {
  const levels: string[] = [];
  for (let p = resolve(dir); levels.length < 4096; p = dirname(p)) {
    levels.push(p);
    if (dirname(p) === p) break;
  }
  for (const level of levels.reverse()) {
    try {
      await mkdir(level);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "EEXIST") continue; // a file in the way is reported by prepareDir's stat
      if ((code === "EACCES" || code === "EPERM" || code === "EROFS") && (await isDir(level))) continue;
      throw new OutputError(`${flag} ${dir}: cannot create '${level}': ${describe(err)} (expected a writable directory)`, "E_OUT_DIR", { cause: err });
    }
  }
}

async function isDir(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Writes every file or none: each goes to a temporary file beside its target, and only when all
 * are complete are they renamed into place. On failure the temporaries are removed, and no
 * target is left half-written (a rename is atomic on one filesystem).
 */
export async function writeAllAtomic(files: readonly FileToWrite[]): Promise<void> {
  const set = new AtomicFileSet();
  try {
    for (const f of files) await set.add(f.path, f.data);
    await set.commit();
  } catch (err) {
    await set.abort();
    throw err;
  }
}

/**
 * A set of files written as one: `add` writes each to a temporary file beside its target as
 * soon as it is ready (so a long run holds no more than one file in memory), `commit` renames
 * them all into place, `abort` removes the temporaries. Nothing appears under a target name
 * before `commit`.
 */
export class AtomicFileSet {
  private readonly entries: { tmp: string; path: string }[] = [];

  constructor() {
    pending.add(this);
  }

  async add(path: string, data: Uint8Array | string): Promise<void> {
    const tmp = join(dirname(path), `.${basename(path)}.actviz-tmp-${unique()}`);
    try {
      const fh = await open(tmp, "wx");
      this.entries.push({ tmp, path });
      try {
        await fh.writeFile(data);
      } finally {
        await fh.close();
      }
    } catch (err) {
      throw new OutputError(`cannot write '${path}': ${describe(err)}`, "E_WRITE", { cause: err });
    }
  }

  async commit(): Promise<void> {
    try {
      // each renamed file leaves the list at once, so a signal mid-commit removes only temporaries
      while (this.entries.length > 0) {
        const e = this.entries[0]!;
        await rename(e.tmp, e.path);
        this.entries.shift();
      }
    } catch (err) {
      throw new OutputError(`cannot write output: ${describe(err)}`, "E_WRITE", { cause: err });
    }
    pending.delete(this);
  }

  async abort(): Promise<void> {
    await Promise.all(this.entries.map((e) => rm(e.tmp, { force: true })));
    this.entries.length = 0;
    pending.delete(this);
  }

  /** Removes the temporaries now, synchronously (see discardPendingSync). */
  discardSync(): void {
    for (const e of this.entries) rmSync(e.tmp, { force: true });
    this.entries.length = 0;
    pending.delete(this);
  }
}

/** Sets neither committed nor aborted yet, and prepareDir's probe files not yet removed. */
const pending = new Set<AtomicFileSet>();
const probes = new Set<string>();

/**
 * Removes the temporary files of every set not yet committed or aborted, synchronously: for a
 * signal handler (Ctrl-C), after which nothing asynchronous runs. Files already renamed into
 * place are complete and stay.
 */
export function discardPendingSync(): void {
  for (const set of [...pending]) set.discardSync();
  for (const probe of probes) rmSync(probe, { force: true });
  probes.clear();
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
    case "ENOENT":
      return "no such file or directory";
    default:
      return e.message ?? String(err);
  }
}
