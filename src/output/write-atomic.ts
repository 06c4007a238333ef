import { existsSync, renameSync, rmSync } from "node:fs";
import { copyFile, link, lstat, mkdir, open, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { OutputError } from "../errors.js";
import { onSignalCleanup } from "./signal-cleanup.js";

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
 * are complete are they renamed into place (see AtomicFileSet.commit). On failure the
 * temporaries are removed and every target holds what it held before.
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

/** The file operations a commit makes; tests pass a `rename` that fails part-way. */
export interface CommitOps {
  rename: (from: string, to: string) => Promise<void>;
}

/** A target already renamed into place: what to undo if a later one fails. */
interface Placed {
  path: string;
  /** A link to (or copy of) the file the rename replaced, or null if the target was new. */
  backup: string | null;
}

/**
 * A set of files written as one: `add` writes each to a temporary file beside its target as
 * soon as it is ready (so a long run holds no more than one file in memory), `commit` renames
 * them all into place, `abort` removes the temporaries. Nothing appears under a target name
 * before `commit`, and a commit that fails part-way (or a signal during it) puts back what the
 * earlier renames replaced: every file or none.
 */
export class AtomicFileSet {
  private readonly entries: { tmp: string; path: string }[] = [];
  private readonly placed: Placed[] = [];
  /** The rename under way, with the temporary it renames: a signal may come before its callback. */
  private inFlight: (Placed & { tmp: string }) | null = null;
  private readonly ops: CommitOps;

  constructor(ops: Partial<CommitOps> = {}) {
    this.ops = { rename, ...ops };
    pending.add(this);
  }

  /**
   * Writes `data` to a temporary file beside `path`: bytes, text, or pieces written in order as
   * they come (an export as big as its input, never whole in memory; an error the pieces throw,
   * such as a bad input read, is thrown as it is, the temporary removed by `abort`).
   */
  async add(path: string, data: Uint8Array | string | AsyncIterable<Uint8Array | string>): Promise<void> {
    const tmp = join(dirname(path), `.${basename(path)}.actviz-tmp-${unique()}`);
    const failed = (err: unknown) => new OutputError(`cannot write '${path}': ${describe(err)}`, "E_WRITE", { cause: err });
    let fh;
    try {
      fh = await open(tmp, "wx");
    } catch (err) {
      throw failed(err);
    }
    this.entries.push({ tmp, path });
    const write = async (piece: Uint8Array | string) => {
      try {
        await fh.writeFile(piece);
      } catch (err) {
        throw failed(err);
      }
    };
    try {
      if (typeof data === "string" || data instanceof Uint8Array) await write(data);
      else for await (const piece of data) await write(piece);
    } finally {
      try {
        await fh.close();
      } catch (err) {
        throw failed(err);
      }
    }
  }

  /**
   * Renames every temporary file into place. First every target is checked (a directory or
   * anything but a regular file in the way fails before the first rename); each file a rename
   * replaces is kept under a hidden name until all renames have succeeded, and put back if one
   * fails. Last, each directory is synced so the renames survive a crash.
   */
  async commit(): Promise<void> {
    try {
      for (const e of this.entries) await checkTarget(e.path);
      // on disk before a rename makes them visible, so a crash never leaves an empty target;
      // 32 at a time: libuv's threads sync several files in the time of one, and a run of
      // thousands of charts never opens thousands of descriptors at once
      for (let i = 0; i < this.entries.length; i += 32) await Promise.all(this.entries.slice(i, i + 32).map((e) => syncFile(e.tmp)));
      while (this.entries.length > 0) {
        const e = this.entries[0]!;
        const backup = await keepOld(e.path);
        this.inFlight = { path: e.path, backup, tmp: e.tmp };
        try {
          await this.ops.rename(e.tmp, e.path);
        } catch (err) {
          if (backup !== null) await rm(backup, { force: true });
          throw err;
        } finally {
          this.inFlight = null;
        }
        // the rename is done: from here it is undone by rollback, not by removing a temporary
        this.placed.push({ path: e.path, backup });
        this.entries.shift();
      }
    } catch (err) {
      await this.rollback();
      throw new OutputError(`cannot write output: ${describe(err)}`, "E_WRITE", { cause: err });
    }
    await Promise.all(this.placed.map((p) => (p.backup === null ? undefined : rm(p.backup, { force: true }))));
    await syncDirs(this.placed.map((p) => dirname(p.path)));
    this.placed.length = 0;
    pending.delete(this);
  }

  async abort(): Promise<void> {
    await this.rollback();
    await Promise.all(this.entries.map((e) => rm(e.tmp, { force: true })));
    this.entries.length = 0;
    pending.delete(this);
  }

  /** Removes the temporaries and undoes a commit in progress now, synchronously (see discardPendingSync). */
  discardSync(): void {
    const flight = this.inFlight;
    this.inFlight = null;
    // a rename the system has done though its callback has not run yet: its temporary is gone
    if (flight && !existsSync(flight.tmp)) this.placed.push(flight);
    else if (flight?.backup) rmSync(flight.backup, { force: true });
    for (const p of this.placed.splice(0).reverse()) {
      if (p.backup === null) rmSync(p.path, { force: true });
      else renameSync(p.backup, p.path);
    }
    for (const e of this.entries) rmSync(e.tmp, { force: true });
    this.entries.length = 0;
    pending.delete(this);
  }

  /** Undoes the renames done so far, last first: old files back, new ones removed. */
  private async rollback(): Promise<void> {
    for (const p of this.placed.splice(0).reverse()) {
      if (p.backup === null) await rm(p.path, { force: true });
      else await rename(p.backup, p.path);
    }
  }
}

/** A target must be a regular file or absent: a directory (or a socket...) in the way fails here, before any rename. */
async function checkTarget(path: string): Promise<void> {
  let s;
  try {
    s = await lstat(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return;
    throw err;
  }
  if (!s.isFile() && !s.isSymbolicLink()) {
    // describe() shows the message as it is (no errno code)
    throw new Error(`'${path}' is ${s.isDirectory() ? "a directory" : "not a regular file"}`);
  }
}

/**
 * Keeps the file at `path` (if any) under a hidden name beside it, so a failed commit can put it
 * back: a hard link (no copy, the target stays in place until the rename replaces it), or a copy
 * where the file system has no links. Null when there is nothing at `path`.
 */
async function keepOld(path: string): Promise<string | null> {
  const backup = join(dirname(path), `.${basename(path)}.actviz-old-${unique()}`);
  try {
    await link(path, backup);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return null;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EXDEV" && code !== "EMLINK") throw err;
    await copyFile(path, backup);
  }
  return backup;
}

async function syncFile(path: string): Promise<void> {
  const fh = await open(path, "r+");
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** fsync each directory once, so the renames in it are on disk; a file system that cannot sync a directory is let be. */
async function syncDirs(dirs: readonly string[]): Promise<void> {
  for (const dir of new Set(dirs)) {
    try {
      const fh = await open(dir, "r");
      try {
        await fh.sync();
      } finally {
        await fh.close();
      }
    } catch {
      // EISDIR/EINVAL on systems without directory fsync: the renames are done, only not yet durable
    }
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
onSignalCleanup(discardPendingSync);

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
