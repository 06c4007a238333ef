/**
 * The optimal-string-alignment distance between a and b: insertions, deletions, substitutions
 * and transpositions of adjacent characters each cost 1 ("rleu" → "relu" is 1).
 */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  // three rolling rows: i − 2, i − 1, i
  let before = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let row = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= m; i++) {
    row[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, before[j - 2]! + 1);
      }
      row[j] = d;
    }
    [before, prev, row] = [prev, row, before];
  }
  return prev[n]!;
}
