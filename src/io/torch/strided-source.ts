import type { ByteSource } from "../byte-source.js";
import { decodeElements, type ElementType } from "../npy/decode-elements.js";
import type { TensorSource } from "../tensor-source.js";

/** One positioned read covers at most this many bytes; a wider view is split along its widest axis. */
const SPAN_MAX = 4 << 20;
/** Rows are gathered this many bytes of them at a time (at least the block asked for), and kept for the next blocks. */
const GATHER_BYTES = 8 << 20;

/**
 * A strided view of a storage (a transpose, a column slice: torch.save of `x.t()` keeps the
 * storage and the strides) as a TensorSource: each block of rows is gathered from the storage by
 * its strides, reading the byte range each part of the block covers (at most SPAN_MAX bytes at a
 * time, or `spanMax`; the view split along its widest axis past that); rows are gathered
 * `gatherBytes` of them at a time (8 MiB) and kept for the blocks that follow. `storage` holds the elements from
 * `offset` on (in elements); the caller has checked that the view lies inside it.
 */
export function stridedSource(storage: ByteSource, shape: readonly number[], stride: readonly number[], offset: number, dtype: string, type: ElementType, spanMax = SPAN_MAX, gatherBytes = GATHER_BYTES): TensorSource {
  const rows = shape.length === 0 ? 1 : shape[0]!;
  const rest = shape.slice(1);
  const perRow = rest.reduce((a, b) => a * b, 1);
  const size = type.size;
  const Out = decodeElements(new Uint8Array(0), 0, 0, type).constructor as Float32ArrayConstructor | Float64ArrayConstructor;
  // C-order strides of a block [n, ...rest] in the output
  const outStride = shape.map((_, d) => shape.slice(d + 1).reduce((a, b) => a * b, 1));
  let cache: { start: number; rows: number; values: Float32Array | Float64Array } | undefined;
  return {
    shape,
    dtype,
    rowBytes: perRow * size,
    async readRows(start, end) {
      if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= rows)) {
        throw new RangeError(`rows [${start}, ${end}) are outside the array's ${rows}`);
      }
      if ((end - start) * perRow === 0) return new Out(0);
      if (shape.length === 0) return decodeElements(await storage.read(offset * size, size), 0, 1, type);
      // a transpose's rows are one run per column: gathering many rows at once makes those runs
      // long, so each block after the first is served from the rows kept (blocks come in order)
      if (!(cache && start >= cache.start && end <= cache.start + cache.rows)) {
        const n = Math.min(rows - start, Math.max(end - start, Math.floor(gatherBytes / (perRow * size))));
        const values = new Out(n * perRow);
        const axes = shape.map((m, d) => ({ n: d === 0 ? n : m, stride: stride[d]!, out: outStride[d]! }));
        await gather(values, 0, offset + start * stride[0]!, axes);
        cache = { start, rows: n, values };
      }
      return cache.values.slice((start - cache.start) * perRow, (end - cache.start) * perRow);
    },
  };

  /** Fills `out` from `at` with the view `axes` of the storage from element `base`. */
  async function gather(out: Float32Array | Float64Array, at: number, base: number, axes: { n: number; stride: number; out: number }[]): Promise<void> {
    const span = axes.reduce((s, a) => s + (a.n - 1) * a.stride, 0) + 1;
    const widest = axes.reduce((w, a, i) => ((a.n - 1) * a.stride > (axes[w]!.n - 1) * axes[w]!.stride ? i : w), 0);
    if (span * size > spanMax && axes[widest]!.n > 1) {
      const a = axes[widest]!;
      const others = axes.filter((_, i) => i !== widest);
      for (let k = 0; k < a.n; k++) await gather(out, at + k * a.out, base + k * a.stride, others);
      return;
    }
    const values = decodeElements(await storage.read(base * size, span * size), 0, span, type);
    if (axes.length === 1) {
      // one axis (a transpose's column run): a tight loop
      const { n, stride: step, out: jump } = axes[0]!;
      for (let i = 0, src = 0, dst = at; i < n; i++, src += step, dst += jump) out[dst] = values[src]!;
      return;
    }
    const index = new Array<number>(axes.length).fill(0);
    let src = 0;
    let dst = at;
    const count = axes.reduce((c, a) => c * a.n, 1);
    for (let i = 0; i < count; i++) {
      out[dst] = values[src]!;
      for (let d = axes.length - 1; d >= 0; d--) {
        const a = axes[d]!;
        src += a.stride;
        dst += a.out;
        if (++index[d]! < a.n) break;
        src -= a.stride * a.n;
        dst -= a.out * a.n;
        index[d] = 0;
      }
    }
  }
}
