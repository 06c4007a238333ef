import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { safetensors } from "../io/model-files.js";
import { tempDir } from "../temp-dir.js";
import { runMain } from "./capture.js";

let dir: string;
tempDir("actviz-layers-", (d) => (dir = d));

const EX = "fixtures/examples";
const W = "fixtures/weights";

/** The rows of a human table below its header line that starts with `head`. */
function tableRows(text: string, head: string): string[][] {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => l.startsWith(head));
  expect(start, `no table headed ${head}`).toBeGreaterThanOrEqual(0);
  const rows: string[][] = [];
  for (let i = start + 1; i < lines.length && lines[i] !== ""; i++) rows.push(lines[i]!.split(/ {2,}/));
  return rows;
}

describe("actviz layers FILE", () => {
  it("layers digits-mlp.safetensors lists fc1 64 → 128 and fc2 128 → 10 with their biases and dtype, nothing ignored, exit 0", async () => {
    const r = await runMain(["layers", `${EX}/digits-mlp.safetensors`]);
    expect(r.code).toBe(0);
    expect(r.stderr()).toBe("");
    expect(r.stdout()).toMatch(/^fixtures\/examples\/digits-mlp\.safetensors: safetensors, 2 dense layers .*, 0 tensors ignored\n/);
    expect(tableRows(r.stdout(), "LAYER")).toEqual([
      ["1", "fc1", "64 → 128", "fc1.bias", "<f4", "fc1.weight [128, 64]"],
      ["2", "fc2", "128 → 10", "fc2.bias", "<f4", "fc2.weight [10, 128]"],
    ]);
    expect(r.stdout()).not.toContain("Ignored");
  });

  it("the columns line up: every cell of a column starts where its header does", async () => {
    const r = await runMain(["layers", `${W}/mlp-bn.safetensors`, "--layers", "net.0,net.3"]);
    const lines = r.stdout().split("\n");
    for (const head of ["LAYER", "TENSOR"]) {
      const h = lines.findIndex((l) => l.startsWith(head));
      const starts = [...lines[h]!.matchAll(/\S+( \S+)*/g)].map((m) => m.index);
      for (let i = h + 1; lines[i]; i++) {
        for (const s of starts) expect(lines[i]![s - 1] ?? " ", `${lines[i]} at ${s}`).toBe(" ");
      }
    }
  });

  it("layers digits-mlp.weights.json lists the JSON layers with their activations", async () => {
    const r = await runMain(["layers", `${EX}/digits-mlp.weights.json`]);
    expect(r.code).toBe(0);
    expect(tableRows(r.stdout(), "LAYER")).toEqual([
      ["1", "fc1", "64 → 128", "layers[0].bias", "f64", "layers[0].weight [128, 64]", "relu"],
      ["2", "fc2", "128 → 10", "layers[1].bias", "f64", "layers[1].weight [10, 128]", "none"],
    ]);
  });

  it("layers mlp-extra.npz runs fc1 and fc2 and ignores a scalar and a bias without a weight, saying why", async () => {
    const r = await runMain(["layers", `${W}/mlp-extra.npz`]);
    expect(r.code).toBe(0);
    expect(tableRows(r.stdout(), "LAYER").map((row) => row.slice(0, 3))).toEqual([["1", "fc1", "8 → 6"], ["2", "fc2", "6 → 3"]]);
    expect(tableRows(r.stdout(), "TENSOR")).toEqual([
      ["epoch", "[]", "<i8", "not a <layer>.weight or <layer>.bias"],
      ["head.bias", "[3]", "<f4", "no head.weight beside it"],
    ]);
  });

  it("layers FOLDER without biases stops as neurons --weights does; with --no-bias it lists them, exit 0", async () => {
    const bad = await runMain(["layers", `${W}/mlp-nobias`]);
    const pass = await runMain(["neurons", "--weights", `${W}/mlp-nobias`, "--input", `${EX}/digits-inputs.npy`, "--activation", "relu", "--plot", "none"]);
    expect(bad.code).toBe(2);
    expect(pass.code).toBe(2);
    expect(bad.stderr()).toBe(pass.stderr());
    expect(bad.stderr()).toContain("fc1.bias: is missing");
    expect(tableRows(bad.stdout(), "LAYER").map((row) => row[2])).toEqual(["-", "-"]);
    const ok = await runMain(["layers", `${W}/mlp-nobias`, "--no-bias"]);
    expect(ok.code).toBe(0);
    expect(tableRows(ok.stdout(), "LAYER")).toEqual([
      ["1", "fc1", "4 → 5", "none", "<f4", "fc1.weight [5, 4]"],
      ["2", "fc2", "5 → 2", "none", "<f4", "fc2.weight [2, 5]"],
    ]);
    expect(tableRows(ok.stdout(), "TENSOR")).toEqual([["mean", "[4]", "<f4", "not a <layer>.weight or <layer>.bias"]]);
  });

  it("a state dict with a BatchNorm is listed, the 1-D net.1.weight marked, and ends with the error neurons --weights gives: the running statistic, export ONNX (exit 2)", async () => {
    const r = await runMain(["layers", `${W}/mlp-bn.safetensors`]);
    const pass = await runMain(["neurons", "--weights", `${W}/mlp-bn.safetensors`, "--input", `${EX}/digits-inputs.npy`, "--activation", "relu", "--plot", "none"]);
    expect(r.code).toBe(2);
    expect(r.stderr()).toBe(pass.stderr());
    // the first tensor no dense layer can hold, as neurons --weights names it
    expect(r.stderr()).toBe("actviz: fixtures/weights/mlp-bn.safetensors: net.1.running_mean: is a normalization layer's running statistic, shape [16]: actviz computes dense (Linear) layers only (expected a state dict of Linear layers; export the model to ONNX, or name its dense layers with --layers)\n");
    expect(tableRows(r.stdout(), "LAYER").map((row) => row.slice(1, 3))).toEqual([["net.0", "8 → 16"], ["net.1", "-"], ["net.3", "16 → 4"]]);
    expect(r.stdout()).toContain("layer 2 (net.1) cannot run: fixtures/weights/mlp-bn.safetensors: net.1.weight: is 1-D");
    expect(tableRows(r.stdout(), "TENSOR").map((row) => row[0])).toEqual(["net.1.running_mean", "net.1.running_var", "net.1.num_batches_tracked"]);
  });

  it("--layers net.0,net.3 lists what the pass then runs and the BatchNorm's tensors as not in --layers", async () => {
    const r = await runMain(["layers", `${W}/mlp-bn.safetensors`, "--layers", "net.0,net.3"]);
    expect(r.code).toBe(0);
    expect(tableRows(r.stdout(), "LAYER").map((row) => row.slice(0, 3))).toEqual([["1", "net.0", "8 → 16"], ["2", "net.3", "16 → 4"]]);
    const ignored = tableRows(r.stdout(), "TENSOR");
    expect(ignored.filter((row) => row[3] === "not in --layers").map((row) => row[0])).toEqual(["net.1.weight", "net.1.bias"]);
    expect(ignored.find((row) => row[0] === "net.1.num_batches_tracked")).toEqual(["net.1.num_batches_tracked", "[]", "<i8", "not a <layer>.weight or <layer>.bias"]);
  });

  it("--weight-layout in-out reads [in, out] weights: the in → out of a PyTorch file flips", async () => {
    const r = await runMain(["layers", `${W}/mlp-extra.npz`, "--weight-layout", "in-out"]);
    expect(tableRows(r.stdout(), "LAYER").map((row) => row[2])).toEqual(["-", "-"]);
    expect(r.code).toBe(2);
    expect(r.stderr()).toContain("fc1.bias: has shape [6] but fc1.weight is 6x8 [in, out] (8 outputs)");
  });

  it("--json gives the same listing for scripts: layers with number, in, out, bias, dtype; ignored tensors with why; problem null", async () => {
    const r = await runMain(["layers", `${W}/mlp-extra.npz`, "--json"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout());
    expect(doc).toMatchObject({ source: `${W}/mlp-extra.npz`, format: "npz", problem: null });
    expect(doc.layers).toEqual([
      { number: 1, name: "fc1", weight: "fc1.weight", shape: [6, 8], inputs: 8, outputs: 6, bias: "fc1.bias", dtype: "<f4", problem: null },
      { number: 2, name: "fc2", weight: "fc2.weight", shape: [3, 6], inputs: 6, outputs: 3, bias: "fc2.bias", dtype: "<f4", problem: null },
    ]);
    expect(doc.ignored).toEqual([
      { name: "epoch", shape: [], dtype: "<i8", why: "not a <layer>.weight or <layer>.bias" },
      { name: "head.bias", shape: [3], dtype: "<f4", why: "no head.weight beside it" },
    ]);
  });

  it("--json of a file that would not run carries the pass's error and its code, and exits 2", async () => {
    const r = await runMain(["layers", `${W}/mlp-bn.safetensors`, "--json"]);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout());
    expect(doc.problem).toEqual({ code: "E_LAYER", message: "fixtures/weights/mlp-bn.safetensors: net.1.running_mean: is a normalization layer's running statistic, shape [16]: actviz computes dense (Linear) layers only (expected a state dict of Linear layers; export the model to ONNX, or name its dense layers with --layers)" });
    expect(doc.layers[1]).toMatchObject({ name: "net.1", inputs: null, outputs: null, shape: [16], problem: "fixtures/weights/mlp-bn.safetensors: net.1.weight: is 1-D, shape [16] (expected 2-D [outputs, inputs])" });
  });

  it("an npz with no <layer>.weight lists every tensor as ignored and exits 2 with the pass's message", async () => {
    const r = await runMain(["layers", `${EX}/digits-mlp-reference.npz`]);
    expect(r.code).toBe(2);
    expect(r.stdout()).toContain("0 dense layers, 4 tensors ignored");
    expect(tableRows(r.stdout(), "TENSOR").map((row) => row.slice(0, 3))).toEqual([
      ["fc1_f64", "[128, 128]", "<f8"], ["fc2_f64", "[397, 10]", "<f8"], ["fc1_f32", "[128, 128]", "<f4"], ["fc2_f32", "[397, 10]", "<f4"],
    ]);
    expect(r.stderr()).toMatch(/^actviz: fixtures\/examples\/digits-mlp-reference\.npz: no tensor named <layer>\.weight among 4 .*\(expected PyTorch names such as fc1\.weight, fc1\.bias\)\n$/);
  });

  it("an HDF5 activation dump (no Keras weights) lists every dataset with its shape and dtype, and exits 2 with the message neurons --weights gives", async () => {
    const r = await runMain(["layers", "fixtures/hdf5/dump.h5"]);
    const pass = await runMain(["neurons", "--weights", "fixtures/hdf5/dump.h5", "--input", `${EX}/digits-inputs.npy`, "--plot", "none"]);
    expect(r.code).toBe(2);
    expect(r.stdout()).toMatch(/^fixtures\/hdf5\/dump\.h5: h5, 0 dense layers, 4 tensors ignored\n/);
    expect(tableRows(r.stdout(), "TENSOR")).toEqual([
      ["deep/a/b/c", "[5, 3, 2]", ">f8", "not in a Keras layer (neurons --key reads it)"],
      ["ints", "[3, 4]", "<i4", "not in a Keras layer (neurons --key reads it)"],
      ["layer1/relu", "[40, 16]", "<f4", "not in a Keras layer (neurons --key reads it)"],
      ["layer2/half", "[12, 6]", "<f2", "not in a Keras layer (neurons --key reads it)"],
    ]);
    expect(r.stderr()).toBe(pass.stderr());
    expect(r.stderr()).toMatch(/^actviz: fixtures\/hdf5\/dump\.h5: an HDF5 file without Keras weights .*\n$/);
    const json = await runMain(["layers", "fixtures/hdf5/dump.h5", "--json"]);
    expect(json.code).toBe(2);
    const doc = JSON.parse(json.stdout()) as { format: string; layers: unknown[]; ignored: { name: string; shape: number[] }[]; problem: { code: string } };
    expect(doc.format).toBe("h5");
    expect(doc.layers).toEqual([]);
    expect(doc.ignored.map((t) => [t.name, t.shape])).toEqual([["deep/a/b/c", [5, 3, 2]], ["ints", [3, 4]], ["layer1/relu", [40, 16]], ["layer2/half", [12, 6]]]);
    expect(doc.problem.code).toBe("E_KERAS");
  });

  it("errors: a missing file, activations that are not a model, a --layers typo and --layers on JSON are one line, exit 2, nothing on stdout", async () => {
    const cases: [string[], RegExp][] = [
      [["layers", "no/such.safetensors"], /^actviz: no\/such\.safetensors: .*\n$/],
      [["layers", `${EX}/conv-features.npy`], /^actviz: fixtures\/examples\/conv-features\.npy: npy data is not a model \(expected weights as .*\)\n$/],
      [["layers", `${EX}/digits-mlp.safetensors`, "--layers", "fc1,fc3"], /^actviz: .*: --layers: fc3\.weight: not found \(expected one of fc1\.weight, fc2\.weight\)\n$/],
      [["layers", `${EX}/digits-mlp.weights.json`, "--layers", "fc1"], /^actviz: .*: --layers: the JSON file lists its layers in order \(expected --layers only with safetensors, npz or \.npy files\)\n$/],
      [["layers", `${EX}/digits-mlp.safetensors`, "--weight-layout", "rows"], /^actviz: option '--weight-layout <layout>' argument 'rows' is invalid\. Allowed choices are out-in, in-out\.\n$/],
      [["layers"], /^actviz: missing required argument 'file'\n$/],
    ];
    for (const [argv, stderr] of cases) {
      const r = await runMain(argv);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.stderr(), argv.join(" ")).toMatch(stderr);
      expect(r.stdout(), argv.join(" ")).toBe("");
    }
  });

  it("layers that do not chain are all listed with in → out, and the run ends with the pass's chain error", async () => {
    const path = join(dir, "unchained.safetensors");
    writeFileSync(path, safetensors([
      { name: "fc1.weight", shape: [3, 2], values: [1, 2, 3, 4, 5, 6] }, { name: "fc1.bias", shape: [3], values: [0, 0, 0] },
      { name: "fc2.weight", shape: [1, 4], values: [1, 1, 1, 1] }, { name: "fc2.bias", shape: [1], values: [0] },
    ]));
    const r = await runMain(["layers", path]);
    const pass = await runMain(["neurons", "--weights", path, "--input", `${EX}/digits-inputs.npy`, "--activation", "relu", "--plot", "none"]);
    expect(r.code).toBe(2);
    expect(r.stderr()).toBe(pass.stderr());
    expect(r.stderr()).toContain("the layers do not chain");
    expect(tableRows(r.stdout(), "LAYER").map((row) => row[2])).toEqual(["2 → 3", "4 → 1"]);
    expect(r.stdout()).not.toContain("cannot run");
  });

  it("a JSON layer that cannot run is the pass's error alone (JSON files are checked whole), exit 2", async () => {
    const path = join(dir, "bad.json");
    writeFileSync(path, JSON.stringify({ layers: [{ name: "fc1", weight: [[1, 2]], bias: [0, 0] }] }));
    const r = await runMain(["layers", path]);
    const pass = await runMain(["neurons", "--weights", path, "--input", `${EX}/digits-inputs.npy`, "--activation", "relu", "--plot", "none"]);
    expect(r.code).toBe(2);
    expect(r.stderr()).toBe(pass.stderr());
    expect(r.stdout()).toBe("");
  });

  it("layers digits-mlp.pth lists the PyTorch state dict's layers as the .safetensors listing does", async () => {
    const pth = await runMain(["layers", `${EX}/digits-mlp.pth`]);
    const st = await runMain(["layers", `${EX}/digits-mlp.safetensors`]);
    expect(pth.code).toBe(0);
    expect(pth.stdout()).toMatch(/^fixtures\/examples\/digits-mlp\.pth: pt, 2 dense layers/);
    expect(tableRows(pth.stdout(), "LAYER")).toEqual(tableRows(st.stdout(), "LAYER"));
  });

  it("layers checkpoint.pt lists model_state_dict's layers and Adam's state as ignored", async () => {
    const r = await runMain(["layers", "fixtures/torch/checkpoint.pt"]);
    expect(r.code).toBe(0);
    expect(tableRows(r.stdout(), "LAYER").map((row) => [row[1], row[2]])).toEqual([["model_state_dict.fc1", "4 → 3"], ["model_state_dict.fc2", "3 → 2"]]);
    const ignored = tableRows(r.stdout(), "TENSOR");
    expect(ignored).toHaveLength(12);
    expect(ignored.every((row) => row[0]!.startsWith("optimizer_state_dict.state."))).toBe(true);
  });

  it("layers conv.pt lists the state dict and ends with the error neurons --weights gives: the conv kernel, export ONNX (exit 2)", async () => {
    const listing = await runMain(["layers", "fixtures/torch/conv.pt"]);
    const pass = await runMain(["neurons", "--weights", "fixtures/torch/conv.pt", "--input", `${EX}/digits-inputs.npy`]);
    expect(listing.code).toBe(2);
    expect(listing.stderr()).toBe(pass.stderr());
    expect(listing.stderr()).toMatch(/conv1\.weight: is a 2-D convolution kernel, shape \[4, 1, 3, 3\].*export the model to ONNX/);
  });

  it("layers digits-mlp.keras and the Keras 2 .h5 list the Dense layers with their kernels [in, out] and activations", async () => {
    for (const [file, kernel] of [["fixtures/hdf5/digits-mlp.keras", "layers/dense/vars/0"], ["fixtures/hdf5/digits-mlp-keras2.h5", "dense/kernel:0"]] as const) {
      const r = await runMain(["layers", file]);
      expect(r.code, r.stderr()).toBe(0);
      const rows = tableRows(r.stdout(), "LAYER");
      expect(rows.map((row) => [row[1], row[2], row[5], row[6]])).toEqual([["dense", "64 → 128", `${kernel} [64, 128]`, "relu"], ["dense_1", "128 → 10", expect.stringMatching(/dense_1\//), "none"]]);
    }
  });

  it("layers digits-cnn.onnx lists the graph's input, output and every tensor, activation outputs with their --layer N; --json gives the description", async () => {
    const r = await runMain(["layers", `${EX}/digits-cnn.onnx`]);
    expect(r.code).toBe(0);
    expect(r.stdout()).toMatch(/^fixtures\/examples\/digits-cnn\.onnx: ONNX model, opset 17, \d+ tensors, 3 activation outputs \(--layer 1-3\)\n/);
    expect(r.stdout()).toMatch(/^1 +\/relu1\/Relu_output_0 +Relu/m);
    const j = JSON.parse((await runMain(["layers", `${EX}/digits-cnn.onnx`, "--json"])).stdout());
    expect(j).toMatchObject({ source: `${EX}/digits-cnn.onnx`, format: "onnx", inputs: [{ name: "digits", shape: ["N", 1, 8, 8] }] });
    expect(j.tensors.filter((t: { layer: number | null }) => t.layer !== null).map((t: { layer: number }) => t.layer)).toEqual([1, 2, 3]);
  });

  it("layers - reads the weights from stdin", async () => {
    const { readFileSync } = await import("node:fs");
    const r = await runMain(["layers", "-"], readFileSync(`${EX}/digits-mlp.safetensors`));
    expect(r.code).toBe(0);
    expect(r.stdout()).toMatch(/^<stdin>: safetensors, 2 dense layers/);
  });

  it("--help shows the examples and the flags shared with neurons --weights", async () => {
    const r = await runMain(["layers", "--help"]);
    expect(r.code).toBe(0);
    for (const flag of ["--json", "--layers", "--no-bias", "--weight-layout"]) expect(r.stdout()).toContain(flag);
    expect(r.stdout()).toContain("$ actviz layers mlp.safetensors");
  });
});
