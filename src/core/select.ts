/**
 * The values of ranks `ranks` (0-based, any order) of `a` as if it were sorted ascending, found
 * by selection instead of a sort: `a` is partly reordered in place (a scratch copy is the
 * caller's), in O(n) on average for a few ranks. `a` must hold no NaN. Duplicates cost nothing
 * extra (three-way partitions: a ReLU column of zeros is one pass), and a partition that makes
 * too little progress falls back to sorting its part, so the worst case stays O(n log n).
 * The sign of a zero follows the sort order (-0 before 0), so the result is the sorted array's,
 * bit for bit. RangeError for a rank outside [0, n).
 */
export function selectRanks(a: Float64Array, ranks: readonly number[]): Float64Array {
  const n = a.length;
  for (const k of ranks) if (!(Number.isInteger(k) && k >= 0 && k < n)) throw new RangeError(`rank ${k} is out of range (valid: 0-${n - 1})`);
  const wanted = [...new Set(ranks)].sort((x, y) => x - y);
  const found = new Map<number, number>();
  // parts of a still to split: [lo, hi) holding wanted[r0..r1)
  const stack: number[] = [0, n, 0, wanted.length, 0];
  const depthLimit = 2 * Math.ceil(Math.log2(n + 1)) + 8;
  while (stack.length > 0) {
    const depth = stack.pop()!;
    const r1 = stack.pop()!;
    const r0 = stack.pop()!;
    const hi = stack.pop()!;
    const lo = stack.pop()!;
    if (r0 >= r1) continue;
    if (hi - lo <= 16 || depth > depthLimit) {
      const part = a.subarray(lo, hi);
      part.sort();
      for (let r = r0; r < r1; r++) found.set(wanted[r]!, a[wanted[r]!]!);
      continue;
    }
    const p = medianOf3(a[lo]!, a[(lo + hi) >>> 1]!, a[hi - 1]!);
    // three-way partition: [lo, lt) < p, [lt, gt) == p, [gt, hi) > p
    let lt = lo;
    let i = lo;
    let gt = hi;
    while (i < gt) {
      const v = a[i]!;
      if (v < p) {
        a[i] = a[lt]!;
        a[lt++] = v;
        i++;
      } else if (v > p) {
        a[i] = a[--gt]!;
        a[gt] = v;
      } else i++;
    }
    let r = r0;
    const leftStart = r;
    while (r < r1 && wanted[r]! < lt) r++;
    const leftEnd = r;
    while (r < r1 && wanted[r]! < gt) found.set(wanted[r++]!, p);
    stack.push(lo, lt, leftStart, leftEnd, depth + 1, gt, hi, r, r1, depth + 1);
  }
  // -0 and 0 compare equal: a zero takes the sign the sort would give its rank
  let below = -1;
  let negZeros = 0;
  const out = new Float64Array(ranks.length);
  ranks.forEach((k, j) => {
    let v = found.get(k)!;
    if (v === 0) {
      if (below < 0) {
        below = 0;
        for (let i = 0; i < n; i++) {
          const x = a[i]!;
          if (x < 0) below++;
          else if (x === 0 && Object.is(x, -0)) negZeros++;
        }
      }
      v = k < below + negZeros ? -0 : 0;
    }
    out[j] = v;
  });
  return out;
}

function medianOf3(x: number, y: number, z: number): number {
  return x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
}
