import { InputError, UsageError } from "../errors.js";
import { reducedSource } from "../io/reduced-tensor-source.js";
import { openTensorSource, type TensorSource } from "../io/tensor-source.js";
import type { ByteSource } from "../io/byte-source.js";
import type { Matrix } from "../core/matrix.js";
import { sampleRange } from "./neurons-data.js";
import type { NeuronsOptions } from "../options/neurons.js";
import type { LabelSet, SampleClasses } from "./neurons-classes.js";

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
  const [{ rowClasses }, { sampleRange }] = await Promise.all([import("./neurons-classes.js"), import("./neurons-data.js")]);
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
