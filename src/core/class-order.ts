/**
 * Positions 0..n-1 sorted by class, stable (file order within a class), and where each class
 * starts: class c holds order[starts[c]] .. order[starts[c + 1] - 1]. `of[i]` is position i's
 * class, 0 <= of[i] < classes (RangeError otherwise).
 */
export function classOrder(of: Int32Array, classes: number): { order: Int32Array; starts: number[] } {
  const starts = new Array<number>(classes + 1).fill(0);
  for (let i = 0; i < of.length; i++) {
    const c = of[i]!;
    if (!(c >= 0 && c < classes)) throw new RangeError(`position ${i} has class ${c} (expected 0-${classes - 1})`);
    starts[c + 1]!++;
  }
  for (let c = 0; c < classes; c++) starts[c + 1]! += starts[c]!;
  const next = starts.slice(0, classes);
  const order = new Int32Array(of.length);
  for (let i = 0; i < of.length; i++) order[next[of[i]!]!++] = i;
  return { order, starts };
}
