import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readNpy } from "../../src/io/npy/read-npy.js";
import { writeNpy } from "../../src/io/npy/write-npy.js";
import { actvizBin, largeDir, largeEnabled, npyHead, roomFor, sparseFile } from "./large-file.js";

// `npm run test:large`: conv feature maps past the 256 MiB streaming threshold (sparse: zeros but
// for planted samples) through the real bin, with the flags that used to need the whole matrix:
// --reduce, --labels, --baseline, --export. Skipped, saying why, in `npm test`.
const N = 36_864;
const [C, H, W] = [8, 16, 16];
const HEADER = 128;
const SIZE = HEADER + N * C * H * W * 4; // 302 MB, past 256 MiB

const dir = largeDir("actviz-large-");

describe.skipIf(!largeEnabled)("rank-4 maps past 256 MiB, streamed with --labels, --baseline and --export (npm run test:large)", () => {
  it("actviz neurons BIG.npy --reduce mean --labels --baseline --export: exit 0, the planted samples in the report and the export", { timeout: 900_000 }, () => {
    if (!roomFor(dir(), SIZE * 2, false)) return;
    const path = join(dir(), "big.npy");
    // sample 0: every value 1; the last sample: channel c holds c + 1 at one position of its 256
    const sample = C * H * W;
    const last = new Float32Array(sample);
    for (let c = 0; c < C; c++) last[c * H * W + 5] = (c + 1) * H * W;
    sparseFile(path, SIZE, [
      [npyHead([N, C, H, W], HEADER), 0],
      [new Uint8Array(new Float32Array(sample).fill(1).buffer), HEADER],
      [new Uint8Array(last.buffer), HEADER + (N - 1) * sample * 4],
    ]);
    writeFileSync(join(dir(), "labels.npy"), writeNpy({ shape: [N], data: Float32Array.from({ length: N }, (_, i) => (i === 0 ? 1 : i === N - 1 ? 2 : 0)) }));

    const out = join(dir(), "out");
    const r = actvizBin(["neurons", path, "--reduce", "mean", "--labels", join(dir(), "labels.npy"), "--baseline", path, "--plot", "summary,heatmap,classes", "--neurons", "0-2", "--export", join(dir(), "x.npy"), "--stats", "-", "--out", out, "-q"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as { samples: number; classes: string[]; class_counts: number[]; baseline: { newly_dead: number[] }; per_neuron: { max: number; class_means: number[]; preferred_class: string }[] };
    expect(report.samples).toBe(N);
    expect(report.classes).toEqual(["0", "1", "2"]);
    expect(report.class_counts).toEqual([N - 2, 1, 1]);
    expect(report.baseline.newly_dead).toEqual([]);
    report.per_neuron.forEach((n, c) => {
      expect(n.max).toBe(c + 1); // the last sample's mean over 256 positions
      expect(n.class_means).toEqual([0, 1, c + 1]);
      expect(n.preferred_class).toBe(c === 0 ? "1" : "2"); // a tie goes to the first class
    });
    const x = readNpy(new Uint8Array(readFileSync(join(dir(), "x.npy"))), "x.npy");
    expect(x.shape).toEqual([N, 3]);
    expect(Array.from(x.data.subarray(0, 3))).toEqual([1, 1, 1]);
    expect(Array.from(x.data.subarray((N - 1) * 3))).toEqual([1, 2, 3]);
    expect(x.data.subarray(3, (N - 1) * 3).every((v) => v === 0)).toBe(true);
  });
});
