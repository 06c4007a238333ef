import { DIGITS } from "../jobs/neurons-names.js";

/**
 * Whether some path matches both patterns, where DIGITS stands for a run of one or more digits
 * and every other character for itself (`figs/neuron-#.png` and `figs/neuron-007.png` do;
 * `figs/neuron-#.png` and `figs/neuron-grid.png` do not). A search over pairs of positions,
 * each DIGITS read as one digit then any more.
 */
export function patternsOverlap(a: string, b: string): boolean {
  const ta = tokens(a);
  const tb = tokens(b);
  const seen = new Set<number>();
  const stack: [number, number][] = [[0, 0]];
  while (stack.length > 0) {
    const [i, j] = stack.pop()!;
    const key = i * (tb.length + 1) + j;
    if (seen.has(key)) continue;
    seen.add(key);
    if (i === ta.length && j === tb.length) return true;
    const x = ta[i];
    const y = tb[j];
    // "more digits" may match nothing
    if (x === MORE) stack.push([i + 1, j]);
    if (y === MORE) stack.push([i, j + 1]);
    if (x === undefined || y === undefined) continue;
    const cx = x === MORE ? DIGIT : x;
    const cy = y === MORE ? DIGIT : y;
    const meet = cx === cy || (cx === DIGIT && /^[0-9]$/.test(cy)) || (cy === DIGIT && /^[0-9]$/.test(cx));
    if (meet) stack.push([x === MORE ? i : i + 1, y === MORE ? j : j + 1]);
  }
  return false;
}

const DIGIT = "\u0001digit";
const MORE = "\u0001more";

/** A pattern's characters, each DIGITS as one digit and then any more. */
function tokens(pattern: string): string[] {
  return [...pattern].flatMap((c) => (c === DIGITS ? [DIGIT, MORE] : [c]));
}
