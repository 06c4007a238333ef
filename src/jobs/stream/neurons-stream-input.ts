import { InputError, UsageError } from "../../errors.js";
import { reducedSource } from "../../io/reduced-tensor-source.js";
import { openTensorSource, type TensorSource } from "../../io/tensor-source.js";
import type { ByteSource } from "../../io/byte-source.js";
import type { Matrix } from "../../core/matrix.js";
import type { Tensor } from "../../io/tensor.js";
import { sampleRange } from "../neurons-data.js";
import type { NeuronsOptions } from "../../options/neurons.js";
import type { LabelSet, SampleClasses } from "../neurons-classes.js";

/**
 * The [samples, neurons] rows a streamed run reads: the array itself, or a rank-3+ array's
 * blocks reduced by `--channel-axis` and `--reduce` as they are read (reducedSource), with
 * prepareNeurons's errors: a bad axis is a usage error of --channel-axis, an empty result names
 * the array's shape.
 */
export function streamedInput(t: TensorSource, o: NeuronsOptions): TensorSource {
  let input: TensorSource;
  try {
    input = reducedSource(t, o.channelAxis, o.reduce);
  } catch (err) {
    if (err instanceof RangeError || err instanceof TypeError) throw new UsageError(`--channel-axis: ${err.message}`, "E_AXIS", { cause: err });
    throw err;
  }
  if (t.shape.length >= 3 && (input.shape[0] === 0 || input.shape[1] === 0)) {
    throw new InputError(`${o.input}: the matrix is empty, shape [${t.shape.join(", ")}] (expected at least one sample and one neuron)`, "E_EMPTY");
  }
  return input;
}

/**
 * The classes of the rows a streamed run reads (`input`, made of `t`'s samples), as
 * prepareNeurons finds them; undefined for an array streamNeurons refuses (0-d or empty), which
 * it then reports.
 */
export async function streamedClasses(labels: LabelSet, t: TensorSource, input: TensorSource, o: NeuronsOptions): Promise<SampleClasses | undefined> {
  const [rows, cols] = [input.shape[0] ?? 0, input.shape.length === 1 ? 1 : (input.shape[1] ?? 0)];
  if (t.shape.length === 0 || rows === 0 || cols === 0) return undefined;
  const { rowClasses } = await import("../neurons-classes.js");
  return rowClasses(labels, t.shape[0]!, rows, ...sampleRange(o.samples, rows), o.input);
}

/**
 * The rows a streamed run chose (--samples of the array, reduced as `streamedInput` reduces it),
 * read again in blocks of about `blockBytes` bytes of the file, from a file opened anew (`open`)
 * and closed at the end: what --export writes as it comes, after the run's own passes.
 */
export async function* rereadRows(open: (path: string) => Promise<ByteSource>, o: NeuronsOptions, blockBytes = 1 << 20): AsyncGenerator<Matrix> {
  const bytes = await open(o.input);
  try {
    const t = await openTensorSource(bytes, o.input, { ...(o.key ? { key: o.key } : {}), ...(o.inputFormat ? { format: o.inputFormat } : {}) });
    if (!t) throw new InputError(`${o.input}: the file changed while it was read (expected the array read before)`, "E_FORMAT");
    const input = streamedInput(t, o);
    const total = input.shape[0] ?? 1;
    const cols = input.shape.length === 1 ? 1 : input.shape[1]!;
    const [a, b] = sampleRange(o.samples, total);
    const perBlock = Math.max(1, Math.floor(blockBytes / input.rowBytes));
    for (let start = a; start < b; start += perBlock) {
      const end = Math.min(b, start + perBlock);
      yield { rows: end - start, cols, data: await input.readRows(start, end) };
    }
  } finally {
    await bytes.close();
  }
}

/** The most bytes of samples a streamed `--plot maps` holds (the samples it draws, one image each). */
export const MAPS_HELD_MAX = 256 * 2 ** 20;

/**
 * The samples [first, end) of the array that `--plot maps` draws (the first, or those --samples
 * picks of the array's first axis, as mapsTasks picks them), or undefined without maps.
 */
export function mapsSamples(t: TensorSource, o: NeuronsOptions): [number, number] | undefined {
  if (!o.plot.includes("maps") || t.shape.length === 0) return undefined;
  const total = t.shape[0]!;
  return o.samples === undefined ? [0, Math.min(1, total)] : sampleRange(o.samples, total);
}

/** The samples --plot maps draws, read from the array as it is (not reduced): `tensor` and `tensorRows` of a streamed run's NeuronData. */
export async function mapsTensor(t: TensorSource, [first, end]: [number, number]): Promise<{ tensor: Tensor; tensorRows: { first: number; total: number } }> {
  const tensor = { shape: [end - first, ...t.shape.slice(1)], data: await t.readRows(first, end), dtype: t.dtype };
  return { tensor, tensorRows: { first, total: t.shape[0]! } };
}
