import { PassThrough } from "node:stream";
import { expect } from "vitest";
import { readNpy } from "../../src/io/npy/read-npy.js";
import type { CliIO } from "../../src/cli/cli-io.js";

/**
 * An in-memory CliIO: collects stdout (as bytes) and stderr; `tty` marks stdout a terminal;
 * `stdin` bytes are piped in (without them stdin is a terminal).
 */
export function capture(tty = false, stdin?: Uint8Array) {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const stdout = Object.assign(new PassThrough(), { isTTY: tty });
  const stderr = new PassThrough();
  stdout.on("data", (b: Buffer) => out.push(b));
  stderr.on("data", (b: Buffer) => err.push(b));
  const input = Object.assign(new PassThrough(), { isTTY: stdin === undefined });
  if (stdin !== undefined) input.end(stdin);
  const io: CliIO = { stdout, stderr, stdin: input };
  return {
    io,
    stdout: () => Buffer.concat(out).toString("utf8"),
    stdoutBytes: () => Buffer.concat(out),
    stderr: () => Buffer.concat(err).toString("utf8"),
  };
}

/** Runs the CLI in-process on `argv` with captured output (and `stdin` piped in, if given). */
export async function runMain(argv: string[], stdin?: Uint8Array) {
  const { main } = await import("../../src/cli/main.js");
  const c = capture(false, stdin);
  const code = await main(argv, c.io);
  return { code, ...c };
}

/** Runs `neurons ARGS --plot none --export - --export-format npy -q`, which must succeed quietly, and reads the exported matrix. */
export async function exportedNpy(args: string[], stdin?: Uint8Array) {
  const r = await runMain(["neurons", ...args, "--plot", "none", "--export", "-", "--export-format", "npy", "-q"], stdin);
  expect(r.stderr()).toBe("");
  expect(r.code).toBe(0);
  return readNpy(new Uint8Array(r.stdoutBytes()), "export");
}

