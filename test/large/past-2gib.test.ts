import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { actvizBin, expectPlantedRows, largeDir, largeEnabled, npyHead, plantedRows, roomFor, sparseFile } from "./large-file.js";

// `npm run test:large`: a .npy past 2 GiB (sparse: zeros but for rows planted at its start and
// past the 2 GiB offset) through the real bin, streamed. Skipped, saying why, in `npm test` and
// when the temporary folder's disk cannot hold the file.
const ROWS = 9_000_000;
const COLS = 64;
const HEADER = 128;
const SIZE = HEADER + ROWS * COLS * 4; // 2.30 GB, past 2 GiB

const dir = largeDir("actviz-large-");

describe.skipIf(!largeEnabled)("a .npy past 2 GiB (npm run test:large)", () => {
  it("actviz neurons BIG.npy --plot summary,heatmap --stats - reads every row, the planted ones past 2 GiB too", { timeout: 900_000 }, () => {
    if (!roomFor(dir(), SIZE)) return;
    // row 0: -1 - j; the last row (past 2 GiB): 1000 + j; one NaN in the row before it
    const path = sparseFile(join(dir(), "big.npy"), SIZE, [[npyHead([ROWS, COLS], HEADER), 0], ...plantedRows(ROWS, COLS, HEADER, { nan: true })]);
    expect(HEADER + (ROWS - 1) * COLS * 4).toBeGreaterThan(2 ** 31);

    const r = actvizBin(["neurons", path, "--plot", "summary,heatmap", "--stats", "-", "--out", join(dir(), "out"), "-q"]);
    const report = expectPlantedRows(r, ROWS);
    expect(report.nonfinite).toBe(1);
    report.per_neuron.forEach((n) => expect(n.dead).toBe(false));
  });
});
