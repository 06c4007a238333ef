import { chmodSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { readByOffset, readBytes } from "../../src/io/read-bytes.js";
import { tempDir } from "../temp-dir.js";

let dir: string;
tempDir("actviz-read-bytes-", (d) => (dir = d), "all");

async function errorOf(promise: Promise<unknown>): Promise<InputError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error("expected an InputError");
}

describe("readBytes(path, stdin)", () => {
  it("readBytes(file) returns its bytes", async () => {
    const path = join(dir, "a.csv");
    writeFileSync(path, "1,2\n");
    expect((await readBytes(path)).toString()).toBe("1,2\n");
  });

  it("readByOffset(file, chunk) assembles the file from positioned reads of any chunk size (the path for files over 2 GiB)", async () => {
    const path = join(dir, "by-offset.bin");
    const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 7) % 256));
    writeFileSync(path, bytes);
    for (const chunk of [1, 7, 999, 1000, 4096]) expect((await readByOffset(path, chunk)).equals(bytes)).toBe(true);
    expect((await readByOffset(join(dir, "a.csv"))).toString()).toBe("1,2\n");
  });

  it("readByOffset(a missing file) is the same E_NOENT as readBytes", async () => {
    expect((await errorOf(readByOffset(join(dir, "missing")))).message).toBe(`${join(dir, "missing")}: no such file (expected an existing file)`);
  });

  it("readBytes('-', stdin) concatenates every chunk of stdin", async () => {
    const stdin = Readable.from([Buffer.from("1,"), Buffer.from("2\n"), "3,4\n"]);
    expect((await readBytes("-", stdin)).toString()).toBe("1,2\n3,4\n");
  });

  it("readBytes('-', empty stdin) returns zero bytes", async () => {
    expect((await readBytes("-", Readable.from([]))).length).toBe(0);
  });

  it("readBytes(missing) is E_NOENT naming the path", async () => {
    const path = join(dir, "missing.npy");
    const error = await errorOf(readBytes(path));
    expect(error.code).toBe("E_NOENT");
    expect(error.message).toBe(`${path}: no such file (expected an existing file)`);
    expect((error.cause as NodeJS.ErrnoException).code).toBe("ENOENT");
  });

  it("readBytes(directory) is E_ISDIR", async () => {
    const error = await errorOf(readBytes(dir));
    expect(error.code).toBe("E_ISDIR");
    expect(error.message).toBe(`${dir}: is a directory (expected a file)`);
  });

  it.skipIf(process.getuid?.() === 0)("readBytes(unreadable) is E_ACCES", async () => {
    const path = join(dir, "locked.npy");
    writeFileSync(path, "x");
    chmodSync(path, 0o000);
    const error = await errorOf(readBytes(path));
    expect(error.code).toBe("E_ACCES");
    expect(error.message).toBe(`${path}: permission denied (expected a readable file)`);
  });

  it("readBytes('-', a failing stream) is E_READ", async () => {
    const stdin = new Readable({ read() { this.destroy(new Error("boom")); } });
    const error = await errorOf(readBytes("-", stdin));
    expect(error.code).toBe("E_READ");
    expect(error.message).toBe("<stdin>: boom (expected readable standard input)");
  });
});
