import { spawnSync } from "node:child_process";
import { openSync, closeSync, ftruncateSync, statfsSync, writeSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../temp-dir.js";

// `npm run test:large`: a .npy past 2 GiB (sparse: zeros but for rows planted at its start and
// past the 2 GiB offset) through the real bin, streamed. Skipped, saying why, in `npm test` and
// when the temporary folder's disk cannot hold the file.
const ROWS = 9_000_000;
const COLS = 64;
const HEADER = 128;
const SIZE = HEADER + ROWS * COLS * 4; // 2.30 GB, past 2 GiB

const enabled = process.env.ACTVIZ_LARGE === "1";
let dir = "";
if (enabled) tempDir("actviz-large-", (d) => (dir = d), "all");

describe.skipIf(!enabled)("a .npy past 2 GiB (npm run test:large)", () => {
  it("actviz neurons BIG.npy --plot summary,heatmap --stats - reads every row, the planted ones past 2 GiB too", { timeout: 900_000 }, () => {
    const free = statfsSync(dir).bavail * statfsSync(dir).bsize;
    if (free < SIZE) {
      console.warn(`skipped: the ${SIZE}-byte file needs that much free space in ${dir} (${free} bytes free), should the file system not keep it sparse`);
      return;
    }
    const path = join(dir, "big.npy");
    const fd = openSync(path, "w");
    let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${ROWS}, ${COLS}), }`;
    header = header.padEnd(HEADER - 10 - 1) + "\n";
    const head = Buffer.alloc(10);
    head.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
    head.writeUInt16LE(header.length, 8);
    writeSync(fd, head, 0, 10, 0);
    writeSync(fd, Buffer.from(header, "latin1"), 0, header.length, 10);
    ftruncateSync(fd, SIZE);
    // row 0: -1 - j; the last row (past 2 GiB): 1000 + j; one NaN in the row before it
    const row = (f: (j: number) => number) => Buffer.from(Float32Array.from({ length: COLS }, (_, j) => f(j)).buffer);
    writeSync(fd, row((j) => -1 - j), 0, COLS * 4, HEADER);
    writeSync(fd, row((j) => (j === 3 ? NaN : 0)), 0, COLS * 4, HEADER + (ROWS - 2) * COLS * 4);
    writeSync(fd, row((j) => 1000 + j), 0, COLS * 4, HEADER + (ROWS - 1) * COLS * 4);
    closeSync(fd);
    expect(HEADER + (ROWS - 1) * COLS * 4).toBeGreaterThan(2 ** 31);

    const r = spawnSync(process.execPath, ["bin/actviz.js", "neurons", path, "--plot", "summary,heatmap", "--stats", "-", "--out", join(dir, "out"), "-q"], { encoding: "utf8", maxBuffer: 1 << 26 });
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
