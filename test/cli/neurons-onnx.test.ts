import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runMain } from "./capture.js";
import { tempDir } from "../temp-dir.js";

const E = "fixtures/examples/";
const model = `${E}digits-cnn.onnx`;
const inputs = `${E}digits-inputs.npy`;
const root = fileURLToPath(new URL("../..", import.meta.url));
const built = existsSync(join(root, "dist", "bundle", "main.cjs"));

let dir: string;
tempDir("actviz-onnx-", (d) => (dir = d));

describe("actviz neurons --weights model.onnx", () => {
  it("--layer all --plot summary writes layer-1/ to layer-3/ and a summary line per activation output naming the tensor and its op", async () => {
    const r = await runMain(["neurons", "--weights", model, "--input", inputs, "--layer", "all", "--plot", "summary", "--out", dir]);
    expect(r.code).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(["layer-1", "layer-2", "layer-3"]);
    expect(r.stdout().split("\n").filter(Boolean)).toEqual([1, 2, 3].map((n) => join(dir, `layer-${n}`, "summary.png")));
    expect(r.stderr()).toMatch(/^\/relu1\/Relu_output_0 \(Relu, layer 1 of 3\): 0 of 8 neurons dead \(0\.0%\) over 397 samples$/m);
    expect(r.stderr()).toMatch(/^\/relu2\/Relu_output_0 \(Relu, layer 2 of 3\): 3 of 16 neurons dead \(18\.8%\) over 397 samples$/m);
  });

  it("--stats -: the report's layer names the tensor, its op and the catalogue function", async () => {
    const r = await runMain(["neurons", "--weights", model, "--input", inputs, "--layer", "/conv1/Conv_output_0", "--plot", "none", "--stats", "-", "-q"]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout());
    expect(report.layer).toEqual({ number: 0, name: "/conv1/Conv_output_0", of: 3, function: "none", weights: model, dtype: "f32", op: "Conv" });
    expect([report.samples, report.neurons, report.activation]).toEqual([397, 8, null]);
  });

  it("an unknown tensor name: exit 2, one line, nothing written", async () => {
    const r = await runMain(["neurons", "--weights", model, "--input", inputs, "--layer", "conv1.weight", "--out", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr()).toBe(`actviz: --layer: no tensor 'conv1.weight' in ${model} (expected a tensor name ('actviz layers ${model}' lists them), 1-3 (the activation outputs), output or all)\n`);
    expect(await readdir(dir)).toEqual([]);
  });

  it("--activation with an ONNX model: exit 2 saying it does not apply", async () => {
    const r = await runMain(["neurons", "--weights", model, "--input", inputs, "--activation", "relu"]);
    expect(r.code).toBe(2);
    expect(r.stderr()).toMatch(/^actviz: --activation: does not apply to an ONNX model \(the graph's ops name each layer's function\)/);
  });

  it.runIf(built)("through the real bin (ONNX Runtime imported by the bundle): --layer 3 --export -", () => {
    const r = spawnSync(process.execPath, [join(root, "bin", "actviz.js"), "neurons", "--weights", model, "--input", inputs, "--layer", "3", "--plot", "none", "--export", "-", "--export-format", "csv", "-q"], { cwd: root });
    expect(r.stderr.toString()).toBe("");
    expect(r.status).toBe(0);
    const rows = r.stdout.toString().trim().split("\n");
    expect(rows).toHaveLength(397 + 1); // a header row, then one row per sample
    expect(rows[1]!.split(",")).toHaveLength(32);
  });
});
