import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readNpy } from "../../src/io/npy/read-npy.js";
import { tempDir } from "../temp-dir.js";
import { exportedNpy, runMain } from "./capture.js";

const E = "fixtures/examples/";
const T = "fixtures/torch/";
const inputs = `${E}digits-inputs.npy`;

let dir: string;
tempDir("actviz-torch-", (d) => (dir = d));

const run = (args: string[]) => runMain(["neurons", ...args]);

describe("actviz neurons with PyTorch files", () => {
  it.each(["1", "output"])("--weights digits-mlp.pth --layer %s gives the same activations as digits-mlp.safetensors, bit for bit", async (layer) => {
    const args = (w: string) => ["--weights", `${E}digits-mlp.${w}`, "--input", inputs, "--activation", "relu", "--layer", layer];
    const pth = await exportedNpy(args("pth"));
    const st = await exportedNpy(args("safetensors"));
    expect(pth.shape).toEqual(st.shape);
    expect(Buffer.from(pth.data.buffer, pth.data.byteOffset, pth.data.byteLength).equals(Buffer.from(st.data.buffer, st.data.byteOffset, st.data.byteLength))).toBe(true);
  });

  it("neurons acts.pt reads the saved tensor; neurons acts-dict.pt --key fc2 picks one, and --input-format pt skips sniffing", async () => {
    expect((await exportedNpy([`${T}acts.pt`])).shape).toEqual([6, 3]);
    expect((await exportedNpy([`${T}acts-dict.pt`, "--key", "fc2"])).shape).toEqual([6, 2]);
    expect((await exportedNpy([`${T}acts-dict.pt`, "--key", "fc1", "--input-format", "pt"])).shape).toEqual([6, 3]);
  });

  it("neurons - reads a .pt from stdin, sniffed by its bytes (a zip with <prefix>/data.pkl), legacy format too", async () => {
    for (const file of ["acts.pt", "mlp-legacy.pth"]) {
      const r = await runMain(["neurons", "-", ...(file === "acts.pt" ? [] : ["--key", "fc1.weight"]), "--plot", "none", "--export", "-", "--export-format", "npy", "-q"], readFileSync(`${T}${file}`));
      expect(r.stderr()).toBe("");
      expect(readNpy(new Uint8Array(r.stdoutBytes()), "export").shape).toEqual(file === "acts.pt" ? [6, 3] : [3, 4]);
    }
  });

  it("neurons checkpoint.pt --key model_state_dict.fc1.weight reads a tensor of a training checkpoint by its dotted name", async () => {
    expect((await exportedNpy([`${T}checkpoint.pt`, "--key", "model_state_dict.fc1.weight"])).shape).toEqual([3, 4]);
  });

  it("neurons acts-dict.pt without --key lists the dotted names, not the zip entries", async () => {
    const r = await run([`${T}acts-dict.pt`, "--out", join(dir, "o")]);
    expect(r.code).toBe(2);
    expect(r.stderr()).toBe(`actviz: ${T}acts-dict.pt: 2 tensors and no key to choose one (expected a key, one of 'fc1', 'fc2')\n`);
  });

  it("--weights conv.pt exits 2 naming the first conv tensor and its shape, and writes nothing", async () => {
    const out = join(dir, "conv");
    const r = await run(["--weights", `${T}conv.pt`, "--input", inputs, "--activation", "relu", "--out", out]);
    expect(r.code).toBe(2);
    expect(r.stderr()).toBe(`actviz: ${T}conv.pt: conv1.weight: is a 2-D convolution kernel, shape [4, 1, 3, 3]: actviz computes dense (Linear) layers only (expected a state dict of Linear layers; export the model to ONNX, or name its dense layers with --layers)\n`);
    expect(existsSync(out)).toBe(false);
  });

  it("--weights whole-model.pt exits 2 saying to save model.state_dict() or export ONNX", async () => {
    const r = await run(["--weights", `${T}bad/whole-model.pt`, "--input", inputs, "--activation", "relu", "--out", join(dir, "m")]);
    expect(r.code).toBe(2);
    expect(r.stderr()).toMatch(/^actviz: .*whole-model\.pt: whole-model\/data\.pkl: byte 2: is a pickled Python object of class __main__\.Net, .*\(expected a state dict: torch\.save\(model\.state_dict\(\)\), or the model exported to ONNX\)\n$/);
  });
});

// Through the real bin: a malicious pickle is exit 2, one line naming posix.system, no output, and nothing ran.
const root = fileURLToPath(new URL("../..", import.meta.url));
describe.runIf(existsSync(join(root, "dist", "bundle", "main.cjs")))("bin/actviz with a malicious .pt", () => {
  it("neurons malicious.pt exits 2 naming posix.system; the command it holds never ran and no file was written", async () => {
    const marker = "/tmp/actviz-torch-pickle-ran";
    rmSync(marker, { force: true });
    const out = join(dir, "evil");
    const r = spawnSync(process.execPath, [join(root, "bin", "actviz.js"), "neurons", join(root, T, "bad", "malicious.pt"), "--key", "fc1.weight", "--out", out], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^actviz: .*malicious\.pt: malicious\/data\.pkl: byte 188: calls posix\.system, which is not one of the functions torch writes for tensors; refused, nothing was run \(expected .*\)\n$/);
    expect(r.stdout).toBe("");
    expect(existsSync(marker)).toBe(false);
    expect(existsSync(out) ? await readdir(out) : []).toEqual([]);
  });
});
