import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { actvizBin, expectPlantedRows, largeDir, largeEnabled, roomFor, sparseFile, type Planted } from "./large-file.js";

// `npm run test:large`: a PyTorch zip past 2 GiB holding a transpose saved as is (torch.save(x.t())
// for a 64 x 9,000,000 float32 x: a [9,000,000, 64] view with strides (1, 9,000,000)), its zip
// records committed (fixtures/torch/stream/big-transposed.pt.head, .tail) around a sparse storage
// with values planted for the view's first and last rows, through the real bin: gathered by strides
// in blocks. Skipped, saying why, in `npm test` and when the temporary folder's disk cannot hold it.
const ROWS = 9_000_000;
const COLS = 64;
const HEAD = readFileSync("fixtures/torch/stream/big-transposed.pt.head");
const TAIL = readFileSync("fixtures/torch/stream/big-transposed.pt.tail");
const DATA = ROWS * COLS * 4;
const SIZE = HEAD.length + DATA + TAIL.length;

const dir = largeDir("actviz-large-");

describe.skipIf(!largeEnabled)("a transposed tensor in a .pt past 2 GiB (npm run test:large)", () => {
  it("actviz neurons BIG.pt --plot summary --stats - gathers every row of the view by its strides, the planted values past 2 GiB too", { timeout: 900_000 }, () => {
    if (!roomFor(dir(), SIZE)) return;
    // view[i, j] is storage element j * ROWS + i: row 0 is -1 - j, the last row 1000 + j
    const value = (v: number) => new Uint8Array(Float32Array.of(v).buffer);
    const planted: Planted[] = [[HEAD, 0], [TAIL, HEAD.length + DATA]];
    for (let j = 0; j < COLS; j++) {
      planted.push([value(-1 - j), HEAD.length + (j * ROWS) * 4]);
      planted.push([value(1000 + j), HEAD.length + (j * ROWS + ROWS - 1) * 4]);
    }
    const path = sparseFile(join(dir(), "big.pt"), SIZE, planted);
    expect(HEAD.length + (63 * ROWS) * 4).toBeGreaterThan(2 ** 31);

    const r = actvizBin(["neurons", path, "--plot", "summary", "--stats", "-", "--out", join(dir(), "out"), "-q"]);
    expectPlantedRows(r, ROWS);
  });
});
