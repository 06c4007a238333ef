import { describe, expect, it, vi } from "vitest";
import { InputError } from "../../src/errors.js";

// Root can read anything, so an EACCES from the file system is simulated here.
// A file readFile refuses as over 2 GiB is read by offset: here it has 5 GiB, more than a Buffer holds.
vi.mock("node:fs/promises", () => ({
  readFile: async (path: string) => {
    const code = path.split("/").pop()!;
    throw Object.assign(new Error(`${code}: simulated`), { code });
  },
  open: async () => ({ stat: async () => ({ size: 5 * 2 ** 30 }), close: async () => {} }),
}));

const { readBytes } = await import("../../src/io/read-bytes.js");

describe("readBytes(path) errors by errno", () => {
  it.each([
    ["EACCES", "E_ACCES", "permission denied (expected a readable file)"],
    ["EPERM", "E_ACCES", "permission denied (expected a readable file)"],
    ["ENOTDIR", "E_NOENT", "a parent of it is not a directory (expected an existing file)"],
    ["ERR_FS_FILE_TOO_LARGE", "E_TOO_LARGE", "file has 5368709120 bytes, more than the 4294967296 one buffer holds (expected a file of at most 4294967296 bytes)"],
    ["EIO", "E_READ", "EIO: simulated (expected a readable file)"],
  ])("readBytes(a file failing with %s) is %s", async (errno, code, message) => {
    const error = await readBytes(`/data/${errno}`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).code).toBe(code);
    expect((error as InputError).message).toBe(`/data/${errno}: ${message}`);
  });
});
