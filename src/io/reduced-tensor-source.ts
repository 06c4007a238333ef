import { toSamplesByChannels, type Reduce } from "../core/reduce-axes.js";
import type { TensorSource } from "./tensor-source.js";

/**
 * A TensorSource of rank >= 2 seen as the [samples, channels] matrix toSamplesByChannels makes
 * of the whole array, each block of samples reduced as it is read: "mean" and "max" fold the
 * axes other than samples and `channelAxis` per sample (a block's rows are its samples, the same
 * bits as the whole array reduced, since no cell mixes samples), "flatten" makes every position
 * a row (rows [start, end) read from the samples that hold them; the last samples read are kept
 * for the next block). Ranks 0, 1 and 2 with channel axis 1 are the source itself. `rowBytes` is
 * the source's bytes behind one row, so blocks and progress still count bytes of the file.
 * RangeError (toSamplesByChannels's) for a bad axis, or "mean"/"max" over empty axes.
 */
export function reducedSource(t: TensorSource, channelAxis: number, reduce: Reduce): TensorSource {
  const { shape } = t;
  const rank = shape.length;
  if (rank < 2) return t;
  const rest = shape.slice(1);
  const perRow = rest.reduce((a, b) => a * b, 1);
  const empty = new Float64Array(0);
  // the checks and messages of the whole array's reduction, on no data: the real shape when it
  // holds no element (so an empty reduced axis is told as in memory), else no samples
  const none = shape[0]! * perRow === 0;
  const checked = toSamplesByChannels(none ? shape : [0, ...rest], empty, channelAxis, reduce);
  if (rank === 2) return t;
  const channels = checked.cols;
  const positions = channels === 0 ? 0 : perRow / channels;
  const samples = shape[0]!;
  const flatten = reduce === "flatten";
  const rows = none ? checked.rows : flatten ? samples * positions : samples;
  /** Samples [s0, s1) reduced, [rows, channels]. */
  const reduced = async (s0: number, s1: number) => toSamplesByChannels([s1 - s0, ...rest], await t.readRows(s0, s1), channelAxis, reduce).data;
  let last: { s0: number; s1: number; data: Promise<Float32Array | Float64Array> } | undefined;
  return {
    shape: [rows, channels],
    // the mean is taken in float64 (as toSamplesByChannels gives it); max and flatten keep the type
    dtype: reduce === "mean" ? "<f8" : t.dtype,
    rowBytes: flatten ? t.rowBytes / positions : t.rowBytes,
    async readRows(start, end) {
      if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= rows)) {
        throw new RangeError(`rows [${start}, ${end}) are outside the array's ${rows}`);
      }
      if (!flatten) return reduced(start, end);
      const s0 = Math.floor(start / positions);
      const s1 = Math.ceil(end / positions);
      if (!(last && last.s0 <= s0 && s1 <= last.s1)) last = { s0, s1, data: reduced(s0, s1) };
      const { s0: first, data } = last;
      const values = await data;
      return values.subarray((start - first * positions) * channels, (end - first * positions) * channels);
    },
  };
}
