import type { Matrix } from "../../core/matrix.js";
import { toSamplesByChannels, type Reduce } from "../../core/reduce-axes.js";
import { InputError, UsageError } from "../../errors.js";
import { addGraphOutputs } from "../../io/onnx/add-graph-outputs.js";
import { halfToFloat } from "../../io/npy/half-to-float.js";
import type { Tensor } from "../../io/tensor.js";
import type { OnnxInput } from "./onnx-input.js";
import { sessionOptions, type OnnxRuntime } from "./onnx-runtime.js";

/** A computed tensor: [samples, channels] after `--channel-axis`/`--reduce`, and its shape per batch. */
export interface OnnxOutput {
  matrix: Matrix;
  /** The tensor's dims for the first batch ([250, 8, 8, 8]), for messages and the report. */
  dims: number[];
  /** With `keepRaw`: the first samples' tensor as computed (float32), before any reduction (`--plot maps`). */
  raw?: Tensor;
}

export interface PassOptions {
  channelAxis: number;
  reduce: Reduce;
  /** Samples [a, b) of the input to run. */
  range: [number, number];
  /** Bytes of input and fetched outputs per batch, at most (a smaller one in tests: many batches). */
  batchBytes?: number;
  /** Values per sample of the fetched outputs, when the graph declares their shapes. */
  perSample?: number;
  /** Keep this many of the range's first samples of each tensor as computed (for `--plot maps`); 0 or absent: none. */
  keepRaw?: number;
}

/** Values kept per batch, at most: input plus the fetched outputs (float32). */
const BATCH_BYTES = 32 * 1024 * 1024;

/**
 * Runs the model on the input in batches and returns each of `names` as a [samples, channels]
 * matrix. `outputs` are the graph's declared outputs; the other names are added to the model as
 * outputs (addGraphOutputs) so that ONNX Runtime returns them. Each batch's tensors are reduced
 * at once (rank >= 3: `channelAxis` and `reduce`, as for files), so memory holds one batch of
 * raw activations. Reports `onProgress(samples done, samples)`. A model the runtime refuses, or
 * an input shape it refuses, is an InputError; a bad --channel-axis a UsageError.
 */
export async function onnxPass(
  ort: OnnxRuntime,
  model: Uint8Array,
  source: string,
  inputName: string,
  input: OnnxInput,
  names: readonly string[],
  outputs: ReadonlySet<string>,
  o: PassOptions,
  onProgress?: (done: number, rows: number) => void,
): Promise<Map<string, OnnxOutput>> {
  const extra = [...new Set(names)].filter((n) => !outputs.has(n));
  let session: Awaited<ReturnType<typeof ort.InferenceSession.create>>;
  try {
    session = await ort.InferenceSession.create(addGraphOutputs(model, extra), sessionOptions());
  } catch (err) {
    throw new InputError(`${source}: ONNX Runtime cannot load the model: ${firstLine(err)} (expected a model ONNX Runtime ${ort.env.versions.common} runs)`, "E_MODEL", { cause: err });
  }
  try {
    const sampleSize = input.sample.reduce((a, d) => a * d, 1);
    const [a, b] = o.range;
    const rows = b - a;
    const fit = Math.max(1, Math.floor((o.batchBytes ?? BATCH_BYTES) / (4 * Math.max(1, sampleSize + (o.perSample ?? 64 * sampleSize)))));
    const step = input.batch ?? Math.min(1024, fit);
    const parts = new Map<string, { chunks: Matrix[]; dims: number[]; raw: Float32Array[] }>(names.map((n) => [n, { chunks: [], dims: [], raw: [] }]));
    const keep = Math.min(o.keepRaw ?? 0, rows);
    for (let start = a; start < b; start += step) {
      const n = Math.min(step, b - start);
      const slice = input.data.subarray(start * sampleSize, (start + n) * sampleSize);
      const feed = new ort.Tensor("float32", slice instanceof Float32Array ? slice : Float32Array.from(slice), [n, ...input.sample]);
      let result: Record<string, { dims: readonly number[]; data: unknown; type: string }>;
      try {
        result = await session.run({ [inputName]: feed }, [...new Set(names)]);
      } catch (err) {
        throw new InputError(`${source}: ONNX Runtime refused a batch of shape [${[n, ...input.sample].join(", ")}] for the graph's input '${inputName}' ${input.declared}: ${firstLine(err)} (expected the shape the graph takes)`, "E_SHAPE", { cause: err });
      } finally {
        feed.dispose();
      }
      for (const name of names) {
        const t = result[name]!;
        const part = parts.get(name)!;
        if (part.dims.length === 0) part.dims = [...t.dims];
        if (t.dims.length === 0 || t.dims[0] !== n) {
          throw new InputError(`${source}: tensor '${name}' has shape [${t.dims.join(", ")}] for a batch of ${n} samples (expected the samples on its first axis)`, "E_SHAPE");
        }
        const v = values(t, name, source);
        // the first `keep` samples as they are, copied out of the runtime's buffer
        const rawRows = Math.max(0, Math.min(n, keep - (start - a)));
        if (rawRows > 0) part.raw.push(Float32Array.from(v.subarray(0, rawRows * (v.length / n))));
        try {
          const m = toSamplesByChannels(t.dims, v, o.channelAxis, o.reduce);
          if (part.chunks.length > 0 && m.cols !== part.chunks[0]!.cols) {
            throw new InputError(`${source}: tensor '${name}' has shape [${t.dims.join(", ")}] in one batch and [${part.dims.join(", ")}] in another (expected the same channels in every batch)`, "E_SHAPE");
          }
          part.chunks.push(m);
        } catch (err) {
          if (err instanceof RangeError) throw new UsageError(`--channel-axis: tensor '${name}' [${t.dims.join(", ")}]: ${err.message}`, "E_AXIS", { cause: err });
          throw err;
        }
      }
      for (const t of Object.values(result)) (t as { dispose?: () => void }).dispose?.();
      onProgress?.(start + n - a, rows);
    }
    return new Map([...parts].map(([name, p]) => [name, { matrix: joinRows(p.chunks), dims: p.dims, ...(keep > 0 ? { raw: joinRaw(p.raw, keep, p.dims) } : {}) }]));
  } finally {
    await session.release();
  }
}

/** A runtime tensor's values as float32 or float64 (integers, booleans and float16 converted). */
function values(t: { data: unknown; type: string }, name: string, source: string): Float32Array | Float64Array {
  const d = t.data;
  if (d instanceof Float32Array || d instanceof Float64Array) return d;
  if (t.type === "float16" && d instanceof Uint16Array) return Float32Array.from(d, halfToFloat);
  if (d instanceof BigInt64Array || d instanceof BigUint64Array) return Float64Array.from(d, Number);
  if (ArrayBuffer.isView(d) && !(d instanceof DataView)) return Float64Array.from(d as unknown as ArrayLike<number>);
  throw new InputError(`${source}: tensor '${name}' holds ${t.type} values (expected numbers)`, "E_DTYPE");
}

/** The kept samples' values as one tensor [keep, ...dims after the first]. */
function joinRaw(chunks: readonly Float32Array[], keep: number, dims: readonly number[]): Tensor {
  const data = new Float32Array(chunks.reduce((s, c) => s + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    data.set(c, at);
    at += c.length;
  }
  return { shape: [keep, ...dims.slice(1)], data, dtype: "<f4" };
}

function joinRows(chunks: readonly Matrix[]): Matrix {
  const cols = chunks[0]!.cols;
  const rows = chunks.reduce((s, c) => s + c.rows, 0);
  const f32 = chunks.every((c) => c.data instanceof Float32Array);
  const data = f32 ? new Float32Array(rows * cols) : new Float64Array(rows * cols);
  let at = 0;
  for (const c of chunks) {
    data.set(c.data, at);
    at += c.data.length;
  }
  return { rows, cols, data };
}

const firstLine = (err: unknown): string => String((err as Error)?.message ?? err).split("\n")[0]!.trim();
