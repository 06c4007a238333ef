import { copyFileSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runMain } from "./capture.js";
import { tempDir } from "../temp-dir.js";

// fixtures/numpy/make_merge_reference.py: NumPy's statistics of whole.npy, one pass over all samples
const DIR = "fixtures/numpy/merge";
const WHOLE = `${DIR}/whole.npy`;
type Num = number | null;
interface RefNeuron {
  count: number; nonfinite: number; mean: Num; std: Num; min: Num; max: Num;
  inactive_fraction: Num; dead: boolean; saturated_fraction: Num;
  quantiles: Record<"linear" | "lower" | "higher", Record<string, Num>>;
}
const ref = JSON.parse(readFileSync(`${DIR}/reference.json`, "utf8")) as { samples: number; split7: number[]; q: string[]; per_neuron: RefNeuron[] };

interface Report {
  source: string; samples: number; neurons: number; activation: string | null; dead: number; dead_fraction: number; nonfinite: number;
  parts?: number; quantiles?: { method: string; relative_accuracy: number; bound: string };
  per_neuron: ({ index: number; name: string | null; quantiles: Record<string, Num> } & Record<"mean" | "std" | "min" | "max" | "inactive_fraction" | "saturated_fraction", Num> & { dead: boolean; nonfinite: number })[];
}

let dir = "";
tempDir("actviz-merge-", (d) => (dir = d), "all");

/** `actviz neurons FILE ARGS --activation sigmoid --partial DIR/NAME -q`, which must succeed quietly; the part's path. */
async function part(name: string, file: string, ...args: string[]): Promise<string> {
  const path = join(dir, name);
  const r = await runMain(["neurons", file, ...args, "--activation", "sigmoid", "--partial", path, "-q"]);
  expect(r.stderr()).toBe("");
  expect(r.code).toBe(0);
  return path;
}

/** WHOLE under another name in the temporary folder (a part of it is another shard's). */
function copyOfWhole(): string {
  const path = join(dir, "whole-copy.npy");
  if (!existsSync(path)) copyFileSync(WHOLE, path);
  return path;
}

async function report(argv: string[]): Promise<Report> {
  const r = await runMain([...argv, "--stats", "-", "-q"]);
  expect(r.stderr()).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout()) as Report;
}

const rel = (a: Num, b: Num) => (a === null || b === null ? (a === b ? 0 : Infinity) : a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b)));

/**
 * The merged report against one pass's: the same keys but `parts` and `quantiles`; counts and
 * dead exact; mean, std, min, max and the fractions to 1e-9 (relative); each quantile within the
 * report's stated accuracy of one pass's np.quantile, by the stated bound (NumPy's 'lower' and
 * 'higher' values tell whether the two interpolated values have opposite signs).
 */
function expectLikeOnePass(merged: Report, one: Report, parts: number) {
  const { parts: n, quantiles: how, ...rest } = merged;
  expect(n).toBe(parts);
  expect(how).toMatchObject({ method: "ddsketch", relative_accuracy: 0.01 });
  expect(Object.keys(rest)).toEqual(Object.keys(one));
  expect([rest.samples, rest.neurons, rest.activation, rest.dead, rest.dead_fraction, rest.nonfinite]).toEqual([one.samples, one.neurons, one.activation, one.dead, one.dead_fraction, one.nonfinite]);
  const alpha = how!.relative_accuracy;
  one.per_neuron.forEach((o, j) => {
    const m = merged.per_neuron[j]!;
    expect(Object.keys(m), `neuron ${j}`).toEqual(Object.keys(o));
    expect([m.index, m.name, m.dead, m.nonfinite], `neuron ${j}`).toEqual([o.index, o.name, o.dead, o.nonfinite]);
    for (const key of ["mean", "std", "min", "max", "inactive_fraction", "saturated_fraction"] as const) {
      expect(rel(m[key], o[key]), `neuron ${j} ${key}: merged ${m[key]}, one pass ${o[key]}`).toBeLessThanOrEqual(1e-9);
    }
    for (const q of ref.q) {
      const exact = o.quantiles[q]!;
      const got = m.quantiles[q]!;
      if (exact === null) {
        expect(got, `neuron ${j} q=${q}`).toBeNull();
        continue;
      }
      const [lo, hi] = [ref.per_neuron[j]!.quantiles.lower[q]!, ref.per_neuron[j]!.quantiles.higher[q]!];
      const scale = lo * hi < 0 ? Math.max(Math.abs(lo), Math.abs(hi)) : Math.abs(exact);
      expect(Math.abs(got - exact), `neuron ${j} q=${q}: merged ${got}, np.quantile ${exact}`).toBeLessThanOrEqual(alpha * scale * (1 + 1e-9));
    }
  });
}

describe("actviz merge: the parts' statistics as one pass over all their samples gives", () => {
  it("one pass (actviz neurons --stats) is NumPy's statistics of the whole file (the reference the merges are held to)", async () => {
    const one = await report(["neurons", WHOLE, "--activation", "sigmoid", "--plot", "none"]);
    expect(one.samples).toBe(ref.samples);
    one.per_neuron.forEach((o, j) => {
      const r = ref.per_neuron[j]!;
      expect([o.dead, o.nonfinite]).toEqual([r.dead, r.nonfinite]);
      for (const key of ["mean", "std", "min", "max", "inactive_fraction", "saturated_fraction"] as const) expect(rel(o[key], r[key]), `neuron ${j} ${key}`).toBeLessThanOrEqual(1e-12);
      expect(o.quantiles).toEqual(r.quantiles.linear);
    });
  });

  it("merge of 1 part (the whole file) is one pass: exact but for the quantiles, within 1 %", async () => {
    const one = await report(["neurons", WHOLE, "--activation", "sigmoid", "--plot", "none"]);
    const merged = await report(["merge", await part("whole.json", WHOLE)]);
    expectLikeOnePass(merged, one, 1);
    expect(merged.source).toBe(WHOLE);
  });

  it("merge of 2 parts (two shard files) is one pass over their concatenation", async () => {
    const one = await report(["neurons", WHOLE, "--activation", "sigmoid", "--plot", "none"]);
    const parts = [await part("p0.json", `${DIR}/shard-0.npy`), await part("p1.json", `${DIR}/shard-1.npy`)];
    const merged = await report(["merge", ...parts]);
    expectLikeOnePass(merged, one, 2);
    expect(merged.source).toBe(`${DIR}/shard-0.npy, ${DIR}/shard-1.npy`);
  });

  it("merge of 7 parts (--samples ranges of one file; a part of one sample, a part where a neuron has no finite value) is one pass", async () => {
    const one = await report(["neurons", WHOLE, "--activation", "sigmoid", "--plot", "none"]);
    const s = ref.split7;
    const parts: string[] = [];
    // in a scheduler's order, not the samples': merging does not depend on the order
    for (const k of [3, 0, 6, 1, 5, 2, 4]) parts.push(await part(`s${k}.json`, WHOLE, "--samples", `${s[k]}:${s[k + 1]}`));
    const merged = await report(["merge", ...parts]);
    expectLikeOnePass(merged, one, 7);
    expect(merged.source).toBe(WHOLE);
  });

  it("merge writes the report, the summary lines and the paths as neurons does, and --fail-on-dead exits 1 after writing them", async () => {
    const p = await part("gate.json", WHOLE);
    const q = await part("gate-2.json", copyOfWhole()); // the same samples from another file: two shards
    const stats = join(dir, "gate-report.json");
    const r = await runMain(["merge", p, q, "--stats", stats, "--fail-on-dead", "10"]);
    expect(r.code).toBe(1);
    expect(r.stdout()).toBe(`${stats}\n`);
    expect(r.stderr()).toBe(
      [
        "2 of 8 neurons dead (25.0%) over 2000 samples",
        "most saturated (sigmoid, dead neurons aside): 1 (59.2%), 2 (25.0%), 4 (0.8%), 0 (0.8%), 6 (0.7%)",
        "merged from 2 parts: quantiles from sketches (ddsketch, ±1%), the rest exact",
        "774 non-finite values (NaN, ±Infinity) left out of plots and statistics",
        "actviz: 2 of 8 neurons dead (25.0%), above --fail-on-dead 10 (expected at most 10%)",
        "",
      ].join("\n"),
    );
    expect((JSON.parse(readFileSync(stats, "utf8")) as Report).parts).toBe(2);
    expect((await runMain(["merge", p, "--fail-on-dead", "25", "-q"])).code).toBe(0);
  });

  it("merge --plot summary draws the summary from the merged statistics: summary.png under --out, or an SVG on stdout", async () => {
    const p = await part("plot.json", WHOLE);
    const q = await part("plot-2.json", copyOfWhole());
    const out = join(dir, "figs");
    const r = await runMain(["merge", p, q, "--plot", "summary", "--out", out, "-q"]);
    expect(r.code).toBe(0);
    const { pngSize } = await import("../render/support/pixels.js");
    expect(pngSize(readFileSync(join(out, "summary.png")))).toEqual({ width: 800, height: 500 });
    const svg = await runMain(["merge", p, "--plot", "summary", "--format", "svg", "--out", "-", "-q"]);
    expect(svg.code).toBe(0);
    expect(svg.stdout()).toMatch(/^<\?xml|^<svg/);
  });
});
