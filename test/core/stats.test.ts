import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { columnStats, type ColumnStats } from "../../src/core/stats.js";
import type { Matrix } from "../../src/core/matrix.js";

type Num = number | "NaN" | "Infinity" | "-Infinity";
const num = (v: Num): number => (typeof v === "number" ? v : Number(v));
interface RefColumn {
  count: number; nonfinite: number; mean: Num; std: Num; min: Num; max: Num;
  inactiveFraction: Num; dead: boolean; saturatedFraction: Num | null;
}
interface RefSet {
  name: string; dtype: "float32" | "float64"; rows: number; cols: number; data: Num[];
  inactiveThreshold: number; saturation: { min: Num; max: Num; eps: Num } | null; columns: RefColumn[];
}
const ref = JSON.parse(readFileSync(new URL("../../fixtures/numpy/stats-reference.json", import.meta.url), "utf8")) as {
  datasets: RefSet[];
};

function load(set: RefSet): Matrix {
  const values = set.data.map(num);
  return { rows: set.rows, cols: set.cols, data: set.dtype === "float32" ? Float32Array.from(values) : Float64Array.from(values) };
}

function optionsOf(set: RefSet) {
  const s = set.saturation;
  return {
    inactiveThreshold: set.inactiveThreshold,
    ...(s === null ? {} : { saturation: { min: num(s.min), max: num(s.max), eps: num(s.eps) } }),
  };
}

/** |a - e| <= 1e-9 |e| + floor; NaN only equals NaN. */
function expectClose(actual: number, expected: number, floor = 0, what = "") {
  if (Number.isNaN(expected)) return expect(actual, what).toBeNaN();
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-9 * Math.abs(expected) + floor);
}

const m64 = (rows: number, cols: number, data: number[]): Matrix => ({ rows, cols, data: Float64Array.from(data) });

describe("columnStats", () => {
  for (const set of ref.datasets) {
    it(`columnStats(m) equals numpy's mean, std, min, max and fractions on "${set.name}" (${set.dtype})`, () => {
      const stats = columnStats(load(set), optionsOf(set));
      expect(stats).toHaveLength(set.cols);
      set.columns.forEach((r, j) => {
        const s = stats[j]!;
        const where = `${set.name} column ${j}`;
        expect(s.count, where).toBe(r.count);
        expect(s.nonfinite, where).toBe(r.nonfinite);
        expect(s.dead, where).toBe(r.dead);
        // min, max and the fractions (count / n) are exact
        for (const key of ["min", "max", "inactiveFraction"] as const) expectClose(s[key], num(r[key]), 0, `${where} ${key}`);
        if (r.saturatedFraction === null) expect(s.saturatedFraction, where).toBeNull();
        else expectClose(s.saturatedFraction!, num(r.saturatedFraction), 0, `${where} saturatedFraction`);
        // the mean is only defined to about eps * max|x|; numpy's own std of an all-equal column is 4e-17, not 0
        const scale = Math.max(Math.abs(num(r.min)), Math.abs(num(r.max)));
        expectClose(s.mean, num(r.mean), 1e-14 * scale, `${where} mean`);
        expectClose(s.std, num(r.std), 1e-14 * scale, `${where} std`);
      });
    });
  }

  it("columnStats(m) gives std exactly 0 and mean exactly the value for all-equal columns", () => {
    const values = [0.1, -3.7, 1e8 + 0.3, 0, 1e-300, -2.5e300];
    const rows = 77;
    const data = new Float64Array(rows * values.length);
    for (let i = 0; i < data.length; i++) data[i] = values[i % values.length]!;
    const stats = columnStats({ rows, cols: values.length, data }, { inactiveThreshold: 0 });
    values.forEach((v, j) => {
      expect(stats[j]!.std).toBe(0);
      expect(stats[j]!.mean).toBe(v);
    });
  });

  it("columnStats(m) keeps the digits of the variance under a 1e8 offset", () => {
    // exact: values 1e8 + {-1, 0, 1} * 2^-10 have mean 1e8 and std sqrt(2/3) * 2^-10
    const d = 2 ** -10;
    const data = Float64Array.from({ length: 3000 }, (_, i) => 1e8 + ((i % 3) - 1) * d);
    const [s] = columnStats({ rows: 3000, cols: 1, data }, { inactiveThreshold: 0 });
    expect(s!.mean).toBe(1e8);
    expectClose(s!.std, Math.sqrt(2 / 3) * d, 0);
  });

  it("columnStats(m) of a single row has std 0 and mean = min = max = the value", () => {
    const [a, b] = columnStats(m64(1, 2, [-1.5, 2]), { inactiveThreshold: 0 });
    expect(a).toEqual({ count: 1, nonfinite: 0, mean: -1.5, std: 0, min: -1.5, max: -1.5, inactiveFraction: 1, dead: true, saturatedFraction: null });
    expect(b).toMatchObject({ mean: 2, std: 0, min: 2, max: 2, inactiveFraction: 0, dead: false });
  });

  it("columnStats(m) of a column without finite values has count 0, NaN statistics and dead false", () => {
    const [s] = columnStats(m64(3, 1, [NaN, Infinity, -Infinity]), {
      inactiveThreshold: 0,
      saturation: { min: 0, max: 1, eps: 0.1 },
    });
    expect(s!.count).toBe(0);
    expect(s!.nonfinite).toBe(3);
    for (const key of ["mean", "std", "min", "max", "inactiveFraction", "saturatedFraction"] as const) expect(s![key]).toBeNaN();
    expect(s!.dead).toBe(false);
  });

  it("columnStats(m) leaves NaN and ±Infinity out of every statistic", () => {
    const [s] = columnStats(m64(6, 1, [1, NaN, 3, Infinity, -Infinity, 5]), { inactiveThreshold: 2 });
    expect(s).toEqual({
      count: 3, nonfinite: 3, mean: 3, std: Math.sqrt(8 / 3), min: 1, max: 5,
      inactiveFraction: 1 / 3, dead: false, saturatedFraction: null,
    });
  });

  it("columnStats(m) of a 0-row matrix gives one empty entry per column", () => {
    const stats = columnStats({ rows: 0, cols: 2, data: new Float32Array(0) }, { inactiveThreshold: 0 });
    expect(stats.map((s) => s.count)).toEqual([0, 0]);
    expect(columnStats({ rows: 5, cols: 0, data: new Float32Array(0) }, { inactiveThreshold: 0 })).toEqual([]);
  });

  it("columnStats(m) calls a column dead only when every finite value is <= the threshold", () => {
    const m = m64(3, 3, [0, 0, -1, 0, 0.5, -2, NaN, 0, 0.01]);
    const stats = columnStats(m, { inactiveThreshold: 0 });
    expect(stats.map((s) => s.dead)).toEqual([true, false, false]);
    expect(stats.map((s) => s.inactiveFraction)).toEqual([1, 2 / 3, 2 / 3]);
    expect(columnStats(m, { inactiveThreshold: 0.01 })[2]!.dead).toBe(true);
  });

  it("columnStats(m, { saturation }) counts values within eps of either finite bound, inclusive", () => {
    // tanh-like bounds; 0.25 and 0.5 and 0.75 are exact so |v - bound| <= eps is decided exactly
    const m = m64(6, 1, [-1, -0.75, 0, 0.5, 0.75, 1]);
    const [s] = columnStats(m, { inactiveThreshold: 0, saturation: { min: -1, max: 1, eps: 0.25 } });
    expect(s!.saturatedFraction).toBe(4 / 6);
    const [relu] = columnStats(m, { inactiveThreshold: 0, saturation: { min: -1, max: Infinity, eps: 0.25 } });
    expect(relu!.saturatedFraction).toBe(2 / 6);
  });

  it("columnStats(m) gives saturatedFraction null without saturation or when both bounds are infinite", () => {
    const m = m64(2, 1, [0, 1]);
    expect(columnStats(m, { inactiveThreshold: 0 })[0]!.saturatedFraction).toBeNull();
    const open = { min: -Infinity, max: Infinity, eps: 1 };
    expect(columnStats(m, { inactiveThreshold: 0, saturation: open })[0]!.saturatedFraction).toBeNull();
  });

  it("columnStats(m) throws a RangeError for data that does not fit rows x cols", () => {
    expect(() => columnStats(m64(2, 3, [1, 2, 3, 4, 5]), { inactiveThreshold: 0 })).toThrow(
      new RangeError("matrix is 2x3 (6 elements) but its data has 5"),
    );
  });

  it("columnStats(m) throws a RangeError for a NaN threshold, negative eps or min > max", () => {
    const m = m64(1, 1, [0]);
    expect(() => columnStats(m, { inactiveThreshold: NaN })).toThrow(RangeError);
    expect(() => columnStats(m, { inactiveThreshold: 0, saturation: { min: 0, max: 1, eps: -0.1 } })).toThrow(/eps must be >= 0 \(got -0.1\)/);
    expect(() => columnStats(m, { inactiveThreshold: 0, saturation: { min: 2, max: 1, eps: 0 } })).toThrow(/min 2, max 1/);
  });

  it("columnStats(m) does not modify the matrix", () => {
    const data = Float32Array.from([1, NaN, -2, 3.5]);
    const copy = data.slice();
    columnStats({ rows: 2, cols: 2, data }, { inactiveThreshold: 0 });
    expect(data).toEqual(copy);
  });

  const column = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 60 });
  const stdOf = (xs: number[]): ColumnStats => columnStats(m64(xs.length, 1, xs), { inactiveThreshold: 0 })[0]!;

  it("columnStats(m) has variance >= 0 and min <= mean <= max", () => {
    fc.assert(
      fc.property(column, (xs) => {
        const s = stdOf(xs);
        return s.std >= 0 && s.min <= s.mean && s.mean <= s.max;
      }),
    );
  });

  it("std(x + c) = std(x) up to the rounding of x + c", () => {
    fc.assert(
      fc.property(column, fc.double({ min: -1e8, max: 1e8, noNaN: true }), (xs, c) => {
        const shifted = xs.map((x) => x + c);
        const a = stdOf(xs).std;
        const b = stdOf(shifted).std;
        // each x + c is off by at most ulp(|c| + 1e3) / 2
        const tol = 1e-9 * a + 4 * Number.EPSILON * (Math.abs(c) + 1e3);
        return Math.abs(a - b) <= tol;
      }),
    );
  });

  it("columnStats(m) of a matrix equals columnStats of each column on its own", () => {
    const matrixArb = fc
      .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 5 }))
      .chain(([rows, cols]) =>
        fc.tuple(
          fc.constant(rows),
          fc.constant(cols),
          fc.array(fc.oneof(fc.double({ min: -10, max: 10, noNaN: true }), fc.constant(NaN), fc.constant(Infinity)), {
            minLength: rows * cols,
            maxLength: rows * cols,
          }),
        ),
      );
    fc.assert(
      fc.property(matrixArb, ([rows, cols, values]) => {
        const all = columnStats(m64(rows, cols, values), { inactiveThreshold: 0, saturation: { min: -1, max: 1, eps: 0.5 } });
        for (let j = 0; j < cols; j++) {
          const col = values.filter((_, k) => k % cols === j);
          const one = columnStats(m64(rows, 1, col), { inactiveThreshold: 0, saturation: { min: -1, max: 1, eps: 0.5 } });
          expect(all[j]).toEqual(one[0]);
        }
      }),
    );
  });

  it("columnStats(m) of a Float32Array equals that of its exact Float64Array copy", () => {
    fc.assert(
      fc.property(fc.array(fc.float({ noDefaultInfinity: true, min: -1e6, max: 1e6 }), { minLength: 1, maxLength: 40 }), (xs) => {
        const f32 = Float32Array.from(xs);
        const a = columnStats({ rows: xs.length, cols: 1, data: f32 }, { inactiveThreshold: 0 });
        const b = columnStats({ rows: xs.length, cols: 1, data: Float64Array.from(f32) }, { inactiveThreshold: 0 });
        expect(a).toEqual(b);
      }),
    );
  });
});
