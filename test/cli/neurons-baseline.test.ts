import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runMain } from "./capture.js";
import { tempDir } from "../temp-dir.js";

const ex = "fixtures/examples";
const hidden = `${ex}/digits-mlp-hidden.npy`;
const earlyHidden = `${ex}/digits-mlp-early-hidden.npy`;
const weights = ["--weights", `${ex}/digits-mlp.safetensors`, "--input", `${ex}/digits-inputs.npy`, "--activation", "relu"];
const early = `${ex}/digits-mlp-early.safetensors`;
interface BaselineRef {
  dead: number;
  newly_dead: number[];
  revived: number[];
  per_neuron: { mean: number; std: number; dead: boolean; delta_mean: number }[];
}
const reference = JSON.parse(readFileSync(`${ex}/digits-labels.reference.json`, "utf8")) as Record<string, BaselineRef>;

let dir: string;
tempDir("actviz-baseline-", (d) => (dir = d));

const run = (args: string[], stdin?: Uint8Array) => runMain(["neurons", ...args], stdin);
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.abs(b) + 1e-12;

function expectBaseline(report: { baseline: Record<string, unknown>; per_neuron: { mean: number; baseline: Record<string, number | boolean> }[] }, ref: BaselineRef) {
  expect(report.baseline).toMatchObject({ dead: ref.dead, newly_dead: ref.newly_dead, revived: ref.revived });
  report.per_neuron.forEach((n, j) => {
    const r = ref.per_neuron[j]!;
    expect(n.baseline.dead, `baseline dead of ${j}`).toBe(r.dead);
    for (const key of ["mean", "std", "delta_mean"] as const) expect(close(n.baseline[key] as number, r[key]), `baseline ${key} of neuron ${j}`).toBe(true);
  });
}

describe("actviz neurons --baseline / --baseline-weights: the report", () => {
  it("--baseline FILE: dead, newly_dead, revived and per neuron mean, std, dead, delta_mean equal NumPy's (1e-9 relative)", async () => {
    const r = await run([hidden, "--baseline", earlyHidden, "--plot", "none", "--stats", "-"]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout());
    expect(report.baseline.source).toBe(earlyHidden);
    expect(report.baseline.names).toEqual(["digits-mlp-hidden", "digits-mlp-early-hidden"]);
    expectBaseline(report, reference.baseline_npy!);
    expect(r.stderr()).toContain(`3 neurons newly dead, 2 revived (vs ${earlyHidden}): newly dead 3, 12, 80; revived 9, 29\n`);
  });

  it("--baseline-weights FILE: the same input goes through both checkpoints (float64, against NumPy's)", async () => {
    const r = await run([...weights, "--baseline-weights", early, "--names", "final,early", "--plot", "none", "--stats", "-"]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout());
    expect(report.baseline.names).toEqual(["final", "early"]);
    expectBaseline(report, reference.baseline_weights!);
  });

  it("--baseline-weights with --layer all compares every layer", async () => {
    const r = await run([...weights, "--baseline-weights", early, "--layer", "all", "--plot", "none", "--out", dir]);
    expect(r.code).toBe(0);
    expect(r.stderr().match(/newly dead, \d+ revived \(vs /g)).toHaveLength(2);
  });

  it("--fail-on-new-dead N exits 1 after writing everything when more than N neurons are newly dead", async () => {
    const stats = join(dir, "r.json");
    const fail = await run([hidden, "--baseline", earlyHidden, "--plot", "summary", "--out", dir, "--stats", stats, "--fail-on-new-dead", "2"]);
    expect(fail.code).toBe(1);
    expect(fail.stderr()).toContain(`actviz: 3 neurons newly dead (3, 12, 80) vs ${earlyHidden}, above --fail-on-new-dead 2 (expected at most 2 newly dead neurons)`);
    expect(readdirSync(dir).sort()).toEqual(["r.json", "summary.png"]);
    const pass = await run([hidden, "--baseline", earlyHidden, "--plot", "none", "--fail-on-new-dead", "3"]);
    expect(pass.code).toBe(0);
  });

  it("--baseline - reads the baseline from stdin (the input a file); both on stdin is a usage error", async () => {
    const acts = join(dir, "a.json");
    writeFileSync(acts, "[[1, 0], [0, 1]]");
    const r = await run([acts, "--baseline", "-", "--plot", "none", "--stats", "-"], new TextEncoder().encode("[[0, 0], [0, 1]]"));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout()).baseline).toEqual({ source: "<stdin>", names: ["a", "stdin"], dead: 1, newly_dead: [], revived: [0] });
    const both = await run(["-", "--baseline", "-", "--plot", "none"], new TextEncoder().encode("[[1]]"));
    expect(both.code).toBe(2);
    expect(both.stderr()).toBe("actviz: --baseline: --baseline - and the input both read stdin (expected a file for one of them)\n");
  });

  it("labels and a baseline together: both in the report", async () => {
    const report = JSON.parse((await run([hidden, "--baseline", earlyHidden, "--labels", `${ex}/digits-labels.npy`, "--plot", "none", "--stats", "-"])).stdout());
    expect(report.classes).toHaveLength(10);
    expect(report.baseline.newly_dead).toEqual([3, 12, 80]);
  });
});

describe("actviz neurons with a baseline: the plots", () => {
  async function tasks(flags: Record<string, unknown>) {
    const { neuronsOptionsSchema } = await import("../../src/options/neurons.js");
    const { chartTasks } = await import("../../src/jobs/neurons-job.js");
    const { neuronsRuns } = await import("../../src/jobs/neurons-runs.js");
    const o = neuronsOptionsSchema.parse({ input: hidden, baseline: earlyHidden, names: "final,early", ...flags });
    const [r] = await neuronsRuns(o, async (p) => readFileSync(p));
    return (await chartTasks(await r!.load(), o)).map((t) => t.build() as unknown as { chart: Record<string, unknown> });
  }

  it("hist overlays both over the same bins: each histogram counts all 397 samples", async () => {
    const { chart } = (await tasks({ plot: "hist", neurons: "5" }))[0]!;
    const h = chart.histogram as { edges: Float64Array; counts: Float64Array };
    const overlay = chart.overlay as { histogram: { edges: Float64Array; counts: Float64Array }; names: string[] };
    expect(Array.from(overlay.histogram.edges)).toEqual(Array.from(h.edges));
    expect(overlay.names).toEqual(["final", "early"]);
    expect(Array.from(h.counts).reduce((a, b) => a + b)).toBe(397);
    expect(Array.from(overlay.histogram.counts).reduce((a, b) => a + b)).toBe(397);
  });

  it("summary pairs each neuron's box with its baseline's; heatmap shows current − baseline centred on 0", async () => {
    const [summary, heatmap] = await tasks({ plot: "summary,heatmap", neurons: "0-3" });
    const items = summary!.chart.items as { baseline: { dead: boolean } }[];
    expect(items.map((it) => it.baseline.dead)).toEqual([false, false, false, false]);
    expect(summary!.chart.options).toEqual({ names: ["final", "early"] });
    const options = heatmap!.chart.options as { centred: boolean; minus: { rows: number; cols: number } };
    expect(options.centred).toBe(true);
    expect([options.minus.rows, options.minus.cols]).toEqual([397, 4]);
    expect((heatmap!.chart.text as { title: string }).title).toBe("Change of activation: final − early");
  });

  it("line draws both series", async () => {
    const { chart } = (await tasks({ plot: "line", neurons: "5" }))[0]!;
    const base = (chart.options as { baseline: { y: Float64Array; names: string[] } }).baseline;
    expect(base.y.length).toBe(397);
    expect(base.names).toEqual(["final", "early"]);
  });

  it("the plots render, and a manifest figure with a baseline makes the same files", async () => {
    const r = await run([hidden, "--baseline", earlyHidden, "--plot", "hist,summary,heatmap,line", "--neurons", "3,5", "--out", dir, "-q"]);
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(["heatmap.png", "hist-003.png", "hist-005.png", "neuron-003.png", "neuron-005.png", "summary.png"]);
    const manifest = join(dir, "m.json");
    const abs = (p: string) => join(process.cwd(), p);
    writeFileSync(manifest, JSON.stringify({ figures: [{ command: "neurons", ...Object.fromEntries([["weights", abs(`${ex}/digits-mlp.safetensors`)], ["input", abs(`${ex}/digits-inputs.npy`)]]), activation: "relu", baselineWeights: abs(early), plot: "summary", neurons: "0-15", out: "figs", stats: "figs/r.json" }] }));
    const m = await runMain(["render", manifest]);
    expect(m.code, m.stderr()).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "figs/r.json"), "utf8")).baseline.newly_dead).toEqual([3, 12, 80]);
  });
});

describe("actviz neurons with a baseline: bad input (exit 2, one line, nothing written)", () => {
  const bad = async (args: string[], message: RegExp) => {
    const r = await run([...args, "--plot", "heatmap", "--out", join(dir, "out"), "--stats", join(dir, "r.json")]);
    expect(r.code).toBe(2);
    expect(r.stderr()).toMatch(message);
    expect(r.stderr().trimEnd().split("\n")).toHaveLength(1);
    expect(readdirSync(dir)).toEqual([]);
  };

  it("a baseline of another shape names both shapes", async () => {
    await bad([hidden, "--baseline", `${ex}/digits-inputs.npy`], new RegExp(`^actviz: ${ex}/digits-inputs\\.npy: is \\[397, 64\\] \\(samples, neurons\\) after reading and selection, but ${hidden.replace(/\./g, "\\.")} is \\[397, 128\\] \\(expected the same samples and neurons\\)\\n$`));
  });

  it("a baseline checkpoint of another architecture names both", async () => {
    const other = join(dir, "..", `other-${process.pid}.json`);
    writeFileSync(other, JSON.stringify({ layers: [{ name: "fc1", weight: [[1, 2]], bias: [0] }] }));
    try {
      await bad([...weights, "--baseline-weights", other], /other-\d+\.json: layers fc1 1x2, but .*digits-mlp\.safetensors has fc1 128x64, fc2 10x128 \(expected the same architecture/);
    } finally {
      (await import("node:fs")).rmSync(other);
    }
  });

  it("a neuron whose values and its baseline's together span more than an axis can show is refused before drawing", async () => {
    const cur = join(dir, "..", `cur-${process.pid}.json`);
    const base = join(dir, "..", `base-${process.pid}.json`);
    writeFileSync(cur, "[[1e308], [0], [1.5e308]]");
    writeFileSync(base, "[[-1e308], [0], [-1.5e308]]");
    try {
      for (const plot of ["hist", "line", "summary", "heatmap"]) {
        const r = await run([cur, "--baseline", base, "--plot", plot, "--out", join(dir, "out")]);
        expect(r.code, plot).toBe(2);
        expect(r.stderr()).toMatch(/neuron 0: values span \[-1\.5e\+308, 1\.5e\+308\] with the baseline .*wider than one axis can show/);
      }
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      for (const f of [cur, base]) (await import("node:fs")).rmSync(f);
    }
  });

  it("baseline flags that do not fit are usage errors", async () => {
    await bad([hidden, "--baseline-weights", early], /^actviz: --baseline-weights: compares two checkpoints' forward passes \(expected --weights FILE with it/);
    await bad([...weights, "--baseline", earlyHidden, "--baseline-weights", early], /--baseline and --baseline-weights both give the baseline/);
    await bad([hidden, "--names", "a,b"], /^actviz: --names: --names needs a baseline/);
    await bad([hidden, "--fail-on-new-dead", "0"], /--fail-on-new-dead needs a baseline/);
    await bad([hidden, "--baseline", earlyHidden, "--names", "a"], /^actviz: --names: .*expected two names: CURRENT,BASELINE/);
  });
});
