import { spawnSync } from "node:child_process";
import { closeSync, ftruncateSync, openSync, readFileSync, statfsSync, writeSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../temp-dir.js";

// `npm run test:large`: an HDF5 file past 2 GiB (h5py's 2432 metadata bytes, fixtures/hdf5/stream/
// big.h5.head, then one contiguous 9,000,000 x 64 <f4 dataset, sparse: zeros but for rows planted
// at its start and past the 2 GiB offset) through the real bin, read by offset in blocks. Skipped,
// saying why, in `npm test` and when the temporary folder's disk cannot hold the file.
const ROWS = 9_000_000;
const COLS = 64;
const HEAD = readFileSync("fixtures/hdf5/stream/big.h5.head");
const SIZE = HEAD.length + ROWS * COLS * 4; // 2.30 GB, past 2 GiB

const enabled = process.env.ACTVIZ_LARGE === "1";
let dir = "";
if (enabled) tempDir("actviz-large-", (d) => (dir = d), "all");

describe.skipIf(!enabled)("an HDF5 dataset past 2 GiB (npm run test:large)", () => {
  it("actviz neurons BIG.h5 --plot summary --stats - reads every row of the contiguous dataset, the planted ones past 2 GiB too", { timeout: 900_000 }, () => {
    const free = statfsSync(dir).bavail * statfsSync(dir).bsize;
    if (free < SIZE) {
      console.warn(`skipped: the ${SIZE}-byte file needs that much free space in ${dir} (${free} bytes free), should the file system not keep it sparse`);
      return;
    }
    const path = join(dir, "big.h5");
    const fd = openSync(path, "w");
    writeSync(fd, HEAD, 0, HEAD.length, 0);
    ftruncateSync(fd, SIZE);
    // row 0: -1 - j; the last row (past 2 GiB): 1000 + j; one NaN in the row before it
    const row = (f: (j: number) => number) => Buffer.from(Float32Array.from({ length: COLS }, (_, j) => f(j)).buffer);
    writeSync(fd, row((j) => -1 - j), 0, COLS * 4, HEAD.length);
    writeSync(fd, row((j) => (j === 3 ? NaN : 0)), 0, COLS * 4, HEAD.length + (ROWS - 2) * COLS * 4);
    writeSync(fd, row((j) => 1000 + j), 0, COLS * 4, HEAD.length + (ROWS - 1) * COLS * 4);
    closeSync(fd);
    expect(HEAD.length + (ROWS - 1) * COLS * 4).toBeGreaterThan(2 ** 31);

    const r = spawnSync(process.execPath, ["bin/actviz.js", "neurons", path, "--key", "layer/acts", "--plot", "summary", "--stats", "-", "--out", join(dir, "out"), "-q"], { encoding: "utf8", maxBuffer: 1 << 26 });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as { samples: number; nonfinite: number; per_neuron: { min: number; max: number; dead: boolean; quantiles: Record<string, number> }[] };
    expect(report.samples).toBe(ROWS);
    expect(report.nonfinite).toBe(1);
    report.per_neuron.forEach((n, j) => {
      expect(n.min).toBe(-1 - j);
      expect(n.max).toBe(1000 + j);
      expect(n.dead).toBe(false);
      expect(n.quantiles["0.5"]).toBe(0);
    });
  });
});
