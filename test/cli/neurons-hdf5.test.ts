import { spawnSync } from "node:child_process";
import { readdir } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readNpz } from "../../src/io/zip/read-npz.js";
import { tempDir } from "../temp-dir.js";
import { exportedNpy, runMain } from "./capture.js";

const E = "fixtures/examples/";
const H = "fixtures/hdf5/";
const inputs = `${E}digits-inputs.npy`;

let dir: string;
tempDir("actviz-hdf5-", (d) => (dir = d));

const run = (args: string[], stdin?: Uint8Array) => runMain(["neurons", ...args], stdin);

describe("actviz neurons --weights <Keras file>: the digits MLP", () => {
  const torch = ["--weights", `${E}digits-mlp.safetensors`, "--input", inputs, "--activation", "relu"];

  it.each(["digits-mlp-keras2.h5", "digits-mlp.keras"])("--weights %s gives the activations of digits-mlp.safetensors, bit for bit, every layer, without --activation", async (file) => {
    const keras = ["--weights", `${H}${file}`, "--input", inputs];
    for (const layer of ["1", "output"]) {
      const a = await exportedNpy([...keras, "--layer", layer]);
      const b = await exportedNpy([...torch, "--layer", layer]);
      expect(a.shape).toEqual(b.shape);
      expect(Array.from(a.data)).toEqual(Array.from(b.data));
    }
  });

  it("--weights digits-mlp.keras --layer output --softmax gives probabilities (the output layer's softmax, as Keras computes it)", async () => {
    const p = await exportedNpy(["--weights", `${H}digits-mlp.keras`, "--input", inputs, "--layer", "output", "--softmax"]);
    for (let r = 0; r < 397; r++) {
      const row = Array.from(p.data.subarray(r * 10, r * 10 + 10));
      expect(Math.abs(row.reduce((s, v) => s + v, 0) - 1)).toBeLessThan(1e-12);
    }
  });

  it("--weights digits-mlp.keras --stats -: the report names the Keras layer and finds the 10 dead neurons", async () => {
    const r = await run(["--weights", `${H}digits-mlp.keras`, "--input", inputs, "--plot", "none", "--stats", "-"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout())).toMatchObject({ samples: 397, neurons: 128, activation: "relu", dead: 10, layer: { name: "dense", function: "relu" } });
  });

  it("--weights conv-keras2.h5: exit 2 naming the Conv2D layer and its kernel, and no output file", async () => {
    const r = await run(["--weights", `${H}conv-keras2.h5`, "--input", inputs, "--out", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr()).toMatch(/^actviz: fixtures\/hdf5\/conv-keras2\.h5: layer 'conv2d': is Conv2D \(kernel \[3, 3, 1, 4\]\).*tf2onnx\)\n$/);
    expect(await readdir(dir)).toEqual([]);
  });

  it("--weights a Keras save_weights file without --activation: exit 2 asking for --activation", async () => {
    const r = await run(["--weights", `${H}digits-mlp-keras2-weights.h5`, "--input", inputs]);
    expect(r.code).toBe(2);
    expect(r.stderr()).toContain("names no activation for dense (expected --activation relu");
  });
});

describe("actviz neurons <HDF5 dump | savetxt text>", () => {
  it("neurons dump.h5 --key layer1/relu --export -: the dataset h5py wrote", async () => {
    const t = await exportedNpy([`${H}dump.h5`, "--key", "layer1/relu"]);
    const expected = readNpz(new Uint8Array(readFileSync(`${H}dump-expected.npz`)), "npz", "layer1__relu");
    expect(t.shape).toEqual([40, 16]);
    expect(Array.from(t.data)).toEqual(Array.from(expected.data));
  });

  it("neurons - < dump.h5 --key deep/a/b/c: HDF5 sniffed on stdin, rank 3 reduced over the channel axis", async () => {
    const t = await exportedNpy(["-", "--key", "deep/a/b/c"], new Uint8Array(readFileSync(`${H}dump.h5`)));
    expect(t.shape).toEqual([5, 3]);
  });

  it("neurons dump.h5 without --key: exit 2 listing the dataset paths", async () => {
    const r = await run([`${H}dump.h5`, "--plot", "none"]);
    expect(r.code).toBe(2);
    expect(r.stderr()).toBe("actviz: fixtures/hdf5/dump.h5: 4 datasets and no key to choose one (expected a key, one of 'deep/a/b/c', 'ints', 'layer1/relu', 'layer2/half')\n");
  });

  it("neurons - < np.savetxt output: sniffed as whitespace text", async () => {
    const t = await exportedNpy(["-"], new Uint8Array(readFileSync(`${H}savetxt-default.txt`)));
    expect(t.shape).toEqual([6, 4]);
  });

  it("neurons --input-format txt skips sniffing and reads whitespace text", async () => {
    const t = await exportedNpy([`${H}savetxt-header.txt`, "--input-format", "txt"]);
    expect(t.shape).toEqual([5, 3]);
  });
});

describe("bin/actviz and jsfive", () => {
  it("neurons on an .npy does not load jsfive; on an .h5 it does (the HDF5 reader is loaded on demand)", () => {
    const hook = "test/cli/support/record-requires.mjs";
    const required = (args: string[]) => {
      const r = spawnSync(process.execPath, ["--import", `./${hook}`, "bin/actviz.js", "neurons", ...args, "--plot", "none", "-q"], { encoding: "utf8" });
      expect(r.status, args.join(" ")).toBe(0);
      return JSON.parse(/REQUIRED (.*)/.exec(r.stderr)![1]!) as string[];
    };
    expect(required([`${E}digits-mlp-hidden.npy`])).not.toContain("jsfive");
    expect(required([`${H}dump.h5`, "--key", "ints"])).toContain("jsfive");
  });
});

describe("actviz neurons on HDF5 written under libver='latest' (layout version 4 chunk indexes)", () => {
  const v4 = `${H}v4/v4.h5`;
  const numpy = new Uint8Array(readFileSync(`${H}v4/expected.npz`));

  it.each(["paged/f4", "fixed/gzip", "single/gzip", "implicit/f4", "ea/many", "ea/second", "bt2/gzip"])("--key %s --export -: h5py's values, read from the file as the bin reads it (a Buffer)", async (key) => {
    const got = await exportedNpy([v4, "--key", key]);
    const want = readNpz(numpy, "expected.npz", key.replaceAll("/", "__"));
    expect(got.shape).toEqual(want.shape);
    expect(Array.from(got.data)).toEqual(Array.from(want.data));
  });

  it("through the bin: datasets of paged indexes give their reports (2,000 chunks of a fixed array; 140,000 of an extensible array, mostly never written); the lzf filter exits 2 naming it", () => {
    for (const [key, neurons] of [["paged/f4", 3], ["ea/paged", 1], ["bt2/many", 40]] as const) {
      const ok = spawnSync(process.execPath, ["bin/actviz.js", "neurons", v4, "--key", key, "--plot", "none", "--stats", "-", "-q"], { encoding: "utf8" });
      expect(ok.stderr, key).toBe("");
      expect(ok.status, key).toBe(0);
      expect((JSON.parse(ok.stdout) as { per_neuron: unknown[] }).per_neuron, key).toHaveLength(neurons);
    }
    const bad = spawnSync(process.execPath, ["bin/actviz.js", "neurons", `${H}bad/lzf.h5`, "--plot", "none", "-q"], { encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^actviz: fixtures\/hdf5\/bad\/lzf\.h5: dataset 'acts': the lzf filter is not read \(expected .+\)\n$/);
  });
});
