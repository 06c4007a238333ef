import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { actvizBin, expectPlantedRows, largeDir, largeEnabled, plantedRows, roomFor, sparseFile } from "./large-file.js";

// `npm run test:large`: an HDF5 file past 2 GiB (h5py's 2432 metadata bytes, fixtures/hdf5/stream/
// big.h5.head, then one contiguous 9,000,000 x 64 <f4 dataset, sparse: zeros but for rows planted
// at its start and past the 2 GiB offset) through the real bin, read by offset in blocks. Skipped,
// saying why, in `npm test` and when the temporary folder's disk cannot hold the file.
const ROWS = 9_000_000;
const COLS = 64;
const HEAD = readFileSync("fixtures/hdf5/stream/big.h5.head");
const SIZE = HEAD.length + ROWS * COLS * 4; // 2.30 GB, past 2 GiB

const dir = largeDir("actviz-large-");

describe.skipIf(!largeEnabled)("an HDF5 dataset past 2 GiB (npm run test:large)", () => {
  it("actviz neurons BIG.h5 --plot summary --stats - reads every row of the contiguous dataset, the planted ones past 2 GiB too", { timeout: 900_000 }, () => {
    if (!roomFor(dir(), SIZE)) return;
    // row 0: -1 - j; the last row (past 2 GiB): 1000 + j; one NaN in the row before it
    const path = sparseFile(join(dir(), "big.h5"), SIZE, [[HEAD, 0], ...plantedRows(ROWS, COLS, HEAD.length, { nan: true })]);
    expect(HEAD.length + (ROWS - 1) * COLS * 4).toBeGreaterThan(2 ** 31);

    const r = actvizBin(["neurons", path, "--key", "layer/acts", "--plot", "summary", "--stats", "-", "--out", join(dir(), "out"), "-q"]);
    const report = expectPlantedRows(r, ROWS);
    expect(report.nonfinite).toBe(1);
    report.per_neuron.forEach((n) => expect(n.dead).toBe(false));
  });
});
