import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { InputError, UsageError } from "../../src/errors.js";
import { readNpz } from "../../src/io/zip/read-npz.js";
import { writeNpy } from "../../src/io/npy/write-npy.js";
import { isOnnx, onnxRuns } from "../../src/jobs/onnx/onnx-runs.js";
import { sessionOptions, type OnnxRuntime, type RuntimeLoader } from "../../src/jobs/onnx/onnx-runtime.js";
import { neuronsOptionsSchema, type NeuronsOptionsInput } from "../../src/options/neurons.js";

// The digits CNN and PyTorch's forward-hook outputs for its first 32 held-out inputs (fixtures/examples/make_cnn.py)
const E = "fixtures/examples/";
const model = new Uint8Array(readFileSync(`${E}digits-cnn.onnx`));
const inputs = new Uint8Array(readFileSync(`${E}digits-inputs.npy`));
const refs = new Uint8Array(readFileSync(`${E}digits-cnn-reference.npz`));
const ref = (key: string) => readNpz(refs, "reference.npz", key);

/** The runs of `neurons --weights digits-cnn.onnx --input digits-inputs.npy` with these flags, loaded. */
async function load(flags: Partial<NeuronsOptionsInput>, deps: Parameters<typeof onnxRuns>[3] = {}, input: Uint8Array = inputs, progress: [number, number][] = []) {
  const o = neuronsOptionsSchema.parse({ weights: `${E}digits-cnn.onnx`, input: "digits-inputs.npy", plot: "none", samples: ":32", ...flags });
  const runs = await onnxRuns(o, model, async () => input, deps);
  const out = [];
  for (const run of runs) out.push({ data: await run.load((done, rows) => progress.push([done, rows])), options: run.options });
  return out;
}

const maxAbs = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};

/** [N, C, H, W] -> [N*H*W, C], rows by sample then position (what --reduce flatten makes). */
function flattenNCHW(shape: readonly number[], data: ArrayLike<number>): number[] {
  const [n, c, h, w] = shape as [number, number, number, number];
  const out = new Array<number>(n * c * h * w);
  for (let s = 0; s < n; s++) for (let ch = 0; ch < c; ch++) for (let p = 0; p < h * w; p++) out[(s * h * w + p) * c + ch] = data[(s * c + ch) * h * w + p]!;
  return out;
}

/** [N, C, H, W] -> [N, C] by `how` over H and W. */
function reduceNCHW(shape: readonly number[], data: ArrayLike<number>, how: "mean" | "max"): number[] {
  const [n, c, h, w] = shape as [number, number, number, number];
  const out: number[] = [];
  for (let s = 0; s < n; s++) {
    for (let ch = 0; ch < c; ch++) {
      const cell = Array.from({ length: h * w }, (_, p) => data[(s * c + ch) * h * w + p]!);
      out.push(how === "max" ? Math.max(...cell) : cell.reduce((x, y) => x + y, 0) / cell.length);
    }
  }
  return out;
}

describe("onnxRuns against PyTorch's forward hooks (digits CNN, 32 samples)", () => {
  it("--layer 1 --reduce flatten: the first Relu's output is PyTorch's relu1 [32, 8, 8, 8] within 1e-5, fed in batches of 4", async () => {
    // the graph declares no intermediate shapes: a batch is budgeted at 64x the input's 64 values per sample
    const progress: [number, number][] = [];
    const [run] = await load({ layer: "1", reduce: "flatten" }, { batchBytes: 4 * 4 * (64 + 64 * 64) }, inputs, progress);
    expect(progress).toEqual([4, 8, 12, 16, 20, 24, 28, 32].map((d) => [d, 32]));
    const r = ref("relu1");
    expect(run!.data.matrix.cols).toBe(8);
    expect(run!.data.matrix.rows).toBe(32 * 64);
    expect(maxAbs(run!.data.matrix.data, flattenNCHW(r.shape, r.data))).toBeLessThan(1e-5);
    expect(run!.data.layer).toMatchObject({ number: 1, name: "/relu1/Relu_output_0", op: "Relu", activation: "relu", layers: 3 });
  });

  it("--plot maps keeps the chosen samples' relu1 maps unreduced: PyTorch's relu1 [5:9] within 1e-5, fed in batches of 3; without --samples, the first sample only", async () => {
    const r = ref("relu1");
    const { data } = (await load({ layer: "1", plot: "maps", samples: "5:9" }, { batchBytes: 3 * 4 * (64 + 64 * 64) }))[0]!;
    expect(data.tensor!.shape).toEqual([4, 8, 8, 8]);
    expect(data.firstSample).toBe(5);
    expect(maxAbs(data.tensor!.data, r.data.subarray(5 * 512, 9 * 512))).toBeLessThan(1e-5);
    const o = neuronsOptionsSchema.parse({ weights: `${E}digits-cnn.onnx`, input: "digits-inputs.npy", plot: "maps", layer: "1" });
    const [first] = await onnxRuns(o, model, async () => inputs);
    const whole = await first!.load();
    expect(whole.tensor!.shape).toEqual([1, 8, 8, 8]);
    expect(maxAbs(whole.tensor!.data, r.data.subarray(0, 512))).toBeLessThan(1e-5);
    // without maps, nothing is kept unreduced
    const { data: plain } = (await load({ layer: "1", plot: "summary" }))[0]!;
    expect(plain.tensor).toBeUndefined();
  });

  it("--layer /relu2/Relu_output_0 (a name with slashes) --reduce mean and --reduce max --channel-axis -3: PyTorch's relu2 reduced over H and W", async () => {
    const r = ref("relu2");
    for (const how of ["mean", "max"] as const) {
      const [run] = await load({ layer: "/relu2/Relu_output_0", reduce: how, channelAxis: how === "max" ? -3 : 1 });
      expect([run!.data.matrix.rows, run!.data.matrix.cols]).toEqual([32, 16]);
      expect(maxAbs(run!.data.matrix.data, reduceNCHW(r.shape, r.data, how))).toBeLessThan(1e-5);
    }
  });

  it("--layer 3 and --layer output: PyTorch's hidden relu3 [32, 32] and logits [32, 10] within 1e-5", async () => {
    const [hidden] = await load({ layer: "3" });
    expect(maxAbs(hidden!.data.matrix.data, ref("relu3").data)).toBeLessThan(1e-5);
    const [logits] = await load({ layer: "output" });
    expect(logits!.data.layer).toMatchObject({ number: 0, name: "logits", op: "Gemm", activation: "none" });
    expect(maxAbs(logits!.data.matrix.data, ref("logits").data)).toBeLessThan(1e-5);
  });

  it("--layer output --softmax: rows of probabilities whose log-ratios are the logits' differences", async () => {
    const [p] = await load({ layer: "output", softmax: true });
    const z = ref("logits").data;
    const m = p!.data.matrix;
    for (let r = 0; r < 32; r++) {
      let sum = 0;
      for (let j = 0; j < 10; j++) sum += m.data[r * 10 + j]!;
      expect(sum).toBeCloseTo(1, 12);
      expect(Math.log(m.data[r * 10 + 3]! / m.data[r * 10]!)).toBeCloseTo(z[r * 10 + 3]! - z[r * 10]!, 4);
    }
  });

  it("--layer all: every activation output into layer-<n>/, each the same values as --layer N alone", async () => {
    const all = await load({ layer: "all", out: "figs" });
    expect(all.map((r) => r.options.out)).toEqual(["figs/layer-1", "figs/layer-2", "figs/layer-3"]);
    for (const [i, run] of all.entries()) {
      const [alone] = await load({ layer: String(i + 1) });
      expect(Array.from(run.data.matrix.data)).toEqual(Array.from(alone!.data.matrix.data));
    }
  });

  it("a [N, 8, 8] input feeds the [N, 1, 8, 8] graph as the [N, 64] file does (the same values per sample)", async () => {
    const flat = new Float32Array(inputs.buffer.slice(inputs.byteOffset + inputs.length - 397 * 64 * 4));
    const cube = writeNpy({ shape: [397, 8, 8], data: flat });
    const [a] = await load({ layer: "1" }, {}, cube);
    const [b] = await load({ layer: "1" });
    expect(Array.from(a!.data.matrix.data)).toEqual(Array.from(b!.data.matrix.data));
  });
});

describe("onnxRuns errors", () => {
  it("--layer NAME: a tensor the graph does not have is a usage error naming it and the forms --layer takes", async () => {
    const err = await load({ layer: "/relu9/Relu_output_0" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).message).toMatch(/^--layer: no tensor '\/relu9\/Relu_output_0' in .*digits-cnn\.onnx \(expected a tensor name \('actviz layers .*' lists them\), 1-3 \(the activation outputs\), output or all\)$/);
  });

  it("--layer N past the last activation output is a usage error", async () => {
    await expect(load({ layer: "4" })).rejects.toThrow(/--layer: '4' is past the last of 3 activation outputs/);
  });

  it("a missing runtime: exit 2, one line naming the install command (the loader injected, nothing uninstalled)", async () => {
    const missing = async () => {
      throw Object.assign(new Error("Cannot find package 'onnxruntime-node' imported from /x/onnx-runtime.js"), { code: "ERR_MODULE_NOT_FOUND" });
    };
    const err = await load({ layer: "1" }, { loadRuntime: missing }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).exitCode).toBe(2);
    expect((err as UsageError).message).toBe(`--weights ${E}digits-cnn.onnx: ONNX Runtime is not installed (expected it installed beside actviz: npm install onnxruntime-node@1.31.1)`);
  });

  it("a runtime that fails to load (no build for this platform) is exit 2 with the loader's first line", async () => {
    const broken = async () => {
      throw new Error("libonnxruntime.so.1: cannot open shared object file\n  at ...");
    };
    await expect(load({ layer: "1" }, { loadRuntime: broken })).rejects.toThrow(/ONNX Runtime did not load: libonnxruntime\.so\.1: cannot open shared object file \(expected .*npm install onnxruntime-node@1\.31\.1\)$/);
  });

  it("an input with another number of values per sample is an input error naming both shapes", async () => {
    const x = writeNpy({ shape: [5, 63], data: new Float32Array(5 * 63) });
    const err = await load({}, {}, x).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toBe("digits-inputs.npy: the input is [5, 63] but the graph's input 'digits' is [N, 1, 8, 8] (expected [samples, 1, 8, 8], or 64 values per sample)");
  });

  it.each([
    [{ dtype: "f32" }, "--dtype"],
    [{ activation: "relu" }, "--activation"],
    [{ layers: "fc1,fc2" }, "--layers"],
    [{ bias: false }, "--no-bias"],
    [{ weightLayout: "in-out" }, "--weight-layout"],
  ] as const)("%o does not apply to an ONNX model: a usage error", async (flags, flag) => {
    await expect(load(flags as Partial<NeuronsOptionsInput>)).rejects.toThrow(new RegExp(`^${flag}: does not apply to an ONNX model`));
  });

  it("--softmax with a tensor that is not the graph's output is a usage error", async () => {
    await expect(load({ layer: "3", softmax: true })).rejects.toThrow(/--softmax: '\/relu3\/Relu_output_0' is not the graph's output \(expected --layer output\)/);
  });

  it("bytes that are no ONNX model are an input error before any run", async () => {
    const o = neuronsOptionsSchema.parse({ weights: "m.onnx", input: "x.npy" });
    await expect(onnxRuns(o, new TextEncoder().encode("not a model"), async () => inputs)).rejects.toBeInstanceOf(InputError);
  });
});

describe("onnxRuns on a graph of LeakyRelu, Sigmoid and Tanh (fixtures/io/onnx/tiny.onnx)", () => {
  const T = "fixtures/io/onnx/";
  const tiny = new Uint8Array(readFileSync(`${T}tiny.onnx`));
  const batch2 = new Uint8Array(readFileSync(`${T}tiny-batch2.onnx`));
  const x = new Uint8Array(readFileSync(`${T}tiny-inputs.npy`));
  const tinyRef = new Uint8Array(readFileSync(`${T}tiny-reference.npz`));
  const run = async (bytes: Uint8Array, flags: Partial<NeuronsOptionsInput>, name = "tiny.onnx") => {
    const o = neuronsOptionsSchema.parse({ weights: name, input: "x.npy", plot: "none", ...flags });
    const out = [];
    for (const r of await onnxRuns(o, bytes, async () => x)) out.push(await r.load());
    return out;
  };

  it("--layer 1, 2 and 3 are the LeakyRelu, Sigmoid and Tanh outputs PyTorch's hooks recorded, each op mapped to its catalogue function", async () => {
    const [leaky] = await run(tiny, { layer: "1", reduce: "flatten" });
    expect(maxAbs(leaky!.matrix.data, flattenNCHW([6, 2, 2, 2], readNpz(tinyRef, "r", "leaky").data))).toBeLessThan(1e-6);
    expect(leaky!.layer).toMatchObject({ activation: "leaky_relu", op: "LeakyRelu" });
    const [sigmoid] = await run(tiny, { layer: "2", reduce: "flatten" });
    expect(maxAbs(sigmoid!.matrix.data, flattenNCHW([6, 2, 2, 2], readNpz(tinyRef, "r", "sigmoid").data))).toBeLessThan(1e-6);
    expect(sigmoid!.bounds).toEqual({ min: 0, max: 1 }); // sigmoid's range drives saturated_fraction
    const [tanh] = await run(tiny, { layer: "3" });
    expect(tanh!.layer).toMatchObject({ number: 3, name: "y", activation: "tanh", op: "Tanh" });
    expect(maxAbs(tanh!.matrix.data, readNpz(tinyRef, "r", "y").data)).toBeLessThan(1e-6);
  });

  it("a graph exported for a fixed batch of 2 is fed 2 samples at a time: the same values as the dynamic graph", async () => {
    const [fixed] = await run(batch2, { layer: "2" });
    const [dynamic] = await run(tiny, { layer: "2" });
    expect(Array.from(fixed!.matrix.data)).toEqual(Array.from(dynamic!.matrix.data));
    await expect(run(batch2, { layer: "2", samples: "1:4" })).rejects.toThrow(/^--samples: 1:4 does not split into the graph's fixed batches of 2/);
  });

  it("a ModelProto's first bytes are read as ONNX whatever the file is named; a graph's name alone is not needed", async () => {
    const [a] = await run(tiny, { layer: "1" }, "model.bin");
    expect(a!.layer!.op).toBe("LeakyRelu");
    expect(isOnnx(tiny, "model.bin")).toBe(true);
    expect(isOnnx(new TextEncoder().encode('{"layers": []}'), "m.json")).toBe(false);
    expect(isOnnx(new Uint8Array(0), "m.onnx")).toBe(true);
  });
});

describe("onnxPass(runtime, model, ...)", () => {
  it("a name the graph does not have fails when ONNX Runtime creates the session: an input error, not a crash", async () => {
    const { onnxPass } = await import("../../src/jobs/onnx/onnx-pass.js");
    const { loadOnnxRuntime } = await import("../../src/jobs/onnx/onnx-runtime.js");
    const ort = await loadOnnxRuntime("m.onnx");
    const fed = { rows: 2, sample: [1, 8, 8], data: new Float32Array(128), batch: null, declared: "[N, 1, 8, 8]" };
    const err = await onnxPass(ort, model, "m.onnx", "digits", fed, ["no_such_tensor"], new Set(["logits"]), { channelAxis: 1, reduce: "mean", range: [0, 2] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toMatch(/^m\.onnx: ONNX Runtime cannot load the model: .*no_such_tensor.* \(expected a model ONNX Runtime 1\.31\.1 runs\)$/);
  });

  it("a batch the runtime refuses is an input error naming the batch's shape and the graph's", async () => {
    const { onnxPass } = await import("../../src/jobs/onnx/onnx-pass.js");
    const { loadOnnxRuntime } = await import("../../src/jobs/onnx/onnx-runtime.js");
    const ort = await loadOnnxRuntime("m.onnx");
    const fed = { rows: 2, sample: [1, 9, 7], data: new Float32Array(126), batch: null, declared: "[N, 1, 8, 8]" };
    const err = await onnxPass(ort, model, "m.onnx", "digits", fed, ["logits"], new Set(["logits"]), { channelAxis: 1, reduce: "mean", range: [0, 2] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toMatch(/^m\.onnx: ONNX Runtime refused a batch of shape \[2, 1, 9, 7\] for the graph's input 'digits' \[N, 1, 8, 8\]: .+ \(expected the shape the graph takes\)$/);
  });

  it("the same bits on a machine of more cores: the session options of 4, 8 and 16 cores (2, 4 and 4 intra-op threads) give what 1 thread gives, every layer and the logits", async () => {
    /** onnxruntime-node whose sessions take the options of a machine of `cores` cores. */
    const withCores = (cores: number): RuntimeLoader => async () => {
      const real = (await import("onnxruntime-node")) as OnnxRuntime;
      const InferenceSession = { create: (model: Uint8Array) => real.InferenceSession.create(model, sessionOptions(cores)) };
      return { ...real, InferenceSession } as unknown as OnnxRuntime;
    };
    expect(sessionOptions(2).intraOpNumThreads).toBe(1);
    expect([4, 8, 16].map((c) => sessionOptions(c).intraOpNumThreads)).toEqual([2, 4, 4]);
    const bits = async (cores: number) => {
      const runs = [...(await load({ layer: "all", samples: ":400" }, { loadRuntime: withCores(cores) })), ...(await load({ layer: "output", samples: ":400" }, { loadRuntime: withCores(cores) }))];
      return runs.map((r) => Buffer.from(new Float64Array(r.data.matrix.data).buffer));
    };
    const one = await bits(2);
    expect(one).toHaveLength(4);
    for (const cores of [4, 8, 16]) {
      const many = await bits(cores);
      many.forEach((b, i) => expect(b.equals(one[i]!), `${cores} cores, run ${i}`).toBe(true));
    }
  });
});
