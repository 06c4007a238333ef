import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeNpy } from "../../src/io/npy/write-npy.js";
import { runMain } from "./capture.js";
import { tempDir } from "../temp-dir.js";

const WHOLE = "fixtures/numpy/merge/whole.npy";
let dir = "";
tempDir("actviz-merge-errors-", (d) => (dir = d), "all");

/** A part of WHOLE (or `file`) made with `args`, written under the temporary folder. */
async function part(name: string, args: string[] = ["--activation", "sigmoid"], file = WHOLE): Promise<string> {
  const path = join(dir, name);
  const r = await runMain(["neurons", file, ...args, "--partial", path, "-q"]);
  expect(r.stderr()).toBe("");
  expect(r.code).toBe(0);
  return path;
}

/** A copy of part `from` as `name`, its JSON changed by `edit`. */
function edited(from: string, name: string, edit: (doc: Record<string, unknown>) => void): string {
  const doc = JSON.parse(readFileSync(from, "utf8")) as Record<string, unknown>;
  edit(doc);
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(doc));
  return path;
}

/**
 * `actviz merge GOOD BAD --stats R --plot summary --out O`: exit 2, one stderr line that names
 * the bad part and says `what`, and nothing written.
 */
async function refused(bad: string, what: RegExp) {
  const good = await part("good.json");
  const stats = join(dir, "never.json");
  const out = join(dir, "never");
  const r = await runMain(["merge", good, bad, "--stats", stats, "--plot", "summary", "--out", out]);
  expect(r.code).toBe(2);
  const lines = r.stderr().split("\n").filter(Boolean);
  expect(lines).toHaveLength(1);
  expect(lines[0]!.startsWith(`actviz: ${bad}: `), lines[0]).toBe(true);
  expect(lines[0]).toMatch(what);
  expect(r.stdout()).toBe("");
  expect(existsSync(stats)).toBe(false);
  expect(existsSync(join(out, "summary.png"))).toBe(false);
}

describe("actviz merge: parts that cannot be merged exit 2 with one line naming the part", () => {
  it("a part of another format version", async () => {
    const bad = edited(await part("v.json"), "v2.json", (d) => (d.version = 2));
    await refused(bad, /part format version 2 \(expected 1/);
  });

  it("the same part given twice, by its own name or as a copy: its samples would count twice", async () => {
    const copy = edited(await part("copy-of-good.json"), "copy.json", () => undefined);
    await refused(copy, /the same part as .*good\.json \(source '.*whole\.npy', \d+ samples from row 0, every neuron's statistics equal; merged twice, its samples would count twice\) \(expected each shard's part once\)/);
    // another shard of the same file is not a twin
    const other = await part("rest.json", ["--activation", "sigmoid", "--samples", "1:"]);
    const good = await part("good.json");
    const r = await runMain(["merge", good, other, "-q"]);
    expect(r.code).toBe(0);
  });

  it("a part of other neurons: another count", async () => {
    await refused(await part("nine.json", ["--activation", "sigmoid"], "fixtures/numpy/report-quantiles.npy"), /9 neurons \(expected 8, as in .*good\.json; parts must agree to be merged\)/);
  });

  it("a part of other neurons: other names", async () => {
    const bad = edited(await part("n.json"), "names.json", (d) => ((d.names as (string | null)[])[5] = "fc2.5"));
    await refused(bad, /neuron 5 is named 'fc2\.5' \(expected none, as in .*good\.json; parts must agree to be merged\)/);
  });

  it("a part computed with another activation, or none", async () => {
    await refused(await part("relu.json", ["--activation", "relu"]), /activation 'relu' \(expected 'sigmoid'/);
    await refused(await part("none.json", []), /activation none \(expected 'sigmoid'/);
  });

  it("a part computed with another inactive threshold or saturation eps", async () => {
    await refused(await part("thr.json", ["--activation", "sigmoid", "--inactive-threshold", "0.1"]), /inactive threshold 0\.1 \(expected 0/);
    await refused(await part("eps.json", ["--activation", "sigmoid", "--saturation-eps", "0.05"]), /saturation eps 0\.05 \(expected 0\.01/);
  });

  it("a truncated part", async () => {
    const text = readFileSync(await part("t.json"), "utf8");
    const bad = join(dir, "truncated.json");
    writeFileSync(bad, text.slice(0, Math.floor(text.length / 2)));
    await refused(bad, /not valid JSON, truncated\?.*\(expected a part written by actviz neurons --partial\)/);
  });

  it("not a part at all: a --stats report, an .npy file, a missing file", async () => {
    const report = join(dir, "report.json");
    expect((await runMain(["neurons", WHOLE, "--plot", "none", "--stats", report, "-q"])).code).toBe(0);
    await refused(report, /not an actviz part, no "format": "actviz-partial"/);
    await refused(WHOLE, /not (valid JSON|UTF-8 text)/);
    await refused(join(dir, "missing.json"), /no such file/);
  });

  it("a part whose numbers disagree: a sketch that does not hold the neuron's count", async () => {
    const bad = edited(await part("c.json"), "count.json", (d) => {
      const n = (d.per_neuron as { count: number; nonfinite: number }[])[2]!;
      n.count -= 1;
      n.nonfinite += 1;
    });
    await refused(bad, /\.per_neuron\[2\]\.sketch: holds 1000 values but count is 999/);
  });

  it("a part with a field of the wrong type names its JSON path", async () => {
    const bad = edited(await part("w.json"), "type.json", (d) => ((d.per_neuron as { mean: unknown }[])[0]!.mean = "high"));
    await refused(bad, /\.per_neuron\[0\]\.mean: /);
  });
});

describe("actviz merge: usage", () => {
  it("no part is a usage error (exit 2)", async () => {
    const r = await runMain(["merge"]);
    expect(r.code).toBe(2);
    expect(r.stderr()).toMatch(/missing required argument 'part/);
  });

  it("--plot other than summary or none is a usage error naming --plot", async () => {
    const r = await runMain(["merge", "x.json", "--plot", "heatmap"]);
    expect(r.code).toBe(2);
    expect(r.stderr()).toMatch(/^actviz: --plot: /);
  });
});

describe("actviz merge: stdin and extreme values", () => {
  it("one part may come from stdin (named <stdin>), not two", async () => {
    const p = await part("stdin.json");
    const q = await part("stdin-rest.json", ["--activation", "sigmoid", "--samples", "1:"]);
    const r = await runMain(["merge", p, "-", "--stats", "-", "-q"], readFileSync(q));
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout()) as { parts: number }).parts).toBe(2);
    const bad = await runMain(["merge", p, "-"], new TextEncoder().encode("{"));
    expect(bad.stderr()).toMatch(/^actviz: <stdin>: not valid JSON/);
    const twice = await runMain(["merge", "-", "-"], readFileSync(p));
    expect([twice.code, twice.stderr()]).toEqual([2, "actviz: PART: '-' given twice (expected stdin for one part at most)\n"]);
  });

  it("a neuron whose mean and variance overflow float64 merges to null mean and std, as one pass reports them", async () => {
    const file = join(dir, "huge.npy");
    writeFileSync(file, writeNpy({ shape: [4, 1], data: Float64Array.of(1e308, -1e308, 1.7e308, 5) }));
    const p = await part("huge.json", [], file);
    // the same values from another file: another shard, not the same part twice
    const other = join(dir, "huge-2.npy");
    writeFileSync(other, readFileSync(file));
    const q = await part("huge-2.json", [], other);
    const merged = await runMain(["merge", p, q, "--stats", "-", "-q"]);
    expect(merged.code).toBe(0);
    const n = (JSON.parse(merged.stdout()) as { per_neuron: { mean: unknown; std: unknown; min: unknown; max: unknown }[] }).per_neuron[0]!;
    expect([n.mean, n.std, n.min, n.max]).toEqual([null, null, -1e308, 1.7e308]);
  });
});
