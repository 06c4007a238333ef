import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { actvizBin, expectPlantedRows, largeDir, largeEnabled, plantedRows, roomFor, sparseFile } from "./large-file.js";

// `npm run test:large`: a legacy PyTorch file past 2 GiB (torch.save(t,
// _use_new_zipfile_serialization=False) of one 9,000,000 x 64 float32 tensor: its pickles and
// storage count, fixtures/torch/stream/big-legacy.pt.head, then the storage, sparse: zeros but for
// rows planted at its start and past the 2 GiB offset) through the real bin, read by offset in
// blocks. Skipped, saying why, in `npm test` and when the temporary folder's disk cannot hold it.
const ROWS = 9_000_000;
const COLS = 64;
const HEAD = readFileSync("fixtures/torch/stream/big-legacy.pt.head");
const SIZE = HEAD.length + ROWS * COLS * 4;

const dir = largeDir("actviz-large-");

describe.skipIf(!largeEnabled)("a legacy .pt past 2 GiB (npm run test:large)", () => {
  it("actviz neurons BIG.pt --plot summary --stats - reads every row of the storage, the planted ones past 2 GiB too", { timeout: 900_000 }, () => {
    if (!roomFor(dir(), SIZE)) return;
    const path = sparseFile(join(dir(), "big.pt"), SIZE, [[HEAD, 0], ...plantedRows(ROWS, COLS, HEAD.length, { nan: true })]);
    expect(HEAD.length + (ROWS - 1) * COLS * 4).toBeGreaterThan(2 ** 31);

    const r = actvizBin(["neurons", path, "--plot", "summary", "--stats", "-", "--out", join(dir(), "out"), "-q"]);
    expect(expectPlantedRows(r, ROWS).nonfinite).toBe(1);
  });
});
