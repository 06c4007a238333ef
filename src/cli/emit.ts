import { join } from "node:path";
import { UsageError } from "../errors.js";
import type { OutputFile } from "../jobs/output-file.js";
import type { CliIO } from "./cli-io.js";
import { counted } from "../text/counted.js";

export interface EmitPlan {
  /** A directory, or "-" for stdout. */
  out: string;
  quiet: boolean;
  /** How many files the job will produce (known before any work is done). */
  count: number;
  /** Whether any of them is binary (PNG, PDF). */
  binary: boolean;
}

/**
 * Checks the destination, runs the job, then writes all its files atomically (or the one file
 * to stdout) and prints each written path unless quiet. Every check happens before the job, so
 * a bad `--out` costs nothing and leaves nothing behind.
 */
export async function emitOutputs(plan: EmitPlan, job: () => Promise<OutputFile[]>, io: CliIO): Promise<void> {
  if (plan.out === "-") {
    checkStdoutTarget(plan.count, "file", plan.binary, io);
    const [file] = await job();
    await writeStream(io.stdout, file!.data);
    return;
  }
  // write-atomic (and node:fs/promises with it) loads when files are written, not at start-up
  const { prepareDir, writeAllAtomic } = await import("../output/write-atomic.js");
  await prepareDir(plan.out);
  const files = await job();
  const paths = files.map((f) => join(plan.out, f.name));
  await writeAllAtomic(files.map((f, i) => ({ path: paths[i]!, data: f.data })));
  if (!plan.quiet) io.stdout.write(paths.map((p) => p + "\n").join(""));
}

/**
 * `--out -` takes exactly one output (`count` of `noun`s made for stdout), and no binary image
 * data to a terminal: a UsageError otherwise, before any work is done. Shared by every command.
 */
export function checkStdoutTarget(count: number, noun: string, binary: boolean, io: CliIO): void {
  if (count !== 1) {
    throw new UsageError(`--out -: this run makes ${counted(count, noun)} (expected exactly one output for stdout: one figure, one --format)`, "E_STDOUT_MANY");
  }
  if (binary && io.stdout.isTTY) {
    throw new UsageError("--out -: refusing to write binary image data to a terminal (expected a redirect or a pipe, e.g. > chart.png)", "E_STDOUT_TTY");
  }
}

/** Writes to a stream; a reader that has gone (EPIPE: `| head -c 100`) is not an error, what it did not read is dropped. */
function writeStream(stream: NodeJS.WritableStream, data: Uint8Array | string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(data, (err) => (err && (err as NodeJS.ErrnoException).code !== "EPIPE" ? reject(err) : resolve()));
  });
}

/** Checks a `--font` file before anything is created or drawn (registering it is idempotent). */
export async function checkFont(font: string | undefined): Promise<void> {
  if (font === undefined) return;
  const { useFontFile } = await import("../render/engine/fonts.js");
  useFontFile(font);
}
