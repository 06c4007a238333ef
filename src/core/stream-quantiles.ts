import type { Matrix } from "./matrix.js";
import { quantilePositions, quantileRanks, quantilesAt, type QuantilePosition } from "./quantiles.js";
import { selectRanks } from "./select.js";
import { STRIP_ROWS } from "./stats.js";

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
  /**
   * The bin of the last (lean) pass this range is, by its global index: found again by the same
   * arithmetic. Such a range's lo and hi are -Infinity and Infinity: a lean pass counts, it keeps
   * no least and greatest value per bin.
   */
  fromBin?: number;
}

const MAX_HIST_PASSES = 16;

/** One pass's work, per range s (sorted by column, then value). */
type ByBin = { lean: Int32Array; lo: Float64Array; hi: Float64Array; scale: Float64Array; binCount: Int32Array; binStart: Int32Array; slot: Uint8Array; range: boolean; outside: number };
type Pass = { byBin?: ByBin; lean: Int32Array | undefined; counts: Int32Array | undefined; under: Float64Array; over: Float64Array; least: Float64Array; most: Float64Array; atLo: Float64Array; atHi: Float64Array; first: Int32Array; lo: Float64Array; hi: Float64Array; scale: Float64Array; span: Float64Array; half: Uint8Array; binCount: Int32Array; binStart: Int32Array; buffers: (Float64Array | Float32Array | undefined)[]; filled: Int32Array; zero: Int32Array; target: Target[]; bins3: Float64Array; negZeros: Float64Array };

/**
 * np.quantile(column[finite], qs) (linear) for every column of a matrix too big to hold, bit for
 * bit, in a few passes over its rows and bounded memory, given each column's finite count, min
 * and max (from columnStats). Each pass, every range still holding wanted ranks is either
 * histogrammed (equal-width bins between its least and greatest value, keeping each bin's count,
 * least and greatest value) and narrowed to the bin holding each rank, or, once the values in
 * the ranges fit in `budget`, collected and the ranks selected among them (selectRanks: no sort).
 * A bin whose least and greatest values are equal needs no collecting (a ReLU's zeros, a clipped
 * bound); -0 and 0 keep the sort's order (-0 first). The first pass, with one range per column,
 * is lean: it counts (no least and greatest value per bin), and its bins are found again by the
 * same arithmetic, collected when they fit the budget, else given their least and greatest
 * values in one more pass and then narrowed like any range. A range's first and last values always fall
 * in different bins, so every histogram narrows it; after 16 histogram passes whatever is left
 * is collected regardless of the budget (values spread over hundreds of binades).
 * Typical data (a column's 400,000 values) takes one histogram pass and one collecting pass.
 */
export function quantileSearch(stats: readonly Stats[], qs: readonly number[], options: QuantileSearchOptions = {}): QuantileSearch {
  return search(stats.length, qs, options, stats).search;
}

/** Column statistics the search needs: the finite count, least and greatest value. */
type Stats = { count: number; min: number; max: number };

/** A quantile search whose first pass runs before the statistics are known (alongside them). */
export interface GuessedQuantileSearch {
  /** The next rows of the first pass. */
  add(block: Matrix): void;
  /** Ends the first pass, given the statistics of the same rows: the search from there on. */
  finish(stats: readonly Stats[]): QuantileSearch;
}

/**
 * quantileSearch whose first (lean) pass is made in the same pass over the rows as the
 * statistics it would otherwise wait for: each column's bins span a guessed range [lo[j], hi[j]]
 * (the least and greatest of the first rows, say), and the finite values outside it are counted
 * in a bin below and a bin above, settled in later passes like any bin. The answers are the
 * same bits whatever the guess; a good one saves a pass over the data.
 */
export function guessedQuantileSearch(guess: { lo: ArrayLike<number>; hi: ArrayLike<number> }, qs: readonly number[], options: QuantileSearchOptions = {}): GuessedQuantileSearch {
  if (guess.lo.length !== guess.hi.length) throw new RangeError(`guessed ranges: ${guess.lo.length} lows but ${guess.hi.length} highs`);
  const { search: s, finish } = search(guess.lo.length, qs, options, undefined, guess);
  return {
    add: s.add,
    finish: (stats) => {
      finish(stats);
      return s;
    },
  };
}

function search(cols: number, qs: readonly number[], options: QuantileSearchOptions, known: readonly Stats[] | undefined, guess?: { lo: ArrayLike<number>; hi: ArrayLike<number> }): { search: QuantileSearch; finish: (stats: readonly Stats[]) => void } {
  for (const q of qs) if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile must be in [0, 1] (got ${q})`);
  const bins = options.bins ?? 256;
  const budget = options.budget ?? 1 << 25;
  const binBudget = options.binBudget ?? 1 << 20;
  if (!(Number.isInteger(bins) && bins >= 2)) throw new RangeError(`bins must be an integer >= 2 (got ${bins})`);
  let positions: (QuantilePosition[] | undefined)[] = [];
  const found: Map<number, number>[] = Array.from({ length: cols }, () => new Map());
  let pending: Target[] = [];
  /** Each column's wanted ranks, or none when its quantiles are known without a pass. */
  const wanted = (stats: readonly Stats[]): (number[] | undefined)[] => {
    positions = stats.map((s) => (s.count > 0 ? quantilePositions(s.count, qs) : undefined));
    return stats.map((s, col) => {
      if (s.count === 0) return undefined;
      const ranks = [...new Set(quantileRanks(positions[col]!))].sort((a, b) => a - b);
      // a constant needs no pass, but for 0: which of its zeros are -0 is known only from one
      if (s.min === s.max && s.min !== 0) {
        for (const k of ranks) found[col]!.set(k, s.min);
        return undefined;
      }
      return ranks;
    });
  };
  if (known) {
    wanted(known).forEach((ranks, col) => {
      if (ranks) pending.push({ col, lo: known[col]!.min, hi: known[col]!.max, below: 0, inside: known[col]!.count, ranks });
    });
  } else {
    // every column histogrammed over its guess (a degenerate guess, lo = hi, is fine: its values
    // fall on it, below or above); `inside` is not known yet: as many as can be, so none is collected
    for (let col = 0; col < cols; col++) {
      let lo = Number(guess!.lo[col]);
      let hi = Number(guess!.hi[col]);
      if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo <= hi)) lo = hi = 0;
      if (lo < hi && !(Number.isFinite(hi - lo) && Number.isFinite(bins / (hi - lo)))) hi = lo;
      pending.push({ col, lo, hi, below: 0, inside: Number.MAX_SAFE_INTEGER, ranks: [] });
    }
  }
  let passes = 0;
  let histPasses = 0;
  let pass = plan();
  if (!known && !pass.lean) throw new RangeError("a guessed first pass must be lean");

  /** This pass's work: which targets are histogrammed (and with how many bins) and which collected. */
  function plan(last?: Pass): Pass {
    // collect every range once they all fit in the budget, else histogram them all (then the
    // pass is one lean loop, and the next collects by bin); a constant 0 is "histogrammed": its
    // -0s are counted, its values all fall on its ends
    const total = pending.reduce((sum, t) => sum + (t.lo !== t.hi ? t.inside : 0), 0);
    const all = histPasses >= MAX_HIST_PASSES || total <= budget;
    // the bins of a lean pass, too many values to collect: one pass finds their least and
    // greatest values (by the same arithmetic), then they are histogrammed as any range
    const ranging = !all && pending.some((t) => t.fromBin !== undefined);
    const collect = Uint8Array.from(pending, (t) => ((all || ranging) && t.lo !== t.hi ? 1 : 0));
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
        binStart[s] = ranging ? -2 : -1;
        if (!ranging && !(t.lo === 0 && t.hi === 0)) buffers[s] = options.float32 ? new Float32Array(t.inside) : new Float64Array(t.inside);
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
    const negZeros = new Float64Array(n);
    const atLo = new Float64Array(n);
    const atHi = new Float64Array(n);
    const under = new Float64Array(n); // a lean pass's finite values below lo (a guessed range)
    const over = new Float64Array(n); // and above hi
    const least = new Float64Array(ranging ? n : 0).fill(Infinity);
    const most = new Float64Array(ranging ? n : 0).fill(-Infinity);
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
    // a lean pass keeps counts only (an Int32 a bin: a column's bins stay in the cache; a least
    // and greatest value a bin cost more than the rest of the loop, 16 -> 7.7 ns a value)
    const counts = lean ? new Int32Array(totalBins) : undefined;
    const bins3 = new Float64Array(lean ? 0 : 3 * totalBins);
    for (let b = 0; b < bins3.length / 3; b++) {
      bins3[3 * b + 1] = Infinity;
      bins3[3 * b + 2] = -Infinity;
    }
    // the by-bin loop: every range a bin of the last pass, which was lean, all collected
    let byBin: ByBin | undefined;
    if (last?.lean && n > 0 && target.every((t, s) => t.fromBin !== undefined && binStart[s]! < 0)) {
      // the last pass's bins, then each range's values below and above it (2 slots a range)
      const outside = last.counts!.length;
      // a bin's range among its column's (first[col] + slot - 1; 0: none): a byte a bin, so that a
      // column's slots stay in the cache (a column has at most a few ranges: one a wanted rank)
      const slot = new Uint8Array(outside + 2 * last.target.length);
      target.forEach((t, s) => {
        const local = s - first[t.col]! + 1;
        if (local > 255) throw new RangeError(`column ${t.col}: more than 255 ranges`);
        slot[t.fromBin!] = local;
      });
      byBin = { lean: last.lean, lo: last.lo, hi: last.hi, scale: last.scale, binCount: last.binCount, binStart: last.binStart, slot, range: ranging, outside };
    } else if (target.some((t) => t.fromBin !== undefined)) {
      throw new RangeError("a lean pass's bins must all be collected or all ranged in the next pass");
    }
    return { byBin, lean, counts, under, over, least, most, atLo, atHi, first, lo, hi, scale, span, half, binCount, binStart, buffers, filled, zero, target, bins3, negZeros };
  }

  const add = ({ rows, cols: width, data }: Matrix): void => {
    if (width !== cols) throw new RangeError(`block has ${width} columns but the search has ${cols}`);
    const { first, lo, hi, scale, span, half, binCount, binStart, buffers, filled, zero, bins3, negZeros, atLo, atHi, lean, counts, under, over, least, most, byBin } = pass;
    const guessing = passes === 0 && !known;
    if (byBin) {
      // the usual collecting pass: a value's bin in the last pass, by the same arithmetic, is its range
      const { lean: cols1, lo: lo1, hi: hi1, scale: scale1, binCount: count1, binStart: start1, slot, range, outside } = byBin;
      // column by column over strips of rows (as statsAccumulator): a column's arithmetic in locals
      for (let r0 = 0; r0 < rows; r0 += STRIP_ROWS) {
        const r1 = Math.min(rows, r0 + STRIP_ROWS);
        for (let j = 0; j < cols; j++) {
          const s1 = cols1[j]!;
          if (s1 < 0) continue;
          const l = lo1[s1]!;
          const h = hi1[s1]!;
          const k = scale1[s1]!;
          const b = count1[s1]!;
          const start = start1[s1]!;
          const below = slot[outside + 2 * s1]!;
          const above = slot[outside + 2 * s1 + 1]!;
          const base = first[j]! - 1;
          for (let r = r0, at = r0 * cols + j; r < r1; r++, at += cols) {
            const v = data[at]!;
            let local: number;
            if (v > l && v < h) {
              let bin = Math.floor((v - l) * k);
              if (bin >= b) bin = b - 1;
              local = slot[start + bin]!;
            } else if (v < l) local = v === -Infinity ? 0 : below;
            else if (v > h) local = v === Infinity ? 0 : above;
            else continue;
            if (local === 0) continue;
            const s = base + local;
            if (!range) buffers[s]![filled[s]!++] = v;
            else {
              filled[s]!++;
              if (v < least[s]!) least[s] = v;
              if (v > most[s]!) most[s] = v;
              if (v === 0 && Object.is(v, -0)) zero[s]!++;
            }
          }
        }
      }
      return;
    }
    if (lean) {
      // the usual first pass: one range per column, histogrammed, with bins by multiplication
      for (let r0 = 0; r0 < rows; r0 += STRIP_ROWS) {
        const r1 = Math.min(rows, r0 + STRIP_ROWS);
        for (let j = 0; j < cols; j++) {
          const s = lean[j]!;
          if (s < 0) continue;
          const l = lo[s]!;
          const h = hi[s]!;
          const k = scale[s]!;
          const b = binCount[s]!;
          const start = binStart[s]!;
          let low = 0;
          let high = 0;
          let negative = 0;
          let below = 0;
          let above = 0;
          for (let r = r0, at = r0 * cols + j; r < r1; r++, at += cols) {
            const v = data[at]!;
            if (!(v > l && v < h)) {
              // the range's ends are bins of their own; finite values outside (a guessed range) are
              // counted below or above it; NaN and ±Infinity are in none
              if (v === l) low++;
              else if (v === h) high++;
              else {
                if (guessing) {
                  if (v < l) below += +(v !== -Infinity);
                  else if (v > h) above += +(v !== Infinity);
                }
                continue;
              }
              if (v === 0 && Object.is(v, -0)) negative++;
              continue;
            }
            let bin = Math.floor((v - l) * k);
            if (bin >= b) bin = b - 1;
            counts![start + bin]!++;
          }
          atLo[s] = atLo[s]! + low;
          atHi[s] = atHi[s]! + high;
          negZeros[s] = negZeros[s]! + negative;
          under[s] = under[s]! + below;
          over[s] = over[s]! + above;
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
    const { binCount, binStart, buffers, filled, zero, target, bins3, negZeros, atLo, atHi, counts, under, over, least, most } = pass;
    const next: Target[] = [];
    let histogrammed = false;
    target.forEach((t, s) => {
      const start = binStart[s]!;
      const col = found[t.col]!;
      if (start === -2) {
        // a lean pass's bin, now with its least and greatest values: constant, or a range as any
        if (filled[s] !== t.inside) throw new RangeError(`column ${t.col}: ${filled[s]} values in a bin this pass, ${t.inside} the last (the data changed between passes)`);
        const a = least[s]!;
        const z = most[s]!;
        if (a !== z) next.push({ col: t.col, lo: a, hi: z, below: t.below, inside: t.inside, ranks: t.ranks });
        else if (a !== 0) for (const k of t.ranks) col.set(k, a);
        else for (const k of t.ranks) col.set(k, k - t.below < zero[s]! ? -0 : 0);
        return;
      }
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
      let seen = atLo[s]! + atHi[s]! + under[s]! + over[s]!;
      const binValues = (b: number) => (counts ? counts[start + b]! : bins3[3 * (start + b)]!);
      for (let b = 0; b < total; b++) seen += binValues(b);
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
      // a lean pass's values below and above its range (a guess), found again by the next pass
      const outside = counts ? counts.length + 2 * s : -1;
      const lower = take(under[s]!);
      if (lower.length > 0) place(-Infinity, Infinity, t.below, under[s]!, lower, outside);
      before += under[s]!;
      const low = take(atLo[s]!);
      if (low.length > 0) place(t.lo, t.lo, t.below + before, atLo[s]!, low);
      before += atLo[s]!;
      for (let b = 0; b < total && r < t.ranks.length; b++) {
        const c = binValues(b);
        const ranks = take(c);
        if (ranks.length > 0) {
          if (counts) place(-Infinity, Infinity, t.below + before, c, ranks, start + b);
          else place(bins3[3 * (start + b) + 1]!, bins3[3 * (start + b) + 2]!, t.below + before, c, ranks, start + b);
        }
        before += c;
      }
      const high = take(atHi[s]!);
      if (high.length > 0) place(t.hi, t.hi, t.below + before, atHi[s]!, high);
      before += atHi[s]!;
      const upper = take(over[s]!);
      if (upper.length > 0) place(-Infinity, Infinity, t.below + before, over[s]!, upper, outside + 1);
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

  const finish = (stats: readonly Stats[]): void => {
    if (known || passes !== 0) throw new RangeError("finish ends the first pass of a guessed search, once");
    if (stats.length !== cols) throw new RangeError(`statistics of ${stats.length} columns for a search of ${cols}`);
    const ranks = wanted(stats);
    for (const t of pass.target) {
      t.inside = stats[t.col]!.count;
      t.ranks = ranks[t.col] ?? [];
    }
    endPass();
  };

  return { search: { done: () => pending.length === 0, add, endPass, passes: () => passes, result }, finish };
}
