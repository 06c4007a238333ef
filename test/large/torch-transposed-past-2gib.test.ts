import { spawnSync } from "node:child_process";
import { closeSync, ftruncateSync, openSync, readFileSync, statfsSync, writeSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../temp-dir.js";

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

const enabled = process.env.ACTVIZ_LARGE === "1";
let dir = "";
if (enabled) tempDir("actviz-large-", (d) => (dir = d), "all");

describe.skipIf(!enabled)("a transposed tensor in a .pt past 2 GiB (npm run test:large)", () => {
  it("actviz neurons BIG.pt --plot summary --stats - gathers every row of the view by its strides, the planted values past 2 GiB too", { timeout: 900_000 }, () => {
    const free = statfsSync(dir).bavail * statfsSync(dir).bsize;
    if (free < SIZE) {
      console.warn(`skipped: the ${SIZE}-byte file needs that much free space in ${dir} (${free} bytes free), should the file system not keep it sparse`);
      return;
    }
    const path = join(dir, "big.pt");
    const fd = openSync(path, "w");
    writeSync(fd, HEAD, 0, HEAD.length, 0);
    ftruncateSync(fd, SIZE);
    writeSync(fd, TAIL, 0, TAIL.length, HEAD.length + DATA);
    // view[i, j] is storage element j * ROWS + i: row 0 is -1 - j, the last row 1000 + j
    const value = (v: number) => Buffer.from(Float32Array.of(v).buffer);
    for (let j = 0; j < COLS; j++) {
      writeSync(fd, value(-1 - j), 0, 4, HEAD.length + (j * ROWS) * 4);
      writeSync(fd, value(1000 + j), 0, 4, HEAD.length + (j * ROWS + ROWS - 1) * 4);
    }
    closeSync(fd);
    expect(HEAD.length + (63 * ROWS) * 4).toBeGreaterThan(2 ** 31);

    const r = spawnSync(process.execPath, ["bin/actviz.js", "neurons", path, "--plot", "summary", "--stats", "-", "--out", join(dir, "out"), "-q"], { encoding: "utf8", maxBuffer: 1 << 26 });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as { samples: number; per_neuron: { min: number; max: number; quantiles: Record<string, number> }[] };
    expect(report.samples).toBe(ROWS);
    report.per_neuron.forEach((n, j) => {
      expect(n.min).toBe(-1 - j);
      expect(n.max).toBe(1000 + j);
      expect(n.quantiles["0.5"]).toBe(0);
    });
  });
});
