import { afterEach, describe, expect, it } from "vitest";
import { chmod, mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { AtomicFileSet, discardPendingSync, prepareDir, writeAllAtomic } from "../../src/output/write-atomic.js";
import { OutputError } from "../../src/errors.js";
import { tempDir } from "../temp-dir.js";

let dir: string;
tempDir("actviz-write-", (d) => (dir = d));
afterEach(async () => {
  await chmod(dir, 0o755).catch(() => {}); // before tempDir's removal: after-hooks run last-registered first
});

describe("prepareDir(dir)", () => {
  it("prepareDir(missing/nested) creates it", async () => {
    await prepareDir(join(dir, "a", "b"));
    expect(await readdir(join(dir, "a"))).toEqual(["b"]);
  });

  it("prepareDir(a path below a file) names the first level that cannot be created", async () => {
    await writeFile(join(dir, "f"), "x");
    await expect(prepareDir(join(dir, "f", "g", "h"))).rejects.toThrow(/^--out .*h: cannot create '.*f[\/]g': a file is in the way/);
  });

  it.runIf(process.platform === "linux")("prepareDir('/proc/x/y') fails at once naming /proc/x (recursive mkdir never returns there)", async () => {
    await expect(prepareDir("/proc/x/y")).rejects.toThrow(/^--out \/proc\/x\/y: cannot create '\/proc\/x'/);
  }, 20_000);

  it("prepareDir(a file) throws an OutputError naming --out and the path", async () => {
    await writeFile(join(dir, "f"), "x");
    await expect(prepareDir(join(dir, "f"))).rejects.toThrow(OutputError);
    await expect(prepareDir(join(dir, "f"))).rejects.toThrow(/--out: cannot write to '.*f'/);
  });

  it("prepareDir(read-only dir) throws an OutputError and leaves no probe file", async () => {
    if (process.getuid?.() === 0) {
      // root ignores directory permissions; a path under a file is unwritable for anyone
      await writeFile(join(dir, "f"), "x");
      await expect(prepareDir(join(dir, "f", "sub"))).rejects.toThrow(/expected a writable directory/);
      return;
    }
    await chmod(dir, 0o555);
    await expect(prepareDir(dir)).rejects.toThrow(/permission denied/);
    expect(await readdir(dir)).toEqual([]);
  });
});

describe("writeAllAtomic(files)", () => {
  it("writes every file with its bytes and leaves no temporary file", async () => {
    await writeAllAtomic([
      { path: join(dir, "a.txt"), data: "hello" },
      { path: join(dir, "b.bin"), data: new Uint8Array([1, 2, 3]) },
    ]);
    expect((await readdir(dir)).sort()).toEqual(["a.txt", "b.bin"]);
    expect(await readFile(join(dir, "a.txt"), "utf8")).toBe("hello");
    expect([...(await readFile(join(dir, "b.bin")))]).toEqual([1, 2, 3]);
  });

  it("replaces an existing file whole", async () => {
    await writeFile(join(dir, "a.txt"), "old old old");
    await writeAllAtomic([{ path: join(dir, "a.txt"), data: "new" }]);
    expect(await readFile(join(dir, "a.txt"), "utf8")).toBe("new");
  });

  it("writes nothing when one file cannot be written, and removes the temporaries", async () => {
    await writeFile(join(dir, "existing.txt"), "keep");
    const files = [
      { path: join(dir, "a.txt"), data: "a" },
      { path: join(dir, "no-such-dir", "b.txt"), data: "b" },
    ];
    await expect(writeAllAtomic(files)).rejects.toThrow(OutputError);
    expect(await readdir(dir)).toEqual(["existing.txt"]);
    expect(await readFile(join(dir, "existing.txt"), "utf8")).toBe("keep");
  });
});

describe("discardPendingSync()", () => {
  it("discardPendingSync() removes the temporaries of sets in progress, and leaves committed files alone", async () => {
    const done = new AtomicFileSet();
    await done.add(join(dir, "kept.txt"), "kept");
    await done.commit();
    const open = new AtomicFileSet();
    await open.add(join(dir, "a.png"), "a");
    await open.add(join(dir, "b.png"), "b");
    expect((await readdir(dir)).filter((n) => n.includes(".actviz-tmp-"))).toHaveLength(2);
    discardPendingSync();
    expect(await readdir(dir)).toEqual(["kept.txt"]);
    // the set is finished: a later abort has nothing left to do
    await open.abort();
    expect(await readdir(dir)).toEqual(["kept.txt"]);
  });
});

describe("AtomicFileSet.commit()", () => {
  it("commit() with a directory at the second target fails before any rename: the first target keeps its old bytes", async () => {
    await writeFile(join(dir, "relu.png"), "old relu");
    await mkdir(join(dir, "tanh.png"));
    const set = new AtomicFileSet();
    await set.add(join(dir, "relu.png"), "new relu");
    await set.add(join(dir, "tanh.png"), "new tanh");
    await expect(set.commit()).rejects.toThrow(/^cannot write output: '.*tanh\.png' is a directory$/);
    await set.abort();
    expect(await readFile(join(dir, "relu.png"), "utf8")).toBe("old relu");
    expect((await readdir(dir)).sort()).toEqual(["relu.png", "tanh.png"]);
  });

  it("commit() whose third rename fails puts back the file the first replaced and removes the one the second created", async () => {
    await writeFile(join(dir, "a.png"), "old a");
    let calls = 0;
    const failing = async (from: string, to: string) => {
      if (++calls === 3) throw Object.assign(new Error("injected"), { code: "ENOSPC" });
      await rename(from, to);
    };
    const set = new AtomicFileSet({ rename: failing });
    await set.add(join(dir, "a.png"), "new a");
    await set.add(join(dir, "b.png"), "new b");
    await set.add(join(dir, "c.png"), "new c");
    await expect(set.commit()).rejects.toThrow(/^cannot write output: no space left on device$/);
    await set.abort();
    expect(calls).toBe(3);
    expect(await readdir(dir)).toEqual(["a.png"]);
    expect(await readFile(join(dir, "a.png"), "utf8")).toBe("old a");
  });

  it("commit() that succeeds leaves no backup or temporary file, and replaces old files whole", async () => {
    await writeFile(join(dir, "a.png"), "old a, longer than the new one");
    const set = new AtomicFileSet();
    await set.add(join(dir, "a.png"), "new a");
    await set.add(join(dir, "b.png"), "new b");
    await set.commit();
    expect((await readdir(dir)).sort()).toEqual(["a.png", "b.png"]);
    expect(await readFile(join(dir, "a.png"), "utf8")).toBe("new a");
  });

  it("discardPendingSync() during a commit undoes the renames already made", async () => {
    await writeFile(join(dir, "a.png"), "old a");
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let calls = 0;
    let secondStarted!: () => void;
    const started = new Promise<void>((r) => (secondStarted = r));
    const slow = async (from: string, to: string) => {
      if (++calls === 2) {
        secondStarted();
        await gate;
      }
      await rename(from, to);
    };
    const set = new AtomicFileSet({ rename: slow });
    await set.add(join(dir, "a.png"), "new a");
    await set.add(join(dir, "b.png"), "new b");
    const committing = set.commit();
    await started; // a.png is renamed into place, b.png's rename waits
    expect(await readFile(join(dir, "a.png"), "utf8")).toBe("new a");
    discardPendingSync();
    expect(await readFile(join(dir, "a.png"), "utf8")).toBe("old a");
    expect(await readdir(dir)).toEqual(["a.png"]);
    release();
    await expect(committing).rejects.toThrow(OutputError);
    expect(await readdir(dir)).toEqual(["a.png"]);
  });
});
