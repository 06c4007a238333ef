import type { Matrix, Values } from "./matrix.js";

/** How the axes other than samples and channels are folded away. */
export type Reduce = "mean" | "max" | "flatten";

/**
 * A [samples, channels] matrix from a row-major tensor of any rank >= 1.
 *
 * - rank 1 [n] -> [n, 1] (channelAxis is ignored);
 * - rank >= 2: axis 0 is samples and `channelAxis` (negative counts from the end, so 1 and -3
 *   are the same axis of [N, C, H, W]) is channels; it cannot be axis 0.
 *   "mean" and "max" reduce the remaining axes: [N, C, H, W] -> [N, C];
 *   "flatten" makes every position of the remaining axes a sample: -> [N*H*W, C], rows ordered
 *   by sample, then position in row-major order.
 * A rank-2 tensor with channelAxis 1 is returned as it is (same data, no copy); with other
 * remaining axes of total size 1 the values are the same but copied.
 *
 * "mean" gives a Float64Array (summed in float64, shifted by the first value of each group, so
 * the mean of equal values is exactly that value); "max" and "flatten" keep the input's type.
 * NaN propagates through both reductions, as with np.mean / np.max.
 * RangeError for a bad axis (naming the rank), a shape that does not match the data, or
 * "mean"/"max" over remaining axes of size 0.
 */
export function toSamplesByChannels(shape: readonly number[], data: Values, channelAxis: number, reduce: Reduce): Matrix {
  const rank = shape.length;
  if (rank === 0) throw new RangeError("cannot make samples x channels from a rank-0 tensor (a scalar)");
  let size = 1;
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) throw new RangeError(`shape [${shape.join(", ")}] has a dimension that is not a non-negative integer`);
    size *= d;
  }
  if (size !== data.length) {
    throw new RangeError(`shape [${shape.join(", ")}] has ${size} elements but the data has ${data.length}`);
  }
  if (reduce !== "mean" && reduce !== "max" && reduce !== "flatten") {
    throw new TypeError(`unknown reduction "${String(reduce)}" (expected mean, max or flatten)`);
  }
  if (rank === 1) return { rows: shape[0]!, cols: 1, data };
  if (!Number.isInteger(channelAxis) || channelAxis < -rank || channelAxis >= rank) {
    throw new RangeError(`channel axis ${channelAxis} is out of range for a rank-${rank} tensor (valid: 1 to ${rank - 1}, or -${rank - 1} to -1)`);
  }
  const axis = channelAxis < 0 ? channelAxis + rank : channelAxis;
  if (axis === 0) {
    throw new RangeError(`channel axis ${channelAxis} is the sample axis of a rank-${rank} tensor (valid: 1 to ${rank - 1}, or -${rank - 1} to -1)`);
  }
  const samples = shape[0]!;
  const channels = shape[axis]!;
  if (rank === 2) return { rows: samples, cols: channels, data };
  let outer = 1; // positions of the axes between 0 and the channel axis
  for (let a = 1; a < axis; a++) outer *= shape[a]!;
  let inner = 1; // positions of the axes after the channel axis
  for (let a = axis + 1; a < rank; a++) inner *= shape[a]!;
  const positions = outer * inner;

  if (reduce === "flatten") {
    const out = data instanceof Float32Array ? new Float32Array(size) : new Float64Array(size);
    let src = 0;
    for (let n = 0; n < samples; n++) {
      const rowBase = n * positions;
      for (let o = 0; o < outer; o++) {
        for (let c = 0; c < channels; c++) {
          for (let k = 0; k < inner; k++) out[(rowBase + o * inner + k) * channels + c] = data[src++]!;
        }
      }
    }
    return { rows: samples * positions, cols: channels, data: out };
  }

  if (positions === 0 && samples * channels > 0) {
    throw new RangeError(`cannot take the ${reduce} over empty axes (shape [${shape.join(", ")}])`);
  }
  const cells = samples * channels;
  if (reduce === "max") {
    const out = data instanceof Float32Array ? new Float32Array(cells) : new Float64Array(cells);
    out.fill(-Infinity);
    let src = 0;
    for (let n = 0; n < samples; n++) {
      for (let o = 0; o < outer; o++) {
        for (let c = 0; c < channels; c++) {
          const cell = n * channels + c;
          let m = out[cell]!;
          for (let k = 0; k < inner; k++) {
            const v = data[src++]!;
            if (v > m || v !== v) m = v; // once NaN, stays NaN
          }
          out[cell] = m;
        }
      }
    }
    return { rows: samples, cols: channels, data: out };
  }

  // mean: sum of (v - first) per cell, then first + sum / positions
  const stride = outer * channels * inner; // elements per sample
  const first = new Float64Array(cells);
  const sum = new Float64Array(cells);
  for (let n = 0; n < samples; n++) {
    for (let c = 0; c < channels; c++) first[n * channels + c] = data[n * stride + c * inner]!;
  }
  let src = 0;
  for (let n = 0; n < samples; n++) {
    for (let o = 0; o < outer; o++) {
      for (let c = 0; c < channels; c++) {
        const cell = n * channels + c;
        const f = first[cell]!;
        let s = sum[cell]!;
        for (let k = 0; k < inner; k++) s += data[src++]! - f;
        sum[cell] = s;
      }
    }
  }
  for (let cell = 0; cell < cells; cell++) sum[cell] = first[cell]! + sum[cell]! / positions;
  return { rows: samples, cols: channels, data: sum };
}
