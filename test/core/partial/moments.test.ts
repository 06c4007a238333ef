import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mergeMoments, type Moments } from "../../../src/core/partial/moments.js";

/** Two-pass moments of xs: the definition, not an update. */
function moments(xs: readonly number[]): Moments {
  const n = xs.length;
  if (n === 0) return { count: 0, mean: NaN, m2: 0 };
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  return { count: n, mean, m2: xs.reduce((s, x) => s + (x - mean) ** 2, 0) };
}

const close = (a: number, b: number, rel: number) => Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b), 1e-300);

describe("mergeMoments(a, b)", () => {
  it("mergeMoments(moments(x), moments(y)) is moments(x ++ y) (count exact, mean and M2 to 1e-12)", () => {
    const values = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { maxLength: 40 });
    fc.assert(
      fc.property(values, values, (x, y) => {
        const merged = mergeMoments(moments(x), moments(y));
        const whole = moments([...x, ...y]);
        expect(merged.count).toBe(whole.count);
        if (whole.count === 0) return;
        // M2 of nearly equal values is tiny and cancellation-prone: compare on the data's scale
        const scale = Math.max(1, ...[...x, ...y].map(Math.abs));
        expect(Math.abs(merged.mean - whole.mean)).toBeLessThanOrEqual(1e-12 * scale);
        expect(Math.abs(merged.m2 - whole.m2)).toBeLessThanOrEqual(1e-10 * scale * scale * whole.count);
      }),
    );
  });

  it("mergeMoments(a, empty) and mergeMoments(empty, a) are a", () => {
    const a = { count: 3, mean: 2.5, m2: 4 };
    const empty = { count: 0, mean: NaN, m2: 0 };
    expect(mergeMoments(a, empty)).toEqual(a);
    expect(mergeMoments(empty, a)).toEqual(a);
    expect(mergeMoments(empty, empty).count).toBe(0);
  });

  it("mergeMoments keeps a large common offset's digits: 1e8 + small noise, split in 7", () => {
    const xs = Array.from({ length: 700 }, (_, i) => 1e8 + Math.sin(i) * 0.5);
    const chunks = [0, 13, 100, 101, 350, 600, 699, 700];
    let acc: Moments = { count: 0, mean: NaN, m2: 0 };
    for (let k = 0; k + 1 < chunks.length; k++) acc = mergeMoments(acc, moments(xs.slice(chunks[k], chunks[k + 1])));
    const whole = moments(xs);
    expect(acc.count).toBe(700);
    expect(close(acc.mean, whole.mean, 1e-15)).toBe(true);
    expect(close(acc.m2, whole.m2, 1e-9)).toBe(true);
  });

  it("mergeMoments does not modify its inputs", () => {
    const a = { count: 2, mean: 1, m2: 2 };
    const b = { count: 3, mean: 4, m2: 1 };
    mergeMoments(a, b);
    expect(a).toEqual({ count: 2, mean: 1, m2: 2 });
    expect(b).toEqual({ count: 3, mean: 4, m2: 1 });
  });
});
