import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { actvizBin, expectPlantedRows, largeDir, plantedRows, roomFor, sparseFile } from "../large/large-file.js";

// The real bin on HDF5 files past the 256 MiB above which input is read in blocks: h5py's metadata
// (fixtures/hdf5/stream/stream.h5.head: one contiguous 1,100,000 x 64 <f4 dataset, layer/acts,
// right after it), the file extended sparse to its 282 MB (zeros but for planted rows), so that the
// disk holds a few blocks. Skipped, saying why, if the temporary folder's disk cannot hold it.
const ROWS = 1_100_000;
const COLS = 64;
const HEAD = readFileSync("fixtures/hdf5/stream/stream.h5.head");
const SIZE = HEAD.length + ROWS * COLS * 4;

const dir = largeDir("actviz-stream-", true, "each");

/** The sparse file, cut to `size` bytes; rows planted: 0 is -1 - j, the last 1000 + j. */
function bigHdf5(size = SIZE): string | undefined {
  if (!roomFor(dir(), SIZE)) return undefined;
  return sparseFile(join(dir(), "acts.h5"), size, [[HEAD, 0], ...plantedRows(ROWS, COLS, HEAD.length, { last: size === SIZE })]);
}

const actviz = (args: string[]) => actvizBin(["neurons", ...args]);

describe("actviz neurons BIG.h5 (past 256 MiB: read in blocks by the HDF5 block reader)", () => {
  it("actviz neurons BIG.h5 --plot summary --stats - reads every row by offset: the first and last rows' values, and the summary written", { timeout: 120_000 }, () => {
    const path = bigHdf5();
    if (path === undefined) return;
    const out = join(dir(), "out");
    const r = actviz([path, "--plot", "summary", "--stats", "-", "--out", out, "-q"]);
    expectPlantedRows(r, ROWS);
    expect(readdirSync(out)).toEqual(["summary.png"]);
  });

  it("actviz neurons BIG.h5 cut short of its dataset: one line naming the dataset and the file's size, exit 2, nothing written", () => {
    const size = 270_000_000; // past 256 MiB, short of the dataset's end
    const path = bigHdf5(size);
    if (path === undefined) return;
    const out = join(dir(), "out");
    const r = actviz([path, "--key", "layer/acts", "--plot", "summary", "--stats", join(dir(), "r.json"), "--out", out, "-q"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`actviz: ${path}: dataset 'layer/acts': points past the end of the ${size}-byte file (its ${ROWS * COLS * 4} bytes from byte ${HEAD.length}; truncated or corrupt) (expected an intact HDF5 file as h5py writes it)\n`);
    expect(readdirSync(dir())).toEqual(["acts.h5"]);
  });
});
