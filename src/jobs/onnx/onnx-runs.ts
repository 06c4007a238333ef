import { join } from "node:path";
import { softmaxRows } from "../../core/dense/dense.js";
import { InputError, UsageError } from "../../errors.js";
import { describeGraph, type OnnxTensor } from "../../io/onnx/describe-onnx.js";
import { readOnnxGraph } from "../../io/onnx/read-onnx-graph.js";
import { readTensorAsync } from "../../io/read-tensor.js";
import type { Tensor } from "../../io/tensor.js";
import type { NeuronsOptions } from "../../options/neurons.js";
import { counted } from "../../text/counted.js";
import { prepareNeurons, sampleRange } from "../neurons-data.js";
import type { NeuronsRun } from "../neurons-runs.js";
import { onnxInput } from "./onnx-input.js";
import { onnxPass, type OnnxOutput } from "./onnx-pass.js";
import { loadOnnxRuntime, type RuntimeLoader } from "./onnx-runtime.js";

/** Flags of the dense MLP that an ONNX graph makes meaningless. */
const NOT_FOR_ONNX = [
  ["activation", "--activation", "the graph's ops name each layer's function"],
  ["dtype", "--dtype", "ONNX Runtime computes in the model's float32"],
  ["layers", "--layers", "the graph orders its tensors"],
  ["bias", "--no-bias", "the graph holds its biases"],
  ["weightLayout", "--weight-layout", "the graph holds its weights' layout"],
] as const;

/** True for ONNX bytes or a `.onnx` name: how `--weights` tells a graph from a dense MLP's weights. */
export function isOnnx(bytes: Uint8Array, name: string): boolean {
  // a ModelProto starts with ir_version (field 1, varint: 0x08) and is no zip, npy or JSON
  // (serializers write fields in order: ir_version 1, then producer_name 2 ... graph 7)
  return /\.onnx$/i.test(name) || (bytes[0] === 0x08 && bytes[1]! > 0 && bytes[1]! < 0x20 && [0x12, 0x1a, 0x22, 0x28, 0x32, 0x3a].includes(bytes[2]!));
}

/**
 * `neurons --weights model.onnx`: the runs for the tensors `--layer` picks (a tensor name, N for
 * the N-th activation op's output, output, or all activation outputs, each into `layer-<n>/`),
 * computed by ONNX Runtime from `--input` fed in batches. The graph, the choice and the input's
 * shape are checked before anything runs; the runtime is loaded when the first run loads, and
 * one pass computes every chosen tensor. Tests pass `loadRuntime` (a missing runtime) and
 * `batchBytes` (many small batches).
 */
export async function onnxRuns(o: NeuronsOptions, model: Uint8Array, readInput: (path: string) => Promise<Uint8Array>, deps: { loadRuntime?: RuntimeLoader; batchBytes?: number } = {}): Promise<NeuronsRun[]> {
  for (const [key, flag, why] of NOT_FOR_ONNX) {
    if (o[key] !== undefined) throw new UsageError(`${flag}: does not apply to an ONNX model (${why}) (expected ${flag} left out with --weights ${o.weights})`, "E_ONNX_FLAG");
  }
  const source = o.weights!;
  const graph = readOnnxGraph(model, source);
  const desc = describeGraph(graph);
  const input = desc.inputs[0];
  if (!input) throw new InputError(`${source}: the graph has no input (expected one input that takes the samples)`, "E_MODEL");
  if (desc.inputs.length > 1) {
    throw new InputError(`${source}: the graph has ${desc.inputs.length} inputs (${desc.inputs.map((i) => i.name).join(", ")}) (expected one: actviz feeds only --input)`, "E_MODEL");
  }
  if (input.dtype !== null && input.dtype !== "float32") {
    throw new InputError(`${source}: the graph's input '${input.name}' is ${input.dtype} (expected float32: actviz feeds float32)`, "E_DTYPE");
  }
  const chosen = chooseTensors(desc.tensors, desc.outputs[0]?.name, o, source);
  if (o.softmax && (o.layer?.kind === "all" || chosen[0]!.name !== desc.outputs[0]?.name)) {
    throw new UsageError(`--softmax: '${chosen[0]!.name}' is not the graph's output (expected --layer output)`, "E_LAYER");
  }
  const inputSource = o.input === "-" ? "<stdin>" : o.input;
  const x = await readTensorAsync(await readInput(o.input), { source: o.input, ...(o.inputFormat ? { format: o.inputFormat } : {}), ...(o.key ? { key: o.key } : {}) });
  const fed = onnxInput(x, input.name, input.shape, inputSource);
  const [a, b] = sampleRange(o.samples, fed.rows);
  if (fed.batch !== null && (a % fed.batch !== 0 || (b - a) % fed.batch !== 0)) {
    throw new UsageError(`--samples: ${a}:${b} does not split into the graph's fixed batches of ${fed.batch} (expected a range of whole batches)`, "E_SELECT");
  }
  // values per sample of the fetched tensors: declared shapes, else 64 times the input's
  const inputSize = fed.sample.reduce((n, d) => n * d, 1);
  const perSample = chosen.reduce((s, t) => s + (perSampleSize(t) ?? 64 * inputSize), 0);

  // --plot maps draws the first chosen sample, or every one --samples picks: only those are kept unreduced
  const keepRaw = o.plot.includes("maps") ? (o.samples === undefined ? 1 : b - a) : 0;
  let pass: Promise<Map<string, OnnxOutput>> | undefined;
  const all = o.layer?.kind === "all";
  const names = chosen.map((t) => t.name);
  return chosen.map((t) => ({
    load: async (onProgress) => {
      pass ??= loadOnnxRuntime(source, deps.loadRuntime).then((ort) =>
        onnxPass(ort, model, source, input.name, fed, names, new Set(desc.outputs.map((v) => v.name)), { channelAxis: o.channelAxis, reduce: o.reduce, range: [a, b], ...(deps.batchBytes ? { batchBytes: deps.batchBytes } : {}), perSample, keepRaw }, onProgress),
      );
      const out = (await pass).get(t.name)!;
      return neuronData(out, t, o, inputSource, a, desc.tensors.filter((x) => x.layer !== null).length);
    },
    options: all ? { ...o, out: join(o.out, `layer-${t.layer}`) } : o,
  }));
}

/** The tensors `--layer` picks: a name, N (the N-th activation output), output, or all activation outputs. */
export function chooseTensors(tensors: readonly OnnxTensor[], output: string | undefined, o: NeuronsOptions, source: string): OnnxTensor[] {
  const layers = tensors.filter((t) => t.layer !== null);
  const forms = `a tensor name ('actviz layers ${source}' lists them)${layers.length > 0 ? `, 1-${layers.length} (the activation outputs)` : ""}, output${layers.length > 0 ? " or all" : ""}`;
  const choice = o.layer ?? (layers.length > 0 ? { kind: "index" as const, index: 1 } : { kind: "output" as const });
  switch (choice.kind) {
    case "all":
      if (layers.length === 0) throw new UsageError(`--layer: all: ${source} has no activation op (Relu, Sigmoid, Tanh, ...) (expected ${forms})`, "E_LAYER");
      return layers;
    case "output": {
      const t = tensors.find((x) => x.name === output);
      if (!t) throw new InputError(`${source}: the graph's output '${output ?? ""}' is computed by no node (expected a graph whose first output a node computes)`, "E_MODEL");
      return [t];
    }
    case "index": {
      const t = layers[choice.index - 1];
      if (!t) throw new UsageError(`--layer: '${choice.index}' is past the last of ${counted(layers.length, "activation output")} in ${source} (expected ${forms})`, "E_LAYER");
      return [t];
    }
    case "name": {
      const t = tensors.find((x) => x.name === choice.name);
      if (!t) throw new UsageError(`--layer: no tensor '${choice.name}' in ${source} (expected ${forms})`, "E_LAYER");
      return [t];
    }
  }
}

/** Values per sample of a tensor whose dims after the first are all declared, else null. */
function perSampleSize(t: OnnxTensor): number | null {
  const rest = t.shape?.slice(1);
  if (!rest || !rest.every((d) => typeof d === "number" && d >= 0)) return null;
  return (rest as number[]).reduce((a, d) => a * d, 1);
}

function neuronData(out: OnnxOutput, t: OnnxTensor, o: NeuronsOptions, inputSource: string, first: number, activations: number) {
  const { matrix } = out;
  const softmax = Boolean(o.softmax);
  const values = softmax ? softmaxRows(Float64Array.from(matrix.data), matrix.cols) : matrix.data;
  const tensor: Tensor = { shape: [matrix.rows, matrix.cols], data: values, dtype: matrix.data instanceof Float32Array ? "<f4" : "<f8" };
  const { samples: _, ...rest } = o;
  const data = prepareNeurons(tensor, { ...rest, channelAxis: 1, activation: undefined }, inputSource, t.activation ?? undefined);
  const fn = softmax ? "softmax" : (t.activation?.name ?? "none");
  return {
    ...data,
    ...(out.raw ? { tensor: out.raw } : {}),
    // a conv layer's [N, C, H, W] reduced per batch: its columns are channels
    ...(out.dims.length >= 3 ? { unit: "channel" as const } : {}),
    firstSample: first,
    layer: { number: t.layer ?? 0, name: t.name, layers: activations, activation: fn, weights: o.weights!, dtype: "f32" as const, op: t.op },
  };
}
