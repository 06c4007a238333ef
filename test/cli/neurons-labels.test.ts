import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runMain } from "./capture.js";
import { tempDir } from "../temp-dir.js";

const ex = "fixtures/examples";
const hidden = `${ex}/digits-mlp-hidden.npy`;
const labels = `${ex}/digits-labels.npy`;
const weights = ["--weights", `${ex}/digits-mlp.safetensors`, "--input", `${ex}/digits-inputs.npy`, "--activation", "relu"];
interface ClassRef {
  classes: string[];
  class_counts: number[];
  per_neuron: { class_means: number[]; class_stds: number[]; preferred_class: string | null; selectivity: number | null }[];
}
const reference = JSON.parse(readFileSync(`${ex}/digits-labels.reference.json`, "utf8")) as Record<string, ClassRef>;

let dir: string;
tempDir("actviz-labels-", (d) => (dir = d));

const run = (args: string[], stdin?: Uint8Array) => runMain(["neurons", ...args], stdin);
const close = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.abs(b) + 1e-12);

function expectReport(report: Record<string, unknown> & { per_neuron: Record<string, unknown>[] }, ref: ClassRef) {
  expect(report.classes).toEqual(ref.classes);
  expect(report.class_counts).toEqual(ref.class_counts);
  report.per_neuron.forEach((n, j) => {
    const r = ref.per_neuron[j]!;
    (n.class_means as number[]).forEach((m, c) => expect(close(m, r.class_means[c]!), `class ${c} mean of neuron ${j}`).toBe(true));
    expect(n.preferred_class, `preferred class of neuron ${j}`).toBe(r.preferred_class);
    expect(close(n.selectivity as number | null, r.selectivity), `selectivity of neuron ${j}: ${String(n.selectivity)} vs ${String(r.selectivity)}`).toBe(true);
  });
}

describe("actviz neurons --labels: the report", () => {
  it("class_means, preferred_class and selectivity equal NumPy's for every neuron (1e-9 relative)", async () => {
    const r = await run([hidden, "--labels", labels, "--plot", "none", "--stats", "-"]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout());
    expect(report.labels).toBe(labels);
    expectReport(report, reference.hidden!);
    // dead neurons: no preferred class, no selectivity
    for (const n of report.per_neuron) if (n.dead) expect([n.preferred_class, n.selectivity]).toEqual([null, null]);
  });

  it("labels follow --samples: the same rows are kept (samples 100:300 against NumPy's y[100:300])", async () => {
    const report = JSON.parse((await run([hidden, "--labels", labels, "--samples", "100:300", "--plot", "none", "--stats", "-"])).stdout());
    expectReport(report, reference.hidden_samples_100_300!);
  });

  it("with --weights --input, the labels go with the computed layer (fc1 in float64 against NumPy's)", async () => {
    const report = JSON.parse((await run([...weights, "--labels", labels, "--plot", "none", "--stats", "-"])).stdout());
    expectReport(report, reference.fc1_f64!);
  });

  it("--top 5 --by selectivity picks the five most selective neurons, most selective first", async () => {
    const r = await run([hidden, "--labels", labels, "--top", "5", "--by", "selectivity", "--plot", "none", "--export", "-", "--export-format", "json"]);
    expect(r.code).toBe(0);
    const ranked = reference.hidden!.per_neuron.map((n, i) => [n.selectivity ?? -Infinity, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    const exported = JSON.parse(r.stdout());
    expect(exported.neurons).toEqual(ranked.slice(0, 5).map(([, i]) => `neuron_${i}`));
    expect(r.stderr()).toContain(`most selective (10 classes): ${ranked.slice(0, 5).map(([s, i]) => `${i} (class ${reference.hidden!.per_neuron[i]!.preferred_class}, ${s.toFixed(2)})`).join(", ")}`);
  });

  it("--class-names names the integer labels 0..K-1 in the report and the summary", async () => {
    const names = "zero,one,two,three,four,five,six,seven,eight,nine";
    const r = await run([hidden, "--labels", labels, "--class-names", names, "--plot", "none", "--stats", "-"]);
    const report = JSON.parse(r.stdout());
    expect(report.classes).toEqual(names.split(","));
    expect(report.per_neuron[32].preferred_class).toBe("five");
    expect(r.stderr()).toMatch(/most selective \(10 classes\): 32 \(class five, 0\.99\)/);
  });

  it("--class-names names all K classes: one without samples has count 0 and null means, and is left out of the selectivity", async () => {
    const y = join(dir, "y.txt");
    writeFileSync(y, "0\n0\n1\n");
    const r = await run(["-", "--labels", y, "--class-names", "a,b,c", "--plot", "none", "--stats", "-"], new TextEncoder().encode("[[1], [3], [1]]"));
    const report = JSON.parse(r.stdout());
    expect(report.classes).toEqual(["a", "b", "c"]);
    expect(report.class_counts).toEqual([2, 1, 0]);
    expect(report.per_neuron[0]).toMatchObject({ class_means: [2, 1, null], preferred_class: "a", selectivity: 1 / 3 });
  });

  it("--reduce flatten: every position of a sample gets the sample's label ([2, 1, 2, 2] feature maps, 2 labels)", async () => {
    const { writeNpy } = await import("../../src/io/npy/write-npy.js");
    // sample 0's channel 0 positions: 1, 2, 3, 4; sample 1's: 10, 20, 30, 40
    const maps = Float64Array.from([1, 2, 3, 4, 10, 20, 30, 40]);
    writeFileSync(join(dir, "maps.npy"), writeNpy({ shape: [2, 1, 2, 2], data: maps }));
    writeFileSync(join(dir, "y.json"), '["a", "b"]');
    const r = await run([join(dir, "maps.npy"), "--reduce", "flatten", "--labels", join(dir, "y.json"), "--plot", "none", "--stats", "-"]);
    const report = JSON.parse(r.stdout());
    expect(report.samples).toBe(8);
    expect(report.class_counts).toEqual([4, 4]);
    expect(report.per_neuron[0].class_means).toEqual([2.5, 25]);
  });

  it("string labels: classes in order of first appearance; a text file and a JSON array work, and stdin", async () => {
    const file = join(dir, "y.txt");
    writeFileSync(file, "dog\ncat\ndog\nbird\n");
    const input = new TextEncoder().encode("[[1, 0], [0, 1], [3, 0], [0, 0]]");
    const r = await run(["-", "--labels", file, "--plot", "none", "--stats", join(dir, "r.json")], input);
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, "r.json"), "utf8"));
    expect(report.classes).toEqual(["dog", "cat", "bird"]);
    expect(report.class_counts).toEqual([2, 1, 1]);
    expect(report.per_neuron[0].class_means).toEqual([2, 0, 0]);
    expect(report.per_neuron[0].preferred_class).toBe("dog");
    expect(report.per_neuron[0].selectivity).toBe(1);
    const json = join(dir, "acts.json");
    writeFileSync(json, "[[1, 0], [0, 1]]");
    const viaStdin = await run([json, "--labels", "-", "--plot", "none", "--stats", "-"], new TextEncoder().encode("[7, 3]"));
    expect(JSON.parse(viaStdin.stdout()).classes).toEqual(["3", "7"]);
  });
});

describe("actviz neurons --labels: the plots", () => {
  it("--plot classes,class-heatmap,heatmap writes classes-<neuron>.png per chosen neuron, class-heatmap.png and heatmap.png", async () => {
    const r = await run([hidden, "--labels", labels, "--top", "3", "--by", "selectivity", "--plot", "classes,class-heatmap,heatmap", "--out", dir]);
    expect(r.code).toBe(0);
    expect(r.stdout().trim().split("\n").map((p) => p.slice(dir.length + 1))).toEqual(["classes-032.png", "classes-007.png", "classes-033.png", "class-heatmap.png", "heatmap.png"]);
    for (const f of readdirSync(dir)) expect(readFileSync(join(dir, f)).subarray(1, 4).toString()).toBe("PNG");
  });

  it("a classes chart's title names the neuron and its preferred class; its bars are the class means and stds", async () => {
    const { neuronsOptionsSchema } = await import("../../src/options/neurons.js");
    const { chartTasks } = await import("../../src/jobs/neurons-job.js");
    const { neuronsRuns } = await import("../../src/jobs/neurons-runs.js");
    const o = neuronsOptionsSchema.parse({ input: hidden, labels, neurons: "32", plot: "classes,class-heatmap", lang: "en" });
    const [run] = await neuronsRuns(o, async (p) => readFileSync(p));
    const tasks = await chartTasks(await run!.load(), o);
    const spec = (tasks[0]!.build() as { chart: { kind: string; text: { title: string }; means: number[]; stds: number[] } }).chart;
    expect(spec.kind).toBe("class-bars");
    expect(spec.text.title).toBe(`Neuron 32: prefers class 5 (selectivity ${reference.hidden!.per_neuron[32]!.selectivity!.toFixed(2)})`);
    spec.means.forEach((m, c) => expect(close(m, reference.hidden!.per_neuron[32]!.class_means[c]!)).toBe(true));
    spec.stds.forEach((v, c) => expect(close(v, reference.hidden!.per_neuron[32]!.class_stds[c]!)).toBe(true));
    // the class heatmap: neurons (rows, in --neurons order) x classes of the per-class mean, neuron indices on the axis
    const heat = (tasks[1]!.build() as { chart: { matrix: { rows: number; cols: number; data: Float64Array }; options: { yTickLabels?: string[] } } }).chart;
    expect([heat.matrix.rows, heat.matrix.cols]).toEqual([10, 1]);
    Array.from(heat.matrix.data).forEach((m, c) => expect(close(m, reference.hidden!.per_neuron[32]!.class_means[c]!)).toBe(true));
    expect(heat.options.yTickLabels).toEqual(["32"]);
  });

  it("with --weights, and in a manifest, the label plots are drawn for the computed layer", async () => {
    const manifest = join(dir, "m.json");
    const abs = (p: string) => join(process.cwd(), p);
    writeFileSync(manifest, JSON.stringify({ figures: [{ command: "neurons", weights: abs(`${ex}/digits-mlp.safetensors`), input: abs(`${ex}/digits-inputs.npy`), activation: "relu", labels: abs(labels), layer: "output", softmax: true, plot: ["heatmap", "class-heatmap"], out: "figs", stats: "figs/r.json" }] }));
    const r = await runMain(["render", manifest]);
    expect(r.code, r.stderr()).toBe(0);
    expect(readdirSync(join(dir, "figs")).sort()).toEqual(["class-heatmap.png", "heatmap.png", "r.json"]);
    const report = JSON.parse(readFileSync(join(dir, "figs/r.json"), "utf8"));
    // each output neuron (a digit's probability) prefers its own digit
    expect(report.per_neuron.map((n: { preferred_class: string }) => n.preferred_class)).toEqual(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]);
  });
});

describe("actviz neurons --labels: bad input (exit 2, one line, no file written)", () => {
  const out = () => join(dir, "out");
  const bad = async (args: string[], message: string | RegExp) => {
    const r = await run([...args, "--plot", "heatmap", "--stats", join(dir, "r.json"), "--out", out()]);
    expect(r.code).toBe(2);
    expect(r.stderr()).toMatch(typeof message === "string" ? new RegExp(`^actviz: ${message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\n$`) : message);
    expect(readdirSync(dir)).not.toContain("r.json");
  };

  it("a count that differs from the samples names both numbers", async () => {
    const y = join(dir, "y.txt");
    writeFileSync(y, "1\n2\n3\n");
    await bad([hidden, "--labels", y], `${y}: 3 labels for 397 samples of ${hidden} (expected one label per sample)`);
    await bad([...weights, "--labels", y], `${y}: 3 labels for 397 samples of ${ex}/digits-inputs.npy (expected one label per sample)`);
  });

  it("a label that is neither an integer nor a string names the line", async () => {
    const y = join(dir, "y.json");
    writeFileSync(y, "[1, 2, true]");
    await bad([hidden, "--labels", y], `${y}: [2]: true is neither an integer nor a string (expected labels all integers or all strings (integers, as [0] is))`);
  });

  it("an integer with no name in --class-names names the line", async () => {
    const y = join(dir, "y.txt");
    writeFileSync(y, "0\n1\n2\n");
    await bad([hidden, "--labels", y, "--class-names", "a,b"], `${y}: line 3: label 2 has no name in --class-names (2 names, for 0-1) (expected integer labels 0-1, or more --class-names)`);
  });

  it("--class-names with string labels, and label flags without --labels, are usage errors", async () => {
    const y = join(dir, "y.txt");
    writeFileSync(y, "a\nb\n");
    await bad([hidden, "--labels", y, "--class-names", "x,y"], /^actviz: --class-names: .*y\.txt holds class names already \('a' at line 1\)/);
    await bad([hidden, "--by", "selectivity", "--top", "3"], /^actviz: --by: --by selectivity needs labels \(expected --labels FILE with it\)\n$/);
    await bad([hidden, "--class-names", "a"], /--class-names needs labels/);
    await bad([hidden, "--plot", "classes"], /^actviz: --plot: --plot classes needs labels/);
  });

  it("class means whose heatmap scale would overflow are refused before drawing; the classes charts still draw", async () => {
    const acts = join(dir, "x.json");
    const y = join(dir, "y.json");
    writeFileSync(acts, "[[1e308, 0], [0, -1e308], [1.5e308, -1], [0, 0]]");
    writeFileSync(y, "[0, 1, 0, 1]");
    const r = await run([acts, "--labels", y, "--plot", "class-heatmap", "--out", join(dir, "out")]);
    expect(r.code).toBe(2);
    expect(r.stderr()).toMatch(/class means span \[-5e\+307, 1\.25e\+308\]: the class heatmap's colour scale, centred on 0, would be wider than it can show/);
    const ok = await run([acts, "--labels", y, "--plot", "classes", "--out", join(dir, "out"), "-q"]);
    expect(ok.code).toBe(0);
    expect(readdirSync(join(dir, "out")).sort()).toEqual(["classes-0.png", "classes-1.png"]);
  });

  it("a missing labels file is exit 2 naming it", async () => {
    await bad([hidden, "--labels", join(dir, "nope.npy")], /nope\.npy/);
  });
});
