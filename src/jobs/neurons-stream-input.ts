import { InputError, UsageError } from "../errors.js";
import { reducedSource } from "../io/reduced-tensor-source.js";
import type { TensorSource } from "../io/tensor-source.js";
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
