import type { ColumnStats } from "./stats.js";

/**
 * The indices named by a list such as "0-15,42": comma-separated 0-based indices and inclusive
 * ranges A-B, spaces allowed around numbers. Returned sorted ascending without duplicates
 * ("42,0-3,2" -> [0, 1, 2, 3, 42]), whatever the order in the list.
 *
 * TypeError for bad syntax, naming the bad part; RangeError for an index >= count
 * ("neuron 130 is out of range (valid: 0-127)") or a reversed range ("9-3").
 * `noun` names the things counted in messages.
 */
export function parseIndexList(spec: string, count: number, noun = "neuron"): number[] {
  checkCount(count);
  if (spec.trim() === "") throw new TypeError(`empty ${noun} list (expected indices and ranges like "0-15,42")`);
  const chosen = new Uint8Array(count);
  for (const raw of spec.split(",")) {
    const part = raw.trim();
    const match = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(part);
    if (match === null) {
      throw new TypeError(`bad ${noun} list part "${part}" in "${spec}" (expected N or A-B with 0-based N, A <= B, like "0-15,42")`);
    }
    const first = Number(match[1]);
    const last = match[2] === undefined ? first : Number(match[2]);
    if (last < first) throw new RangeError(`${noun} range ${first}-${last} is reversed (expected A <= B in A-B)`);
    if (last >= count) {
      const bad = first >= count ? first : last;
      const valid = count === 0 ? "there are none" : `valid: 0-${count - 1}`;
      throw new RangeError(`${noun} ${bad} is out of range (${valid})`);
    }
    chosen.fill(1, first, last + 1);
  }
  const out: number[] = [];
  for (let i = 0; i < count; i++) if (chosen[i] === 1) out.push(i);
  return out;
}

/**
 * The half-open range [start, stop) of a Python-like slice "A:B" over `count` samples: A and B
 * may be empty (start, end) or negative (counted from the end), and are clamped to [0, count]
 * as Python does ("-100:" is the last 100, ":10" the first 10, ":" everything).
 * TypeError for bad syntax (a step "A:B:C" is not supported); RangeError when nothing is left.
 */
export function parseSampleRange(spec: string, count: number): [number, number] {
  checkCount(count);
  const match = /^\s*([+-]?\d+)?\s*:\s*([+-]?\d+)?\s*$/.exec(spec);
  if (match === null) {
    throw new TypeError(`bad sample range "${spec}" (expected A:B like "0:1000", "-500:" or ":", A and B optional)`);
  }
  const resolve = (text: string | undefined, fallback: number): number => {
    if (text === undefined) return fallback;
    const v = Number(text);
    return Math.min(Math.max(v < 0 ? v + count : v, 0), count);
  };
  const start = resolve(match[1], 0);
  const stop = resolve(match[2], count);
  if (start >= stop) {
    throw new RangeError(`sample range "${spec.trim()}" selects no samples (${start}:${stop} of ${count})`);
  }
  return [start, stop];
}

/** What topK ranks neurons by. */
export type RankBy = "variance" | "mean" | "max" | "inactive";

/**
 * The indices of the k neurons with the largest key (std², mean, max or inactiveFraction),
 * descending; ties go to the lower index, NaN keys (columns without finite values) come last.
 * k larger than the number of neurons returns them all.
 */
export function topK(stats: readonly ColumnStats[], k: number, by: RankBy): number[] {
  return topKOf(stats.map(keyOf(by)), k);
}

/**
 * The indices of the k largest keys, descending; ties go to the lower index, NaN keys come
 * last. k larger than the number of keys returns them all.
 */
export function topKOf(keys: ArrayLike<number>, k: number): number[] {
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`k must be a non-negative integer (got ${k})`);
  const order = Array.from({ length: keys.length }, (_, i) => i);
  order.sort((a, b) => {
    const ka = keys[a]!;
    const kb = keys[b]!;
    const na = Number.isNaN(ka);
    const nb = Number.isNaN(kb);
    if (na || nb) return na === nb ? a - b : na ? 1 : -1;
    return ka > kb ? -1 : ka < kb ? 1 : a - b;
  });
  return order.slice(0, k);
}

function keyOf(by: RankBy): (s: ColumnStats) => number {
  switch (by) {
    case "variance":
      return (s) => s.std * s.std;
    case "mean":
      return (s) => s.mean;
    case "max":
      return (s) => s.max;
    case "inactive":
      return (s) => s.inactiveFraction;
    default:
      throw new TypeError(`cannot rank by "${String(by)}" (expected variance, mean, max or inactive)`);
  }
}

function checkCount(count: number): void {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer (got ${count})`);
}
