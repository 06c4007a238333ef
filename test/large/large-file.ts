import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { closeSync, ftruncateSync, openSync, statfsSync, writeSync } from "node:fs";
import { expect } from "vitest";
import { tempDir } from "../temp-dir.js";

// What the tests on files past a size limit share (test/large/*, run by `npm run test:large`, and
// test/cli/neurons-stream-input.test.ts): the switch, the temporary folder, the free-disk check,
// the sparse file with planted bytes, and the real bin.

/** `npm run test:large` sets ACTVIZ_LARGE=1; `npm test` skips the files that need it. */
export const largeEnabled = process.env.ACTVIZ_LARGE === "1";

/**
 * A temporary folder named from `prefix`, for the whole file (`all`) or each test (`each`), made
 * only when `enabled`; the function returned gives its path once the tests run.
 */
export function largeDir(prefix: string, enabled = largeEnabled, scope: "each" | "all" = "all"): () => string {
  let dir = "";
  if (enabled) tempDir(prefix, (d) => (dir = d), scope);
  return () => dir;
}

/**
 * Whether the disk holding `dir` has `bytes` free; if not, warns saying why (the test then
 * returns, skipped). `sparse`: the bytes are needed only should the file system not keep the file
 * sparse.
 */
export function roomFor(dir: string, bytes: number, sparse = true): boolean {
  const free = statfsSync(dir).bavail * statfsSync(dir).bsize;
  if (free >= bytes) return true;
  console.warn(`skipped: ${bytes} bytes needed in ${dir} (${free} bytes free)${sparse ? ", should the file system not keep the file sparse" : ""}`);
  return false;
}

/** Bytes to write at a byte offset. */
export type Planted = readonly [bytes: Uint8Array, at: number];

/** Writes a file of `size` bytes at `path`: zeros (sparse on disk) but for the `planted` bytes. */
export function sparseFile(path: string, size: number, planted: readonly Planted[]): string {
  const fd = openSync(path, "w");
  try {
    for (const [bytes, at] of planted) writeSync(fd, bytes, 0, bytes.length, at);
    ftruncateSync(fd, size);
  } finally {
    closeSync(fd);
  }
  return path;
}

/** One row of `cols` float32 values, value j being `f(j)`, as little-endian bytes. */
export function f32Row(cols: number, f: (j: number) => number): Uint8Array {
  return new Uint8Array(Float32Array.from({ length: cols }, (_, j) => f(j)).buffer);
}

/**
 * The rows planted in a rows x cols float32 matrix starting at byte `dataAt`: row 0 is -1 - j,
 * the last row 1000 + j, and with `nan`, value 3 of the row before the last NaN (its others 0).
 * `last: false` leaves the last row out (for a file cut short of it).
 */
export function plantedRows(rows: number, cols: number, dataAt: number, { nan = false, last = true } = {}): Planted[] {
  const at = (i: number) => dataAt + i * cols * 4;
  const planted: Planted[] = [[f32Row(cols, (j) => -1 - j), at(0)]];
  if (nan) planted.push([f32Row(cols, (j) => (j === 3 ? NaN : 0)), at(rows - 2)]);
  if (last) planted.push([f32Row(cols, (j) => 1000 + j), at(rows - 1)]);
  return planted;
}

/** A .npy version 1.0 header, `length` bytes long, for little-endian float32 data of `shape` (rank 2 or more) in C order. */
export function npyHead(shape: readonly number[], length = 128): Uint8Array {
  const header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${shape.join(", ")}), }`.padEnd(length - 10 - 1) + "\n";
  const head = Buffer.alloc(length);
  head.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  head.writeUInt16LE(header.length, 8);
  head.write(header, 10, "latin1");
  return head;
}

/** The real bin (bin/actviz.js, built) run with `args`: its status, stdout and stderr as text. */
export function actvizBin(args: readonly string[]): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ["bin/actviz.js", ...args], { encoding: "utf8", maxBuffer: 1 << 26 });
}

/** What `--stats -` reports, as far as the planted rows' checks read it. */
export interface PlantedReport {
  samples: number;
  nonfinite: number;
  per_neuron: { min: number; max: number; dead: boolean; quantiles: Record<string, number> }[];
}

/**
 * The bin's run `r` (with `--stats -`) read every one of `rows` rows, the planted ones too (see
 * plantedRows): exit 0, nothing on stderr, and for each neuron j the minimum -1 - j (row 0), the
 * maximum 1000 + j (the last row) and the median 0 (the zeros between). Returns the report.
 */
export function expectPlantedRows(r: SpawnSyncReturns<string>, rows: number): PlantedReport {
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  const report = JSON.parse(r.stdout) as PlantedReport;
  expect(report.samples).toBe(rows);
  report.per_neuron.forEach((n, j) => {
    expect(n.min).toBe(-1 - j);
    expect(n.max).toBe(1000 + j);
    expect(n.quantiles["0.5"]).toBe(0);
  });
  return report;
}
