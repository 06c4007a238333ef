import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { findActivation, resolveParams } from "../../src/core/activations/index.js";
import { denseBackend, denseForward, type DenseLayer } from "../../src/core/dense/dense.js";
import { readNpy } from "../../src/io/npy/read-npy.js";
import { readNpz } from "../../src/io/zip/read-npz.js";
import { readWeights } from "../../src/io/weights/read-weights.js";

// The digits MLP (64-128-10) and NumPy's activations for 397 held-out inputs, both made by
// fixtures/examples/make_weights.py.
const dir = "fixtures/examples/";
const bytes = (name: string) => new Uint8Array(readFileSync(dir + name));
const x = readNpy(bytes("digits-inputs.npy"), "digits-inputs.npy");
const refs = bytes("digits-mlp-reference.npz");
const ref = (key: string) => readNpz(refs, "digits-mlp-reference.npz", key);
const relu = findActivation("relu")!;
const f = relu.bind(resolveParams(relu, {})).f;

function model(file: string): DenseLayer[] {
  return readWeights({ kind: "file", bytes: bytes(file) }, file, { bias: true, layout: "out-in" }).map((l, i) => ({ ...l, f: i === 0 ? f : null }));
}

/** max |a - b| / max |b|, over the first `rows` rows: relative to the layer's scale, so zeros of relu count. */
function relError(a: Float64Array, b: Float32Array | Float64Array, n: number): number {
  let err = 0;
  let scale = 0;
  for (let i = 0; i < n; i++) {
    err = Math.max(err, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return err / scale;
}

describe("denseForward on the digits MLP against NumPy", () => {
  it("the inputs are 397 samples of 64 pixels, the references fc1 [128, 128] and fc2 [397, 10]", () => {
    expect(x.shape).toEqual([397, 64]);
    expect(ref("fc1_f64").shape).toEqual([128, 128]);
    expect(ref("fc2_f64").shape).toEqual([397, 10]);
  });

  // both implementations: the WebAssembly SIMD kernel (the default) and the scalar JS loops (the fallback)
  const backends = ["wasm-simd", "js"] as const;
  const using = <T>(backend: (typeof backends)[number], run: () => T): T => {
    denseBackend(backend);
    try {
      return run();
    } finally {
      denseBackend("wasm-simd");
    }
  };

  it.each(backends.flatMap((b) => ["digits-mlp.safetensors", "digits-mlp.weights.json"].map((file) => [b, file])))("%s, float64 from %s: hidden and logits within 1e-9 relative", (backend, file) => {
    const layers = model(file);
    const [hidden, logits] = using(backend as (typeof backends)[number], () => [denseForward(x.data, 397, layers, 0), denseForward(x.data, 397, layers, 1)] as const);
    expect(relError(hidden, ref("fc1_f64").data, 128 * 128)).toBeLessThan(1e-9);
    expect(relError(logits, ref("fc2_f64").data, 397 * 10)).toBeLessThan(1e-9);
  });

  it.each(backends)("%s, --dtype f32: hidden and logits within 1e-5 of NumPy's float32", (backend) => {
    const layers = model("digits-mlp.safetensors");
    const [hidden, logits] = using(backend, () => [denseForward(x.data, 397, layers, 0, "f32"), denseForward(x.data, 397, layers, 1, "f32")] as const);
    expect(relError(hidden, ref("fc1_f32").data, 128 * 128)).toBeLessThan(1e-5);
    expect(relError(logits, ref("fc2_f32").data, 397 * 10)).toBeLessThan(1e-5);
  });

  it("the hidden layer, rounded to float32, is the bundled digits-mlp-hidden.npy the other examples use", () => {
    const hidden = denseForward(x.data, 397, model("digits-mlp.safetensors"), 0);
    const bundled = readNpy(bytes("digits-mlp-hidden.npy"), "digits-mlp-hidden.npy");
    expect(relError(hidden, bundled.data, hidden.length)).toBeLessThan(1e-6);
  });

  it("the logits classify the held-out digits with the accuracy the script recorded, counted against the true labels", () => {
    const { heldout_accuracy_float32_weights: recorded } = JSON.parse(readFileSync(dir + "digits-mlp.json", "utf8")) as { heldout_accuracy_float32_weights: number };
    const logits = denseForward(x.data, 397, model("digits-mlp.safetensors"), 1);
    // the digit of each held-out sample (y[1400:1800], written by make_labels.py)
    const digits = readNpy(bytes("digits-labels.npy"), "digits-labels.npy").data;
    const argmax = (v: ArrayLike<number>) => Array.from(v).indexOf(Math.max(...Array.from(v)));
    let right = 0;
    for (let i = 0; i < 397; i++) if (argmax(logits.subarray(i * 10, i * 10 + 10)) === digits[i]) right++;
    expect(right / 397).toBe(recorded);
    expect(right).toBe(365); // 91.9 %
  });
});
