import { join } from "node:path";
import type { NeuronsOptions } from "../options/neurons.js";
import type { NeuronData } from "./neurons-data.js";
import type { LayerOutput } from "./neurons-weights.js";
import { constants } from "node:buffer";
import { UsageError } from "../errors.js";
import type { ByteSource } from "../io/byte-source.js";
import type { StreamHooks } from "./neurons-stream.js";

/** Layers' outputs that runs of the same files and flags share (`render`: one per manifest). */
export type PassCache = Map<string, LayerOutput>;

/** One activation matrix to chart, and the folder its charts go to. */
export interface NeuronsRun {
  /**
   * Computes (weights mode: runs the forward pass, reporting `onProgress(rows done, rows)`) or
   * prepares the matrix when its turn comes.
   */
  load: (onProgress?: (done: number, rows: number) => void) => Promise<NeuronData>;
  /** Options for this matrix: `out` is `layer-<n>/` under the given one for `--layer all`. */
  options: NeuronsOptions;
  /** What `load` reports progress of: "forward pass" (rows) unless said ("reading": bytes). */
  progress?: string;
}

/** Files of more than this many bytes are read in blocks (streamNeurons) when the options allow. */
export const STREAM_ABOVE = 256 * 1024 * 1024;

/** How `neuronsRuns` may read a big input in blocks instead of whole. */
export interface StreamInput {
  /** Opens the input file for positioned reads. */
  open: (path: string) => Promise<ByteSource>;
  /** Stream files of more than this many bytes (default STREAM_ABOVE; 0: every file a block reader reads, see openTensorSource). */
  above?: number;
  hooks?: StreamHooks;
}

/**
 * The matrices one `neurons` run charts: the activations file, or with `--weights` the output of
 * each chosen layer. `readInput` reads `--input` (a path, or "-" for stdin); `weights` is the
 * weights file or folder as the file system sees it. The model and the input are read, and
 * their shapes checked, before anything is drawn. `baselineWeights` is `--baseline-weights` as
 * the file system sees it. Shared by the command and `actviz render`.
 */
export async function neuronsRuns(o: NeuronsOptions, readInput: (path: string) => Promise<Uint8Array>, weights = o.weights, passes?: PassCache, baselineWeights = o.baselineWeights, stream?: StreamInput): Promise<NeuronsRun[]> {
  if (weights === undefined && stream !== undefined && o.input !== "-") {
    const run = await streamedRun(o, stream);
    if (run) return [run];
  }
  const job = await import("./neurons-job.js");
  // the labels are read and checked before the input: a bad labels file costs no pass
  const labels = o.labels === undefined ? undefined : (await import("./neurons-classes.js")).readLabelSet(await readInput(o.labels), o.labels, o.classNames);
  const base = o.baseline !== undefined || o.baselineWeights !== undefined ? await import("./neurons-baseline.js") : undefined;
  /** --baseline FILE: read like the input (same --key, --channel-axis, --reduce, --samples), compared with `data`. */
  const baselineFile = async (data: NeuronData): Promise<NeuronData> => {
    const [{ readTensor }, { prepareNeurons }] = await Promise.all([import("../io/read-tensor.js"), import("./neurons-data.js")]);
    const source = o.baseline!;
    const tensor = readTensor(await readInput(source), { source, ...(o.key ? { key: o.key } : {}) });
    const { neurons: _n, top: _t, ...rest } = o;
    const other = prepareNeurons(tensor, rest, source === "-" ? "<stdin>" : source);
    return { ...data, baseline: base!.compareBaseline(data, other, source === "-" ? "<stdin>" : source, o.weights ?? o.input, o.names) };
  };
  if (weights === undefined) {
    const data = job.loadNeurons(await readInput(o.input), o, labels);
    const compared = o.baseline === undefined ? data : await baselineFile(data);
    return [{ load: async () => compared, options: o }];
  }
  const [{ readTensor }, { readWeights }, { readWeightsInput }, w] = await Promise.all([
    import("../io/read-tensor.js"),
    import("../io/weights/read-weights.js"),
    import("../io/weights/read-weights-input.js"),
    import("./neurons-weights.js"),
  ]);
  const weightsSource = o.weights!;
  const weightsInput = await readWeightsInput(weights);
  const onnx = await import("./onnx/onnx-runs.js");
  if (weightsInput.kind === "file" && onnx.isOnnx(weightsInput.bytes, weightsSource)) return onnx.onnxRuns(o, weightsInput.bytes, readInput);
  const layers = readWeights(weightsInput, weightsSource, {
    bias: o.bias ?? true,
    ...(o.weightLayout ? { layout: o.weightLayout } : {}),
    ...(o.layers ? { layers: o.layers } : {}),
  });
  const model = { source: weightsSource, layers, activations: w.layerActivations(layers, o.activation, weightsSource) };
  // --baseline-weights: another checkpoint of the same architecture, the same activations
  const baselineModel =
    o.baselineWeights === undefined
      ? undefined
      : w.sameArchitecture(model, readWeights(await readWeightsInput(baselineWeights ?? o.baselineWeights), o.baselineWeights, {
          bias: o.bias ?? true,
          layout: o.weightLayout ?? "out-in",
          ...(o.layers ? { layers: o.layers } : {}),
        }), o.baselineWeights);
  const chosen = w.chosenLayers(model, o);
  const inputSource = o.input === "-" ? "<stdin>" : o.input;
  const x = readTensor(await readInput(o.input), { source: o.input, ...(o.inputFormat ? { format: o.inputFormat } : {}), ...(o.key ? { key: o.key } : {}) });
  const { rows } = w.inputMatrix(x, layers[0]!, inputSource); // shape errors before any output
  if (labels) {
    const { sampleClasses } = await import("./neurons-classes.js");
    const { sampleRange } = await import("./neurons-data.js");
    sampleClasses(labels, rows, ...sampleRange(o.samples, rows), inputSource); // one label per input sample
  }
  const all = o.layer?.kind === "all";
  // each layer's pass starts from the last one's output (kept until the next layer is computed),
  // or, when another figure computed the same layer from the same files and flags, is not run
  let previous: LayerOutput | undefined;
  const same = JSON.stringify([weights, o.input, o.inputFormat, o.key, o.bias, o.weightLayout, o.layers, o.activation, o.dtype, o.samples]);
  /** The deepest layer up to i that the cache holds for these files and flags. */
  const cached = (i: number): LayerOutput | undefined => {
    for (let j = i; j >= 0 && passes; j--) {
      const hit = passes.get(`${same} ${j}`);
      if (hit) return hit;
    }
    return undefined;
  };
  let previousBaseline: LayerOutput | undefined;
  return chosen.map((i) => ({
    load: async (onProgress) => {
      const { data, output } = await w.layerRun(model, x, i, o, inputSource, onProgress, cached(i) ?? previous, labels);
      previous = output;
      passes?.set(`${same} ${i}`, output);
      if (o.baseline !== undefined) return baselineFile(data);
      if (!baselineModel) return data;
      // the baseline checkpoint's pass: the same input, the same layer (one more pass, no more reads)
      const other = await w.layerRun(baselineModel, x, i, o, inputSource, onProgress, previousBaseline);
      previousBaseline = other.output;
      return { ...data, baseline: base!.compareBaseline(data, other.data, o.baselineWeights!, o.weights!, o.names) };
    },
    options: all ? { ...o, out: join(o.out, `layer-${i + 1}`) } : o,
  }));
}

/**
 * The run of a file past `stream.above` bytes read in blocks: an array openTensorSource reads
 * (.npy, .npz, .safetensors, PyTorch, HDF5) whose options a stream computes (streamRefusal). Undefined when it is to be read whole: a smaller
 * file, another format, or options that need the matrix on a file that fits in one buffer; past
 * that, a UsageError naming the size limit and the flag.
 */
async function streamedRun(o: NeuronsOptions, stream: StreamInput): Promise<NeuronsRun | undefined> {
  const bytes = await stream.open(o.input);
  let keep = false;
  try {
    if (bytes.size <= (stream.above ?? STREAM_ABOVE)) return undefined;
    const [{ openTensorSource }, { streamNeurons, streamRefusal }] = await Promise.all([import("../io/tensor-source.js"), import("./neurons-stream.js")]);
    const t = await openTensorSource(bytes, o.input, { ...(o.key ? { key: o.key } : {}), ...(o.inputFormat ? { format: o.inputFormat } : {}) });
    if (!t) return undefined; // other formats are read whole (readBytes refuses them past its limit)
    const refusal = streamRefusal(o, t.shape.length);
    if (refusal !== undefined) {
      if (bytes.size <= constants.MAX_LENGTH) return undefined;
      throw new UsageError(`${o.input}: ${refusal} needs the whole matrix in memory, and the file's ${bytes.size} bytes are past the ${constants.MAX_LENGTH} one buffer holds (expected --plot line, summary, heatmap or hist, --stats, --neurons, --top, --samples for a file this size)`, "E_TOO_LARGE");
    }
    keep = true;
    return {
      load: async (onProgress) => {
        try {
          return await streamNeurons(t, o, o.input, { ...stream.hooks, ...(onProgress ? { onBytes: onProgress } : {}) });
        } finally {
          await bytes.close();
        }
      },
      options: o,
      progress: "reading",
    };
  } finally {
    if (!keep) await bytes.close();
  }
}
