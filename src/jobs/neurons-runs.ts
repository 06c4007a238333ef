import { join } from "node:path";
import type { NeuronsOptions } from "../options/neurons.js";
import type { NeuronData } from "./neurons-data.js";
import type { LayerOutput } from "./neurons-weights.js";
import { constants } from "node:buffer";
import { UsageError } from "../errors.js";
import type { ByteSource } from "../io/byte-source.js";
import type { StreamHooks } from "./stream/neurons-stream.js";
import type { TensorSource } from "../io/tensor-source.js";

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
    const run = await streamedRun(o, stream, readInput);
    if (run) return [run];
  }
  const job = await import("./neurons-job.js");
  // the labels are read and checked before the input: a bad labels file costs no pass
  const labels = o.labels === undefined ? undefined : (await import("./neurons-classes.js")).readLabelSet(await readInput(o.labels), o.labels, o.classNames);
  const base = o.baseline !== undefined || o.baselineWeights !== undefined ? await import("./neurons-baseline.js") : undefined;
  /** --baseline FILE: read like the input (same --key, --channel-axis, --reduce, --samples), compared with `data`. */
  const baselineFile = async (data: NeuronData): Promise<NeuronData> => {
    const [{ readTensorAsync }, { prepareNeurons }] = await Promise.all([import("../io/read-tensor.js"), import("./neurons-data.js")]);
    const source = o.baseline!;
    const tensor = await readTensorAsync(await readInput(source), { source, ...(o.key ? { key: o.key } : {}) });
    const { neurons: _n, top: _t, ...rest } = o;
    const other = prepareNeurons(tensor, rest, source === "-" ? "<stdin>" : source);
    return { ...data, baseline: base!.compareBaseline(data, other, source === "-" ? "<stdin>" : source, o.weights ?? o.input, o.names) };
  };
  if (weights === undefined) {
    const data = await job.loadNeurons(await readInput(o.input), o, labels);
    const compared = o.baseline === undefined ? data : await baselineFile(data);
    return [{ load: async () => compared, options: o }];
  }
  const [{ readTensorAsync }, { readWeights }, { readWeightsInput }, w] = await Promise.all([
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
  const x = await readTensorAsync(await readInput(o.input), { source: o.input, ...(o.inputFormat ? { format: o.inputFormat } : {}), ...(o.key ? { key: o.key } : {}) });
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
async function streamedRun(o: NeuronsOptions, stream: StreamInput, readInput: (path: string) => Promise<Uint8Array>): Promise<NeuronsRun | undefined> {
  const bytes = await stream.open(o.input);
  let keep = false;
  let baseBytes: ByteSource | undefined;
  try {
    if (bytes.size <= (stream.above ?? STREAM_ABOVE)) return undefined;
    const [{ openTensorSource }, { streamNeurons, streamRefusal }] = await Promise.all([import("../io/tensor-source.js"), import("./stream/neurons-stream.js")]);
    const t = await openTensorSource(bytes, o.input, { ...(o.key ? { key: o.key } : {}), ...(o.inputFormat ? { format: o.inputFormat } : {}) });
    if (!t) return undefined; // other formats are read whole (readBytes refuses them past its limit)
    let refusal = streamRefusal(o);
    // --plot maps: the samples it draws (one image each) are held, up to MAPS_HELD_MAX bytes
    const { streamedInput, streamedClasses, rereadRows, mapsSamples, mapsTensor, MAPS_HELD_MAX } = await import("./stream/neurons-stream-input.js");
    const maps = refusal === undefined ? mapsSamples(t, o) : undefined;
    if (maps && (maps[1] - maps[0]) * t.rowBytes > MAPS_HELD_MAX) refusal = `--plot maps of ${maps[1] - maps[0]} samples (${(maps[1] - maps[0]) * t.rowBytes} bytes held, past ${MAPS_HELD_MAX})`;
    // --baseline: streamed too when it is a file a TensorSource reads (else read whole with the input)
    let base: TensorSource | undefined;
    if (refusal === undefined && o.baseline !== undefined) {
      if (o.baseline !== "-") {
        baseBytes = await stream.open(o.baseline);
        base = await openTensorSource(baseBytes, o.baseline, o.key ? { key: o.key } : {});
      }
      if (!base) refusal = "--baseline (a file read whole: stdin, or not .npy, .npz, .safetensors or a PyTorch zip)";
    }
    if (refusal !== undefined) {
      if (bytes.size <= constants.MAX_LENGTH) return undefined;
      throw new UsageError(`${o.input}: ${refusal} needs the whole file in memory, and its ${bytes.size} bytes are past the ${constants.MAX_LENGTH} one buffer holds (expected for a file this size --plot maps of fewer --samples, a --baseline file read in blocks: .npy, .npz, .safetensors or a PyTorch zip)`, "E_TOO_LARGE");
    }
    // a rank-3+ array (conv feature maps): each block of samples reduced to [rows, channels] as it is read
    const input = streamedInput(t, o);
    const baseInput = base && streamedInput(base, { ...o, input: o.baseline! });
    // --labels: read whole (one per sample), read and checked before any pass
    const labels = o.labels === undefined ? undefined : (await import("./neurons-classes.js")).readLabelSet(await readInput(o.labels), o.labels, o.classNames);
    keep = true;
    return {
      load: async (onProgress) => {
        try {
          const classes = labels && (await streamedClasses(labels, t, input, o));
          let read = 0; // bytes of the current file's passes: the baseline's count on from there
          const hooks = { ...stream.hooks, onBytes: (done: number, total: number) => onProgress?.((read = done), total) };
          const d = await streamNeurons(input, o, o.input, hooks, classes);
          const channels = { ...d, ...(t.shape.length >= 3 ? { unit: "channel" as const } : {}), ...(maps ? await mapsTensor(t, maps) : {}) };
          // --export: the rows read again, from the file opened anew, as the export is written
          const data = o.export === undefined ? channels : { ...channels, streamed: { ...channels.streamed!, rows: () => rereadRows(stream.open, o, stream.hooks?.blockBytes) } };
          if (!baseInput) return data;
          const { streamBaseline } = await import("./stream/neurons-stream-baseline.js");
          const after = { ...stream.hooks, onBytes: (done: number, total: number) => onProgress?.(read + done, read + total) };
          return await streamBaseline(data, input, baseInput, o, streamNeurons, after);
        } finally {
          await bytes.close();
          await baseBytes?.close();
        }
      },
      options: o,
      progress: "reading",
    };
  } finally {
    if (!keep) {
      await bytes.close();
      await baseBytes?.close();
    }
  }
}
