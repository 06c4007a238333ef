import { describe, expect, it } from "vitest";
import { readdir, readFile } from "node:fs/promises";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readNpy } from "../../src/io/npy/read-npy.js";
import { runMain } from "./capture.js";
import { tempDir } from "../temp-dir.js";

const example = "fixtures/examples/digits-mlp-hidden.npy";
const reference = JSON.parse(readFileSync("fixtures/examples/digits-mlp-hidden.stats.json", "utf8")) as Record<string, number[]> & { dead: number };

let dir: string;
tempDir("actviz-neurons-", (d) => (dir = d));

const run = (args: string[], stdin?: Uint8Array) => runMain(["neurons", ...args], stdin);

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.abs(b) + 1e-12;

describe("actviz neurons: the report", () => {
  it("--stats - equals numpy's mean, std (ddof=0), min, max and inactive fraction for every neuron", async () => {
    const r = await run([example, "--plot", "none", "--stats", "-", "--activation", "relu"]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout());
    expect(report).toMatchObject({ source: example, samples: 397, neurons: 128, activation: "relu", dead: reference.dead, nonfinite: 0 });
    expect(report.dead_fraction).toBe(reference.dead / 128);
    for (const n of report.per_neuron) {
      for (const [field, key] of [["mean", "mean"], ["std", "std"], ["min", "min"], ["max", "max"], ["inactive_fraction", "inactive_fraction"]] as const) {
        expect(close(n[field], reference[key]![n.index]!), `${field} of neuron ${n.index}`).toBe(true);
      }
      expect(n.dead).toBe(reference.max![n.index]! <= 0);
      expect(Object.keys(n).sort()).toEqual(["index", "name", "mean", "std", "min", "max", "inactive_fraction", "dead", "saturated_fraction", "nonfinite", "quantiles"].sort());
    }
  });

  it("prints a human summary on stderr: '10 of 128 neurons dead (7.8%)'", async () => {
    const r = await run([example, "--plot", "none"]);
    expect(r.stderr()).toMatch(/^10 of 128 neurons dead \(7\.8%\) over 397 samples\n/);
  });

  it("the summary counts in the singular for one neuron and one sample: '0 of 1 neuron dead (0.0%) over 1 sample'", async () => {
    const r = await run(["-", "--plot", "none"], new TextEncoder().encode("[[0.5]]"));
    expect(r.code).toBe(0);
    expect(r.stderr()).toBe("0 of 1 neuron dead (0.0%) over 1 sample\n");
  });

  it("saturated_fraction is null without --activation and the share near a bound with a bounded one", async () => {
    const plain = JSON.parse((await run([example, "--plot", "none", "--stats", "-"])).stdout());
    expect(plain.per_neuron.every((n: { saturated_fraction: unknown }) => n.saturated_fraction === null)).toBe(true);
    const sig = JSON.parse((await run([example, "--plot", "none", "--stats", "-", "--activation", "hardtanh", "--saturation-eps", "0.5"])).stdout());
    const values = readNpy(readFileSync(example), example);
    const n5 = sig.per_neuron[5];
    let near = 0;
    for (let r = 0; r < 397; r++) {
      const v = values.data[r * 128 + 5]!;
      if (Math.abs(v - -1) <= 0.5 || Math.abs(v - 1) <= 0.5) near++;
    }
    expect(n5.saturated_fraction).toBeCloseTo(near / 397, 12);
  });

  it("--fail-on-dead 5 exits 1 after writing everything; --fail-on-dead 10 passes", async () => {
    const report = join(dir, "r.json");
    const fail = await run([example, "--plot", "none", "--stats", report, "--fail-on-dead", "5"]);
    expect(fail.code).toBe(1);
    expect(fail.stderr()).toMatch(/actviz: 10 of 128 neurons dead \(7\.8%\), above --fail-on-dead 5 \(expected at most 5%\)/);
    expect(JSON.parse(await readFile(report, "utf8")).dead).toBe(10);
    expect((await run([example, "--plot", "none", "--fail-on-dead", "10"])).code).toBe(0);
  });

  it("NaN and Infinity are counted, left out of statistics, and never crash", async () => {
    const r = await run(["fixtures/io/text/header.csv", "--plot", "line,hist,summary,heatmap", "--stats", join(dir, "s.json"), "--out", dir, "-q"]);
    expect(r.code).toBe(0);
    const s = JSON.parse(await readFile(join(dir, "s.json"), "utf8"));
    expect(s.nonfinite).toBe(3);
    expect(s.per_neuron.map((n: { name: string }) => n.name)).toEqual(["n0", "n1", "n2"]);
    // n0 is [1, nan, 1e-3]: the NaN is counted and left out
    expect(s.per_neuron[0]).toMatchObject({ min: 0.001, max: 1, nonfinite: 1 });
    expect(s.per_neuron[0].mean).toBeCloseTo(0.5005, 15);
    expect(s.per_neuron[0].std).toBeCloseTo(0.4995, 15);
  });
});

describe("actviz neurons: charts and selection", () => {
  it("writes one zero-padded line chart per selected neuron, and prints the paths", async () => {
    const r = await run([example, "--neurons", "0-2,100", "--out", dir]);
    expect(r.code).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(["neuron-000.png", "neuron-001.png", "neuron-002.png", "neuron-100.png"]);
    expect(r.stdout().trim().split("\n")).toEqual(["neuron-000.png", "neuron-001.png", "neuron-002.png", "neuron-100.png"].map((n) => join(dir, n)));
  });

  it("a 1-D array is one neuron", async () => {
    const r = await run(["fixtures/io/npy/vector.npy", "--plot", "none", "--stats", "-"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout())).toMatchObject({ samples: 5, neurons: 1 });
  });

  it("--out - writes a single chart to stdout", async () => {
    const r = await run([example, "--neurons", "3", "--format", "svg", "--out", "-", "-q"]);
    expect(r.code).toBe(0);
    expect(r.stdout()).toMatch(/^(<\?xml[^>]*>\s*)?<svg/);
  });

  it("--out - with two charts, or a chart and --stats -, is the usage error curve gives, naming what it counted", async () => {
    const two = await run([example, "--neurons", "3,4", "--format", "svg", "--out", "-"]);
    expect(two.code).toBe(2);
    expect(two.stderr()).toBe("actviz: --out -: this run makes 2 outputs (expected exactly one output for stdout: one figure, one --format)\n");
    const withStats = await run([example, "--neurons", "3", "--format", "svg", "--out", "-", "--stats", "-"]);
    expect(withStats.stderr()).toMatch(/^actviz: --out -: this run makes 2 outputs /);
  });

  it("--x-label and --y-label title every chart's axes; grid panels keep none of their own", async () => {
    const jobs = await import("../../src/jobs/neurons-job.js");
    const o = (await import("../../src/options/neurons.js")).neuronsOptionsSchema.parse({ input: example, neurons: "5", plot: "line,hist,summary", xLabel: "Digit", yLabel: "Output" });
    const d = await jobs.loadNeurons(new Uint8Array(readFileSync(example)), o);
    const texts = (await jobs.chartTasks(d, o)).map((t) => t.build()).map((j) => ("chart" in j ? (j.chart.text as { xLabel: string; yLabel: string }) : null));
    expect(texts.map((t) => [t!.xLabel, t!.yLabel])).toEqual([["Digit", "Output"], ["Digit", "Output"], ["Digit", "Output"]]);
    const g = { ...o, grid: { rows: 1, cols: 2 }, plot: ["line" as const], neurons: "5,6" };
    const two = await jobs.loadNeurons(new Uint8Array(readFileSync(example)), g);
    const panels = (await jobs.chartTasks(two, g)).map((t) => t.build()).flatMap((j) => ("grid" in j ? j.grid.map((p) => (p.text as { xLabel: string }).xLabel) : []));
    expect(panels).toEqual(["", ""]);
  });

  it("--bins auto bins each neuron by NumPy's rule; --y-scale log puts the counts on a log axis; PNGs drawn", async () => {
    const jobs = await import("../../src/jobs/neurons-job.js");
    const { autoBins } = await import("../../src/core/histogram.js");
    const { column } = await import("../../src/core/matrix.js");
    const o = (await import("../../src/options/neurons.js")).neuronsOptionsSchema.parse({ input: example, neurons: "8,33", plot: "hist", bins: "auto", yScale: "log" });
    const d = await jobs.loadNeurons(new Uint8Array(readFileSync(example)), o);
    const specs = (await jobs.chartTasks(d, o)).map((t) => t.build()).map((j) => ("chart" in j && j.chart.kind === "hist" ? j.chart : null));
    expect(specs.map((c) => c!.histogram.counts.length)).toEqual([8, 33].map((i) => autoBins(column(d.matrix, i))));
    expect(specs.every((c) => c!.options.yScale === "log")).toBe(true);
    const r = await run([example, "--neurons", "33", "--plot", "hist", "--bins", "auto", "--y-scale", "log", "--out", dir, "-q"]);
    expect(r.code).toBe(0);
    expect(await readdir(dir)).toEqual(["hist-033.png"]);
  });

  it("a channel axis names the columns Channel; a softmax output names them Class, ticks each class and scales colours over [0, 1]", async () => {
    const jobs = await import("../../src/jobs/neurons-job.js");
    const { neuronsOptionsSchema } = await import("../../src/options/neurons.js");
    const conv = neuronsOptionsSchema.parse({ input: "fixtures/examples/conv-features.npy", plot: "summary,heatmap" });
    const cd = await jobs.loadNeurons(new Uint8Array(readFileSync("fixtures/examples/conv-features.npy")), conv);
    const texts = (await jobs.chartTasks(cd, conv)).map((t) => t.build()).map((j) => ("chart" in j ? (j.chart.text as { xLabel: string; yLabel: string; title: string }) : null));
    expect(texts[0]).toMatchObject({ xLabel: "Channel", title: "Activation distribution per channel" });
    expect(texts[1]).toMatchObject({ yLabel: "Channel" });
    const { neuronsRuns } = await import("../../src/jobs/neurons-runs.js");
    const o = neuronsOptionsSchema.parse({ weights: "fixtures/examples/digits-mlp.safetensors", input: "fixtures/examples/digits-inputs.npy", activation: "relu", layer: "output", softmax: true, plot: "heatmap" });
    const [run] = await neuronsRuns(o, async (path) => new Uint8Array(readFileSync(path)));
    const d = await run!.load();
    const [job] = (await jobs.chartTasks(d, o)).map((t) => t.build());
    const spec = (job as { chart: { text: { yLabel: string; valueLabel: string }; options: { range?: object; yTickLabels?: string[] } } }).chart;
    expect(spec.text).toMatchObject({ yLabel: "Class", valueLabel: "Probability" });
    expect(spec.options.range).toEqual({ min: 0, max: 1 });
    expect(spec.options.yTickLabels).toEqual(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]);
  });

  it("--plot summary of more than 300 neurons draws percentile bands (np.quantile's, per neuron), of 300 or fewer one box each", async () => {
    const jobs = await import("../../src/jobs/neurons-job.js");
    const { finiteQuantiles } = await import("../../src/core/quantiles.js");
    const { column } = await import("../../src/core/matrix.js");
    const { neuronsOptionsSchema } = await import("../../src/options/neurons.js");
    const { writeNpy } = await import("../../src/io/npy/write-npy.js");
    const wide = writeNpy({ shape: [50, 301], data: Float64Array.from({ length: 50 * 301 }, (_, i) => Math.sin(i * 0.37) * (i % 301)) });
    const o = neuronsOptionsSchema.parse({ input: "wide.npy", plot: "summary" });
    const d = await jobs.loadNeurons(wide, o);
    const [job] = (await jobs.chartTasks(d, o)).map((t) => t.build());
    const chart = (job as { chart: { kind: string; bands: { p05: Float64Array; p50: Float64Array; p95: Float64Array } } }).chart;
    expect(chart.kind).toBe("bands");
    for (const i of [0, 150, 300]) {
      const [q05, q50, q95] = finiteQuantiles(column(d.matrix, i), [0.05, 0.5, 0.95]);
      expect([chart.bands.p05[i], chart.bands.p50[i], chart.bands.p95[i]]).toEqual([q05, q50, q95]);
    }
    const few = { ...o, neurons: "0-299" };
    const [boxes] = (await jobs.chartTasks(await jobs.loadNeurons(wide, few), few)).map((t) => t.build());
    expect((boxes as { chart: { kind: string } }).chart.kind).toBe("summary");
  });

  it("--grid: histogram panels share their count range and x range; the axis titles are drawn once for the grid", async () => {
    const jobs = await import("../../src/jobs/neurons-job.js");
    const { neuronsOptionsSchema } = await import("../../src/options/neurons.js");
    const o = neuronsOptionsSchema.parse({ input: example, neurons: "8,33,39,99", plot: "hist", grid: "2x2", xLabel: "Output" });
    const d = await jobs.loadNeurons(new Uint8Array(readFileSync(example)), o);
    const [job] = (await jobs.chartTasks(d, o)).map((t) => t.build());
    const grid = job as { grid: { options: { yRange?: { min: number; max: number } }; histogram: { edges: Float64Array; counts: Float64Array } }[]; frame: { xLabel?: string; yLabel?: string } };
    const ranges = grid.grid.map((p) => p.options.yRange);
    expect(new Set(ranges.map((r) => JSON.stringify(r))).size).toBe(1);
    expect(ranges[0]!.max).toBeGreaterThanOrEqual(Math.max(...grid.grid.flatMap((p) => Array.from(p.histogram.counts))));
    expect(new Set(grid.grid.map((p) => `${p.histogram.edges[0]} ${p.histogram.edges.at(-1)}`)).size).toBe(1);
    expect(grid.frame).toMatchObject({ xLabel: "Output", yLabel: "Count" });
  });

  it("reads stdin with - and with a pipe and no file", async () => {
    const bytes = readFileSync(example);
    for (const args of [["-"], []]) {
      const r = await run([...args, "--plot", "none", "--stats", "-"], bytes);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout())).toMatchObject({ source: "<stdin>", samples: 397, neurons: 128 });
    }
  });

  it("--plot hist,heatmap,summary --format svg writes hist-NNN, heatmap and summary", async () => {
    const r = await run([example, "--neurons", "3,4", "--plot", "hist,heatmap,summary", "--format", "svg", "--out", dir, "-q"]);
    expect(r.code).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(["heatmap.svg", "hist-003.svg", "hist-004.svg", "summary.svg"]);
  });

  it("--top 4 --by variance --grid 2x2 draws the four highest-variance neurons in one image", async () => {
    const r = await run([example, "--top", "4", "--grid", "2x2", "--plot", "line", "--export", join(dir, "top.csv"), "--out", dir, "-q"]);
    expect(r.code).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(["neuron-grid.png", "top.csv"]);
    const std = reference.std!;
    const expected = std.map((s, i) => [s, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]).slice(0, 4).map(([, i]) => `neuron_${i}`);
    expect((await readFile(join(dir, "top.csv"), "utf8")).split("\n")[0]).toBe(expected.join(","));
  });

  it("--export picks the selected samples and neurons, in .npy, .csv and .json", async () => {
    const base = [example, "--plot", "none", "--neurons", "1,5", "--samples", "10:13", "-q"];
    expect((await run([...base, "--export", join(dir, "x.npy")])).code).toBe(0);
    expect((await run([...base, "--export", join(dir, "x.csv")])).code).toBe(0);
    expect((await run([...base, "--export", join(dir, "x.json")])).code).toBe(0);
    const src = readNpy(readFileSync(example), example);
    const want = [10, 11, 12].map((r) => [1, 5].map((c) => src.data[r * 128 + c]!));
    const npy = readNpy(await readFile(join(dir, "x.npy")), "x.npy");
    expect(npy.shape).toEqual([3, 2]);
    expect(Array.from(npy.data)).toEqual(want.flat());
    const csv = (await readFile(join(dir, "x.csv"), "utf8")).trim().split("\n");
    expect(csv[0]).toBe("neuron_1,neuron_5");
    expect(csv.slice(1).map((l) => l.split(",").map((v) => Math.fround(Number(v))))).toEqual(want);
    expect(JSON.parse(await readFile(join(dir, "x.json"), "utf8"))).toEqual({ neurons: ["neuron_1", "neuron_5"], samples: want });
  });

  it("--export of every neuron over --samples writes exactly those rows (no copy of the selection needed)", async () => {
    expect((await run([example, "--plot", "none", "--samples", "390:", "--export", join(dir, "all.npy"), "-q"])).code).toBe(0);
    const src = readNpy(readFileSync(example), example);
    const got = readNpy(await readFile(join(dir, "all.npy")), "all.npy");
    expect(got.shape).toEqual([7, 128]);
    expect(Array.from(got.data)).toEqual(Array.from(src.data.subarray(390 * 128)));
  });

  it("a 4-D feature map becomes one series per channel (--channel-axis 1 --reduce mean)", async () => {
    const ref = JSON.parse(readFileSync("fixtures/examples/conv-features.reduced.json", "utf8")) as { mean: number[][] };
    const r = await run(["fixtures/examples/conv-features.npy", "--plot", "none", "--export", "-", "--export-format", "json", "-q"]);
    expect(r.code).toBe(0);
    const got = JSON.parse(r.stdout()).samples as number[][];
    expect(got).toHaveLength(24);
    got.forEach((row, i) => row.forEach((v, c) => expect(v).toBeCloseTo(ref.mean[i]![c]!, 6)));
  });
});

describe("actviz neurons: bad usage and bad input", () => {
  async function expectError(args: string[], code: number, message: RegExp) {
    const r = await run([...args, "--out", dir]);
    expect(r.code).toBe(code);
    const lines = r.stderr().trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(await readdir(dir)).toEqual([]);
  }

  it("a failure after charts were drawn (an unwritable --stats) leaves no chart and no temporary file", async () => {
    const r = await run([example, "--neurons", "0-2", "--stats", join(dir, "missing", "s.json"), "--out", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr()).toMatch(/^actviz: cannot write '.*s\.json': /);
    expect(await readdir(dir)).toEqual([]);
  });

  it("an empty matrix (shape 0x5)", () => expectError(["fixtures/io/npy/empty-0x5.npy"], 2, /^actviz: fixtures\/io\/npy\/empty-0x5\.npy: the matrix is empty, shape \[0, 5\] \(expected at least one sample and one neuron\)$/));
  it("a 0-d array", () => expectError(["fixtures/io/npy/scalar.npy"], 2, /^actviz: fixtures\/io\/npy\/scalar\.npy: the array is 0-d/));

  it("--neurons 200 names the valid range", () => expectError([example, "--neurons", "200"], 2, /^actviz: --neurons: neuron 200 is out of range \(valid: 0-127\)$/));
  it("--samples 500:600 is empty", () => expectError([example, "--samples", "500:600"], 2, /^actviz: --samples: /));
  it("--bins many", () => expectError([example, "--bins", "many"], 2, /^actviz: --bins: 'many' is not a bin count \(expected a whole number from 1 to 10000, or auto\)$/));
  it("--y-scale cubic", () => expectError([example, "--y-scale", "cubic"], 2, /^actviz: option '--y-scale <scale>' argument 'cubic' is invalid/));
  it("--plot pie", () => expectError([example, "--plot", "pie"], 2, /^actviz: --plot: 'pie' is not allowed \(expected one of line, hist, heatmap, summary, maps, classes, class-heatmap, none\)$/));
  it("--grid 4by4", () => expectError([example, "--grid", "4by4"], 2, /^actviz: --grid: '4by4' is not RxC/));
  it("--activation sigmod suggests sigmoid", () => expectError([example, "--activation", "sigmod"], 2, /did you mean 'sigmoid'/));
  it("--top with --neurons", () => expectError([example, "--top", "3", "--neurons", "1"], 2, /--top and --neurons both select neurons/));
  it("a missing file", () => expectError(["no-such.npy"], 2, /^actviz: no-such\.npy: /));
  it("no input on a terminal", () => expectError([], 2, /^actviz: no input \(expected a FILE argument/));

  const bad = readdirSyncSafe("fixtures/bad").filter((f) => f !== "README.md");
  it.each(bad)("fixtures/bad/%s: one line naming the file, exit 2, no output file", async (name) => {
    const args = [join("fixtures/bad", name), "--plot", "line", "--stats", join(dir, "s.json")];
    await expectError(args, 2, new RegExp(`^actviz: (fixtures/bad/)?${name.replace(/[.]/g, "\\.")}[: ]`));
  });
});

function readdirSyncSafe(path: string): string[] {
  return readdirSync(path);
}
