import { describe, expect, it } from "vitest";
import { mkdir, readdir, writeFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readNpy } from "../../src/io/npy/read-npy.js";
import { readNpz } from "../../src/io/zip/read-npz.js";
import { writeNpy } from "../../src/io/npy/write-npy.js";
import { B1, B2, W1, W2, npy, npz, safetensors, smallModel, smallModelForward } from "../io/model-files.js";
import { exportedNpy, runMain } from "./capture.js";
import { tempDir } from "../temp-dir.js";

const E = "fixtures/examples/";
const weights = `${E}digits-mlp.safetensors`;
const jsonWeights = `${E}digits-mlp.weights.json`;
const inputs = `${E}digits-inputs.npy`;
const hiddenStats = JSON.parse(readFileSync(`${E}digits-mlp-hidden.stats.json`, "utf8")) as { mean: number[]; dead: number };
const refs = new Uint8Array(readFileSync(`${E}digits-mlp-reference.npz`));

let dir: string;
tempDir("actviz-weights-", (d) => (dir = d));

const run = (args: string[], stdin?: Uint8Array) => runMain(["neurons", ...args], stdin);

const maxRel = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let err = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    err = Math.max(err, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return err / scale;
};

describe("actviz neurons --weights --input: the digits MLP", () => {
  it("--layer 1 --stats -: the report names the layer and finds the 10 dead neurons of digits-mlp-hidden.npy", async () => {
    const r = await run(["--weights", weights, "--input", inputs, "--activation", "relu", "--plot", "none", "--stats", "-"]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout());
    expect(report).toMatchObject({ source: inputs, samples: 397, neurons: 128, activation: "relu", dead: hiddenStats.dead });
    expect(report.layer).toEqual({ number: 1, name: "fc1", of: 2, function: "relu", weights, dtype: "f64" });
    report.per_neuron.forEach((n: { mean: number }, i: number) => expect(Math.abs(n.mean - hiddenStats.mean[i]!)).toBeLessThan(1e-6));
    expect(r.stderr()).toMatch(/^layer 1 of 2 \(fc1\): 10 of 128 neurons dead \(7\.8%\) over 397 samples\n/);
  });

  it("--export: float64 within 1e-9 of NumPy, --dtype f32 within 1e-5 of NumPy's float32 (hidden and output)", async () => {
    const base = ["--weights", weights, "--input", inputs, "--activation", "relu"];
    const ref = (k: string) => readNpz(refs, "ref", k).data;
    expect(maxRel((await exportedNpy([...base, "--samples", "0:128"])).data, ref("fc1_f64"))).toBeLessThan(1e-9);
    expect(maxRel((await exportedNpy([...base, "--layer", "output"])).data, ref("fc2_f64"))).toBeLessThan(1e-9);
    expect(maxRel((await exportedNpy([...base, "--layer", "fc1", "--samples", "0:128", "--dtype", "f32"])).data, ref("fc1_f32"))).toBeLessThan(1e-5);
    expect(maxRel((await exportedNpy([...base, "--layer", "2", "--dtype", "f32"])).data, ref("fc2_f32"))).toBeLessThan(1e-5);
  });

  it("--threads 1, 2 and auto give the same bits", async () => {
    const base = ["--weights", weights, "--input", inputs, "--activation", "relu", "--layer", "output"];
    const auto = Array.from((await exportedNpy(base)).data);
    for (const n of ["1", "2", "auto"]) expect(Array.from((await exportedNpy([...base, "--threads", n])).data)).toEqual(auto);
  });

  it("JSON weights name their activations; --layer output --softmax rows are probabilities", async () => {
    const probs = await exportedNpy(["--weights", jsonWeights, "--input", inputs, "--layer", "output", "--softmax"]);
    expect(probs.shape).toEqual([397, 10]);
    for (let i = 0; i < 397; i++) {
      let sum = 0;
      for (let j = 0; j < 10; j++) sum += probs.data[i * 10 + j]!;
      expect(Math.abs(sum - 1)).toBeLessThan(1e-12);
    }
  });

  it("--input - reads stdin, and images [N, 8, 8] are flattened per sample in C order", async () => {
    const x = readNpy(new Uint8Array(readFileSync(inputs)), inputs);
    const flat = await exportedNpy(["--weights", weights, "--input", inputs, "--activation", "relu"]);
    const images = writeNpy({ shape: [397, 8, 8], data: x.data });
    const viaStdin = await exportedNpy(["--weights", weights, "--input", "-", "--activation", "relu"], images);
    expect(Array.from(viaStdin.data)).toEqual(Array.from(flat.data));
  });

  it("--layer all draws each layer into <out>/layer-<n>/", async () => {
    const r = await run(["--weights", jsonWeights, "--input", inputs, "--layer", "all", "--plot", "heatmap", "-o", dir]);
    expect(r.code).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(["layer-1", "layer-2"]);
    expect(await readdir(join(dir, "layer-1"))).toEqual(["heatmap.png"]);
    expect(await readdir(join(dir, "layer-2"))).toEqual(["heatmap.png"]);
    expect(r.stderr()).toMatch(/layer 1 of 2 \(fc1\).*\n[^]*layer 2 of 2 \(fc2\)/);
  });

  it("--layer all --fail-on-dead checks every layer and names the one that fails, after writing both", async () => {
    const r = await run(["--weights", weights, "--input", inputs, "--activation", "relu", "--layer", "all", "--plot", "summary", "--fail-on-dead", "5", "-o", dir, "-q"]);
    expect(r.code).toBe(1);
    expect(r.stderr()).toBe("actviz: layer 1 (fc1): 10 of 128 neurons dead (7.8%), above --fail-on-dead 5 (expected at most 5%)\n");
    expect(await readdir(join(dir, "layer-2"))).toEqual(["summary.png"]);
  });

  it("--fail-on-dead exits 1 after writing, naming the layer", async () => {
    const r = await run(["--weights", weights, "--input", inputs, "--activation", "relu", "--plot", "none", "--fail-on-dead", "5"]);
    expect(r.code).toBe(1);
    expect(r.stderr()).toContain("actviz: layer 1 (fc1): 10 of 128 neurons dead (7.8%), above --fail-on-dead 5");
  });
});

describe("actviz neurons --weights: every format and layout", () => {
  const x = [[1, 2, 3], [3, 0, 1], [-1, 0.5, 2]];
  const want = smallModelForward(x);
  const xFile = () => join(dir, "x.npy");

  async function check(weightsPath: string, extra: string[] = []) {
    await writeFile(xFile(), writeNpy({ shape: [3, 3], data: Float64Array.from(x.flat()) }));
    const hidden = await exportedNpy(["--weights", weightsPath, "--input", xFile(), "--activation", "relu", ...extra]);
    const output = await exportedNpy(["--weights", weightsPath, "--input", xFile(), "--activation", "relu", "--layer", "output", ...extra]);
    expect(Array.from(hidden.data)).toEqual(want.hidden.flat());
    expect(Array.from(output.data)).toEqual(want.output.flat());
  }

  it.each(["F16", "BF16", "F32", "F64"] as const)("safetensors %s", async (dtype) => {
    await writeFile(join(dir, "m.safetensors"), safetensors(smallModel(dtype)));
    await check(join(dir, "m.safetensors"));
  });

  it("npz, and a folder of .npy files", async () => {
    await writeFile(join(dir, "m.npz"), npz(smallModel()));
    await check(join(dir, "m.npz"));
    await mkdir(join(dir, "m"));
    for (const t of smallModel()) await writeFile(join(dir, "m", `${t.name}.npy`), npy(t));
    await check(join(dir, "m"));
  });

  it("JSON with --weight-layout in-out (Keras's [in, out])", async () => {
    const tr = (m: number[][]) => m[0]!.map((_, j) => m.map((row) => row[j]!));
    await writeFile(join(dir, "k.json"), JSON.stringify({ layers: [{ weight: tr(W1), bias: B1 }, { weight: tr(W2), bias: B2 }] }));
    await check(join(dir, "k.json"), ["--weight-layout", "in-out"]);
  });
});

describe("actviz neurons --weights: errors are one line, exit 2, no output file", () => {
  async function fails(args: string[], line: string | RegExp) {
    const out = join(dir, "out");
    const r = await run([...args, "--plot", "heatmap", "-o", out]);
    expect(r.code).toBe(2);
    const err = r.stderr();
    expect(err.split("\n").filter(Boolean)).toHaveLength(1);
    if (typeof line === "string") expect(err).toBe(`actviz: ${line}\n`);
    else expect(err).toMatch(line);
    await expect(readdir(out)).rejects.toThrow();
  }

  it("an input of 63 features against fc1.weight 128x64 names both numbers", async () => {
    await writeFile(join(dir, "x63.npy"), writeNpy({ shape: [5, 63], data: new Float64Array(5 * 63) }));
    await fails(["--weights", weights, "--input", join(dir, "x63.npy"), "--activation", "relu"],
      `${join(dir, "x63.npy")}: fc1.weight is 128x64 (64 inputs) but the input has 63 features (expected 64 features per sample)`);
  });

  it("a missing bias, layers that do not chain, an unsupported dtype", async () => {
    const m = join(dir, "m.safetensors");
    await writeFile(join(dir, "x.npy"), writeNpy({ shape: [2, 3], data: new Float64Array(6) }));
    const args = ["--weights", m, "--input", join(dir, "x.npy"), "--activation", "relu"];
    await writeFile(m, safetensors(smallModel().filter((t) => t.name !== "fc1.bias")));
    await fails(args, `${m}: fc1.bias: is missing (fc1.weight is 2x3, 2 outputs) (expected a bias of 2 values, or --no-bias for a model without biases)`);
    await writeFile(m, safetensors(smallModel().map((t) => (t.name === "fc2.weight" ? { ...t, shape: [1, 4] } : t.name === "fc2.bias" ? { ...t, shape: [1], values: [0] } : t))));
    await fails(args, /fc2\.weight is 1x4 \(4 inputs\) but fc1\.weight is 2x3 \(2 outputs\): the layers do not chain/);
    await writeFile(m, safetensors(smallModel().map((t) => (t.name === "fc2.bias" ? { ...t, dtype: "I32" as const } : t))));
    await fails(args, `${m}: fc2.bias: dtype <i4 is not supported for weights (expected f16, bf16, f32 or f64)`);
  });

  it("an unknown activation, a count that does not match the layers, a model without activations", async () => {
    await fails(["--weights", weights, "--input", inputs, "--activation", "rleu"], "--activation: unknown function 'rleu' (did you mean 'relu'? expected a name from 'actviz list', or none)\n".slice(0, -1));
    await fails(["--weights", weights, "--input", inputs, "--activation", "relu,tanh,none"], /^actviz: --activation: 3 functions for 2 layers \(fc1, fc2\)/);
    await fails(["--weights", weights, "--input", inputs], /^actviz: --activation: .* names no activation for fc1/);
  });

  it("--layer past the last, an unknown name; --softmax off the output layer; --stats with --layer all", async () => {
    const base = ["--weights", weights, "--input", inputs, "--activation", "relu"];
    await fails([...base, "--layer", "3"], "--layer: '3' is past the last of 2 layers (expected 1-2, a name (fc1, fc2), output or all)");
    await fails([...base, "--layer", "fc9"], "--layer: no layer 'fc9' (expected one of fc1, fc2, a number 1-2, output or all)");
    await fails([...base, "--softmax"], "--softmax: layer 1 (fc1) is not the output layer (expected --layer output, or 2)");
    await fails([...base, "--layer", "all", "--stats", join(dir, "s.json")], "--stats: --stats with --layer all (expected one --layer N, NAME or output; run once per layer)");
  });

  it("weights flags without --weights, and a positional file together with --input", async () => {
    await fails([inputs, "--layer", "2"], "--layer: applies to a forward pass only (expected --weights FILE|DIR with it)");
    await fails([inputs, "--threads", "1"], "--threads: applies to a forward pass only (expected --weights FILE|DIR with it)");
    await fails(["--weights", weights, "--input", inputs, "--activation", "relu", "--threads", "4"], "--threads: '4' is not a thread count (expected 1, 2 or auto)");
    await fails([inputs, "--no-bias"], "--bias: no bias (--no-bias) applies to a forward pass only (expected --weights FILE|DIR with it)");
    await fails([inputs, "--weights", weights, "--input", inputs], `'${inputs}' and --input ${inputs} both name the input (expected one of them)`);
  });
});
