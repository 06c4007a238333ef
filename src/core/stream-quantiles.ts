import type { Matrix } from "./matrix.js";
import { quantilePositions, quantileRanks, quantilesAt, type QuantilePosition } from "./quantiles.js";
import { selectRanks } from "./select.js";

export interface QuantileSearchOptions {
  /** Bins of a column's first histogram (default 256: a thousand columns' histograms stay in cache). */
  bins?: number;
  /** The most values held at once to select among (default 2^25: 128 MB of float32, 256 MB of float64); more are narrowed by histograms first. */
  budget?: number;
  /** Collect into float32 (the values are float32: exact, half the memory). */
  float32?: boolean;
  /** The most histogram bins held at once, all columns together (default 2^20). */
  binBudget?: number;
}

/** Exact quantiles of every column of rows read in passes: `add` every block of a pass, `endPass`, until `done`. */
export interface QuantileSearch {
  /** No pass is needed any more. */
  done(): boolean;
  /** The next rows of the current pass (the same rows, in the same blocks or others, every pass). */
  add(block: Matrix): void;
  /** Ends a pass: narrows each rank to a bin, or selects among the values collected. */
  endPass(): void;
  /** Passes made so far. */
  passes(): number;
  /** Column j's quantile k at [j * qs.length + k] (NaN for a column with no finite value). */
  result(): Float64Array;
}

/** A range of one column's values [lo, hi] (its actual least and greatest) holding some wanted ranks. */
interface Target {
  col: number;
  lo: number;
  hi: number;
  /** Finite values of the column below lo. */
  below: number;
  /** Values in [lo, hi]. */
  inside: number;
  /** Wanted ranks (of the column's sorted finite values) in the range. */
  ranks: number[];
  /** The bin of the last (lean) pass this range is, by its global index: found again by the same arithmetic. */
  fromBin?: number;
}

const MAX_HIST_PASSES = 16;

/** One pass's work, per range s (sorted by column, then value). */
type Pass = { byBin?: { lean: Int32Array; lo: Float64Array; hi: Float64Array; scale: Float64Array; binCount: Int32Array; binStart: Int32Array; slot: Int32Array }; lean: Int32Array | undefined; atLo: Float64Array; atHi: Float64Array; first: Int32Array; lo: Float64Array; hi: Float64Array; scale: Float64Array; span: Float64Array; half: Uint8Array; binCount: Int32Array; binStart: Int32Array; buffers: (Float64Array | Float32Array | undefined)[]; filled: Int32Array; zero: Int32Array; target: Target[]; bins3: Float64Array; negZeros: Float64Array };

/**
 * np.quantile(column[finite], qs) (linear) for every column of a matrix too big to hold, bit for
 * bit, in a few passes over its rows and bounded memory, given each column's finite count, min
 * and max (from columnStats). Each pass, every range still holding wanted ranks is either
 * histogrammed (equal-width bins between its least and greatest value, keeping each bin's count,
 * least and greatest value) and narrowed to the bin holding each rank, or, once the values in
 * the ranges fit in `budget`, collected and the ranks selected among them (selectRanks: no sort).
 * A bin whose least and greatest values are equal needs no collecting (a ReLU's zeros, a clipped
 * bound); -0 and 0 keep the sort's order (-0 first). A range's first and last values always fall
 * in different bins, so every histogram narrows it; after 16 histogram passes whatever is left
 * is collected regardless of the budget (values spread over hundreds of binades).
 * Typical data (a column's 400,000 values) takes one histogram pass and one collecting pass.
 */
export function quantileSearch(stats: readonly { count: number; min: number; max: number }[], qs: readonly number[], options: QuantileSearchOptions = {}): QuantileSearch {
  for (const q of qs) if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile must be in [0, 1] (got ${q})`);
  const bins = options.bins ?? 256;
  const budget = options.budget ?? 1 << 25;
  const binBudget = options.binBudget ?? 1 << 20;
  if (!(Number.isInteger(bins) && bins >= 2)) throw new RangeError(`bins must be an integer >= 2 (got ${bins})`);
  const cols = stats.length;
  const positions: (QuantilePosition[] | undefined)[] = stats.map((s) => (s.count > 0 ? quantilePositions(s.count, qs) : undefined));
  const found: Map<number, number>[] = stats.map(() => new Map());
  let pending: Target[] = [];
  stats.forEach((s, col) => {
    if (s.count === 0) return;
    const ranks = [...new Set(quantileRanks(positions[col]!))].sort((a, b) => a - b);
    // a constant needs no pass, but for 0: which of its zeros are -0 is known only from one
    if (s.min === s.max && s.min !== 0) for (const k of ranks) found[col]!.set(k, s.min);
    else pending.push({ col, lo: s.min, hi: s.max, below: 0, inside: s.count, ranks });
  });
  let passes = 0;
  let histPasses = 0;
  let pass = plan();

  /** This pass's work: which targets are histogrammed (and with how many bins) and which collected. */
  function plan(last?: Pass): Pass {
    // collect every range once they all fit in the budget, else histogram them all (then the
    // pass is one lean loop, and the next collects by bin); a constant 0 is "histogrammed": its
    // -0s are counted, its values all fall on its ends
    const total = pending.reduce((sum, t) => sum + (t.lo !== t.hi ? t.inside : 0), 0);
    const all = histPasses >= MAX_HIST_PASSES || total <= budget;
    const collect = Uint8Array.from(pending, (t) => (all && t.lo !== t.hi ? 1 : 0));
    const histCount = pending.length - collect.reduce((a, b) => a + b, 0);
    const perTarget = Math.max(16, Math.min(bins, Math.floor(binBudget / Math.max(1, histCount))));
    // per column, its targets by lo (they never overlap): [first[col], first[col + 1])
    const sorted = pending.map((_, i) => i).sort((a, b) => pending[a]!.col - pending[b]!.col || pending[a]!.lo - pending[b]!.lo);
    const n = sorted.length;
    const first = new Int32Array(cols + 1);
    for (const i of sorted) first[pending[i]!.col + 1]!++;
    for (let c = 0; c < cols; c++) first[c + 1] = first[c + 1]! + first[c]!;
    const lo = new Float64Array(n);
    const hi = new Float64Array(n);
    const scale = new Float64Array(n); // bins per unit of (v - lo); 0: divide by span instead
    const span = new Float64Array(n);
    const half = new Uint8Array(n); // the span overflows: bin v / 2 over halves
    const binCount = new Int32Array(n);
    const binStart = new Int32Array(n); // -1: collected
    const buffers: (Float64Array | Float32Array | undefined)[] = new Array(n);
    const filled = new Int32Array(n);
    const zero = new Int32Array(n); // constant-zero targets: how many -0
    const target: Target[] = new Array(n);
    let totalBins = 0;
    sorted.forEach((i, s) => {
      const t = pending[i]!;
      target[s] = t;
      lo[s] = t.lo;
      hi[s] = t.hi;
      if (collect[i]) {
        binStart[s] = -1;
        if (!(t.lo === 0 && t.hi === 0)) buffers[s] = options.float32 ? new Float32Array(t.inside) : new Float64Array(t.inside);
        return;
      }
      const b = Math.min(perTarget, Math.max(2, t.inside));
      binCount[s] = b;
      binStart[s] = totalBins;
      totalBins += b;
      let w = t.hi - t.lo;
      if (w === Infinity) {
        half[s] = 1;
        w = t.hi / 2 - t.lo / 2;
      }
      span[s] = w;
      const k = b / w;
      scale[s] = w === 0 ? 1 : Number.isFinite(k) ? k : 0; // w 0: no value is strictly inside
    });
    const bins3 = new Float64Array(3 * totalBins);
    for (let b = 0; b < totalBins; b++) {
      bins3[3 * b + 1] = Infinity;
      bins3[3 * b + 2] = -Infinity;
    }
    const negZeros = new Float64Array(n);
    const atLo = new Float64Array(n);
    const atHi = new Float64Array(n);
    // the lean loop: at most one range per column, each histogrammed with a finite scale
    let lean: Int32Array | undefined = new Int32Array(cols).fill(-1);
    for (let c = 0; c < cols && lean; c++) {
      const count = first[c + 1]! - first[c]!;
      if (count > 1) lean = undefined;
      else if (count === 1) {
        const t = first[c]!;
        if (binStart[t]! < 0 || half[t] || !(scale[t]! > 0)) lean = undefined;
        else lean[c] = t;
      }
    }
    // the by-bin loop: every range a bin of the last pass, which was lean, all collected
    let byBin: { lean: Int32Array; lo: Float64Array; hi: Float64Array; scale: Float64Array; binCount: Int32Array; binStart: Int32Array; slot: Int32Array } | undefined;
    if (last?.lean && n > 0 && target.every((t, s) => t.fromBin !== undefined && binStart[s]! < 0)) {
      const slot = new Int32Array(last.bins3.length / 3).fill(-1);
      target.forEach((t, s) => (slot[t.fromBin!] = s));
      byBin = { lean: last.lean, lo: last.lo, hi: last.hi, scale: last.scale, binCount: last.binCount, binStart: last.binStart, slot };
    }
    return { byBin, lean, atLo, atHi, first, lo, hi, scale, span, half, binCount, binStart, buffers, filled, zero, target, bins3, negZeros };
  }

  const add = ({ rows, cols: width, data }: Matrix): void => {
    if (width !== cols) throw new RangeError(`block has ${width} columns but the search has ${cols}`);
    const { first, lo, hi, scale, span, half, binCount, binStart, buffers, filled, zero, bins3, negZeros, atLo, atHi, lean, byBin } = pass;
    if (byBin) {
      // the usual collecting pass: a value's bin in the last pass, by the same arithmetic, is its range
      const { lean: cols1, lo: lo1, hi: hi1, scale: scale1, binCount: count1, binStart: start1, slot } = byBin;
      for (let r = 0, base = 0; r < rows; r++, base += cols) {
        for (let j = 0; j < cols; j++) {
          const s1 = cols1[j]!;
          if (s1 < 0) continue;
          const v = data[base + j]!;
          const l = lo1[s1]!;
          if (!(v > l && v < hi1[s1]!)) continue;
          const b = count1[s1]!;
          let bin = Math.floor((v - l) * scale1[s1]!);
          if (bin >= b) bin = b - 1;
          const s = slot[start1[s1]! + bin]!;
          if (s >= 0) buffers[s]![filled[s]!++] = v;
        }
      }
      return;
    }
    if (lean) {
      // the usual first pass: one range per column, histogrammed, with bins by multiplication
      for (let r = 0, base = 0; r < rows; r++, base += cols) {
        for (let j = 0; j < cols; j++) {
          const s = lean[j]!;
          if (s < 0) continue;
          const v = data[base + j]!;
          const l = lo[s]!;
          const h = hi[s]!;
          if (!(v > l && v < h)) {
            // NaN, ±Infinity and values outside are not in the range; its ends are bins of their own
            if (v === l) atLo[s]!++;
            else if (v === h) atHi[s]!++;
            else continue;
            if (v === 0 && Object.is(v, -0)) negZeros[s]!++;
            continue;
          }
          const b = binCount[s]!;
          let bin = Math.floor((v - l) * scale[s]!);
          if (bin >= b) bin = b - 1;
          const at = 3 * (binStart[s]! + bin);
          bins3[at]!++;
          if (v < bins3[at + 1]!) bins3[at + 1] = v;
          if (v > bins3[at + 2]!) bins3[at + 2] = v;
          if (v === 0 && Object.is(v, -0)) negZeros[s]!++;
        }
      }
      return;
    }
    for (let r = 0, base = 0; r < rows; r++, base += cols) {
      for (let j = 0; j < cols; j++) {
        const end = first[j + 1]!;
        let s = first[j]!;
        if (s === end) continue;
        const v = data[base + j]!;
        if (v - v !== 0) continue;
        for (; s < end; s++) {
          if (v < lo[s]!) break;
          if (v > hi[s]!) continue;
          const start = binStart[s]!;
          if (start < 0) {
            const buffer = buffers[s];
            if (buffer) buffer[filled[s]!++] = v;
            else if (Object.is(v, -0)) zero[s]!++;
            break;
          }
          // the range's ends are bins of their own: a ReLU's zeros, a clipped bound, never collected
          if (v === lo[s] || v === hi[s]) {
            if (v === lo[s]) atLo[s]!++;
            else atHi[s]!++;
            if (v === 0 && Object.is(v, -0)) negZeros[s]!++;
            break;
          }
          const b = binCount[s]!;
          const k = scale[s]!;
          const x = half[s] ? v / 2 - lo[s]! / 2 : v - lo[s]!;
          let bin = k > 0 ? Math.floor(x * k) : Math.floor((x / span[s]!) * b);
          if (bin >= b) bin = b - 1;
          // count, least, most side by side: one cache line per value
          const at = 3 * (start + bin);
          bins3[at]!++;
          if (v < bins3[at + 1]!) bins3[at + 1] = v;
          if (v > bins3[at + 2]!) bins3[at + 2] = v;
          if (v === 0 && Object.is(v, -0)) negZeros[s]!++;
          break;
        }
      }
    }
  };

  const endPass = (): void => {
    const { binCount, binStart, buffers, filled, zero, target, bins3, negZeros, atLo, atHi } = pass;
    const next: Target[] = [];
    let histogrammed = false;
    target.forEach((t, s) => {
      const start = binStart[s]!;
      const col = found[t.col]!;
      if (start < 0) {
        const buffer = buffers[s];
        if (!buffer) {
          // ±0 only: -0 first, as sorted
          for (const k of t.ranks) col.set(k, k - t.below < zero[s]! ? -0 : 0);
          return;
        }
        if (filled[s] !== t.inside) throw new RangeError(`column ${t.col}: ${filled[s]} values in [${t.lo}, ${t.hi}] this pass, ${t.inside} the last (the data changed between passes)`);
        const values = selectRanks(buffer instanceof Float64Array ? buffer : Float64Array.from(buffer), t.ranks.map((k) => k - t.below));
        t.ranks.forEach((k, i) => col.set(k, values[i]!));
        return;
      }
      histogrammed = true;
      const total = binCount[s]!;
      let seen = atLo[s]! + atHi[s]!;
      for (let b = 0; b < total; b++) seen += bins3[3 * (start + b)]!;
      if (seen !== t.inside) throw new RangeError(`column ${t.col}: ${seen} values in [${t.lo}, ${t.hi}] this pass, ${t.inside} the last (the data changed between passes)`);
      /** A range of known values: all equal (a, from rank below on), or to narrow further. */
      const place = (a: number, z: number, below: number, inside: number, ranks: number[], bin?: number) => {
        if (a !== z) next.push({ col: t.col, lo: a, hi: z, below, inside, ranks, ...(bin !== undefined && pass.lean ? { fromBin: bin } : {}) });
        else if (a !== 0) for (const k of ranks) col.set(k, a);
        else for (const k of ranks) col.set(k, k - below < negZeros[s]! ? -0 : 0); // all the zeros are here, -0 first
      };
      // the values equal to lo, the bins, the values equal to hi: in value order
      let r = 0;
      let before = 0;
      const take = (c: number): number[] => {
        const ranks: number[] = [];
        while (r < t.ranks.length && t.ranks[r]! - t.below < before + c) ranks.push(t.ranks[r++]!);
        return ranks;
      };
      const low = take(atLo[s]!);
      if (low.length > 0) place(t.lo, t.lo, t.below, atLo[s]!, low);
      before += atLo[s]!;
      for (let b = 0; b < total && r < t.ranks.length; b++) {
        const c = bins3[3 * (start + b)]!;
        const ranks = take(c);
        if (ranks.length > 0) place(bins3[3 * (start + b) + 1]!, bins3[3 * (start + b) + 2]!, t.below + before, c, ranks, start + b);
        before += c;
      }
      const high = take(atHi[s]!);
      if (high.length > 0) place(t.hi, t.hi, t.below + before, atHi[s]!, high);
    });
    passes++;
    if (histogrammed) histPasses++;
    pending = next;
    pass = plan(pass);
  };

  const result = (): Float64Array => {
    if (pending.length > 0) throw new RangeError(`quantiles asked for after ${passes} passes, ${pending.length} ranges still open`);
    const out = new Float64Array(cols * qs.length).fill(NaN);
    for (let col = 0; col < cols; col++) {
      const at = positions[col];
      if (!at) continue;
      const value = found[col]!;
      quantilesAt(at, (k) => value.get(k)!).forEach((q, i) => (out[col * qs.length + i] = q));
    }
    return out;
  };

  return { done: () => pending.length === 0, add, endPass, passes: () => passes, result };
}
