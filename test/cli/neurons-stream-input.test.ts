import { spawnSync } from "node:child_process";
import { closeSync, ftruncateSync, openSync, readdirSync, readFileSync, statfsSync, writeSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../temp-dir.js";

// The real bin on HDF5 files past the 256 MiB above which input is read in blocks: h5py's metadata
// (fixtures/hdf5/stream/stream.h5.head: one contiguous 1,100,000 x 64 <f4 dataset, layer/acts,
// right after it), the file extended sparse to its 282 MB (zeros but for planted rows), so that the
// disk holds a few blocks. Skipped, saying why, if the temporary folder's disk cannot hold it.
const ROWS = 1_100_000;
const COLS = 64;
const HEAD = readFileSync("fixtures/hdf5/stream/stream.h5.head");
const SIZE = HEAD.length + ROWS * COLS * 4;

let dir = "";
tempDir("actviz-stream-", (d) => (dir = d));

/** The sparse file, cut to `size` bytes; rows planted: 0 is -1 - j, the last 1000 + j. */
function bigHdf5(size = SIZE): string | undefined {
  const free = statfsSync(dir).bavail * statfsSync(dir).bsize;
  if (free < SIZE) {
    console.warn(`skipped: the ${SIZE}-byte file needs that much free space in ${dir} (${free} bytes free), should the file system not keep it sparse`);
    return undefined;
  }
  const path = join(dir, "acts.h5");
  const fd = openSync(path, "w");
  writeSync(fd, HEAD, 0, HEAD.length, 0);
  ftruncateSync(fd, size);
  const row = (f: (j: number) => number) => Buffer.from(Float32Array.from({ length: COLS }, (_, j) => f(j)).buffer);
  writeSync(fd, row((j) => -1 - j), 0, COLS * 4, HEAD.length);
  if (size === SIZE) writeSync(fd, row((j) => 1000 + j), 0, COLS * 4, HEAD.length + (ROWS - 1) * COLS * 4);
  closeSync(fd);
  return path;
}

const actviz = (args: string[]) => spawnSync(process.execPath, ["bin/actviz.js", "neurons", ...args], { encoding: "utf8", maxBuffer: 1 << 26 });

describe("actviz neurons BIG.h5 (past 256 MiB: read in blocks by the HDF5 block reader)", () => {
  it("actviz neurons BIG.h5 --plot summary --stats - reads every row by offset: the first and last rows' values, and the summary written", { timeout: 120_000 }, () => {
    const path = bigHdf5();
    if (path === undefined) return;
    const out = join(dir, "out");
    const r = actviz([path, "--plot", "summary", "--stats", "-", "--out", out, "-q"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as { samples: number; per_neuron: { min: number; max: number; quantiles: Record<string, number> }[] };
    expect(report.samples).toBe(ROWS);
    report.per_neuron.forEach((n, j) => {
      expect(n.min).toBe(-1 - j);
      expect(n.max).toBe(1000 + j);
      expect(n.quantiles["0.5"]).toBe(0);
    });
    expect(readdirSync(out)).toEqual(["summary.png"]);
  });

  it("actviz neurons BIG.h5 cut short of its dataset: one line naming the dataset and the file's size, exit 2, nothing written", () => {
    const size = 270_000_000; // past 256 MiB, short of the dataset's end
    const path = bigHdf5(size);
    if (path === undefined) return;
    const out = join(dir, "out");
    const r = actviz([path, "--key", "layer/acts", "--plot", "summary", "--stats", join(dir, "r.json"), "--out", out, "-q"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`actviz: ${path}: dataset 'layer/acts': points past the end of the ${size}-byte file (its ${ROWS * COLS * 4} bytes from byte ${HEAD.length}; truncated or corrupt) (expected an intact HDF5 file as h5py writes it)\n`);
    expect(readdirSync(dir)).toEqual(["acts.h5"]);
  });
});
