import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { columnStats } from "../../src/core/stats.js";
import { finiteQuantiles } from "../../src/core/quantiles.js";
import { guessedQuantileSearch, quantileSearch, type QuantileSearchOptions } from "../../src/core/stream-quantiles.js";
import { statsAccumulator } from "../../src/core/stats.js";

const QS = [0, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 1];

/** The streamed quantiles of a [rows, cols] matrix fed in blocks of `block` rows, and the passes made. */
function streamed(data: Float64Array, cols: number, block: number, options: QuantileSearchOptions): { values: number[][]; passes: number } {
  const rows = data.length / cols;
  const stats = columnStats({ rows, cols, data }, { inactiveThreshold: 0 });
  const search = quantileSearch(stats, QS, options);
  while (!search.done()) {
    for (let r = 0; r < rows; r += block) {
      const end = Math.min(rows, r + block);
      search.add({ rows: end - r, cols, data: data.subarray(r * cols, end * cols) });
    }
    search.endPass();
  }
  const out = search.result();
  return { values: Array.from({ length: cols }, (_, j) => Array.from(out.subarray(j * QS.length, (j + 1) * QS.length))), passes: search.passes() };
}

/** streamed, with the first pass made alongside the statistics over the guessed ranges. */
function guessed(data: Float64Array, cols: number, block: number, options: QuantileSearchOptions, guess: { lo: number[]; hi: number[] }): { values: number[][]; passes: number } {
  const rows = data.length / cols;
  const stats = statsAccumulator(cols, { inactiveThreshold: 0 });
  const first = guessedQuantileSearch(guess, QS, options);
  const each = (use: (block: { rows: number; cols: number; data: Float64Array }) => void) => {
    for (let r = 0; r < rows; r += block) {
      const end = Math.min(rows, r + block);
      use({ rows: end - r, cols, data: data.subarray(r * cols, end * cols) });
    }
  };
  each((b) => {
    stats.add(b);
    first.add(b);
  });
  const search = first.finish(stats.result());
  while (!search.done()) {
    each(search.add);
    search.endPass();
  }
  const out = search.result();
  return { values: Array.from({ length: cols }, (_, j) => Array.from(out.subarray(j * QS.length, (j + 1) * QS.length))), passes: search.passes() };
}

function expectSameBits(data: Float64Array, cols: number, block: number, options: QuantileSearchOptions, guess?: { lo: number[]; hi: number[] }): number {
  const rows = data.length / cols;
  const { values, passes } = guess ? guessed(data, cols, block, options, guess) : streamed(data, cols, block, options);
  for (let j = 0; j < cols; j++) {
    const column = Array.from({ length: rows }, (_, i) => data[i * cols + j]!);
    const want = finiteQuantiles(column, QS);
    values[j]!.forEach((v, k) => expect(Object.is(v, want[k]!), `column ${j} q ${QS[k]}: ${v} vs ${want[k]}`).toBe(true));
  }
  return passes;
}

describe("quantileSearch(stats, qs, options)", () => {
  it("quantileSearch gives finiteQuantiles' bits on random columns in one histogram pass and one collecting pass", () => {
    const rows = 5000;
    const data = Float64Array.from({ length: rows * 3 }, (_, i) => Math.sin(i * 12.9898) * 43758.5453 % 1);
    expect(expectSameBits(data, 3, 777, { bins: 64, budget: 3000 })).toBe(2);
  });

  it("quantileSearch collects at once when everything fits the budget", () => {
    const data = Float64Array.from({ length: 200 }, (_, i) => (i * 7919) % 101);
    expect(expectSameBits(data, 4, 7, {})).toBe(1);
  });

  it("quantileSearch ranges a lean pass's bins when they hold too many values to collect: tied bins settle without collecting, the others are histogrammed", () => {
    // quantized activations: a handful of values, each repeated, inside the column's range; and -0/0 ties in a bin
    const rows = 3000;
    const cols = 2;
    const data = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) {
      data[i * cols] = i === 0 ? -10 : i === 1 ? 10 : [0.25, 0.5, 0.75, 1.5][i % 4]!;
      data[i * cols + 1] = i === 0 ? -1 : i === 1 ? 1 : i % 3 === 0 ? -0 : i % 3 === 1 ? 0 : 0.001 * (i % 97);
    }
    // lean histogram, the ranging pass (least, greatest), then the untied bins histogrammed and collected
    const passes = expectSameBits(data, cols, 64, { bins: 16, budget: 100 });
    expect(passes).toBeGreaterThanOrEqual(3);
  });

  it("quantileSearch(constant columns, ReLU zeros with -0, NaN and ±Infinity, all-NaN) needs no values collected for ties", () => {
    const rows = 400;
    const cols = 6;
    const data = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) {
      data[i * cols] = 3.5; // constant
      data[i * cols + 1] = i % 3 === 0 ? -0 : i % 3 === 1 ? 0 : i; // ReLU with -0
      data[i * cols + 2] = i % 5 === 0 ? NaN : i % 7 === 0 ? Infinity : -i; // non-finite mixed in
      data[i * cols + 3] = NaN; // no finite value
      data[i * cols + 4] = i % 2 === 0 ? -0 : 0; // zeros only
      data[i * cols + 5] = i < 390 ? 1 : 1e300; // one bin holds nearly all: refined
    }
    expectSameBits(data, cols, 33, { bins: 8, budget: 4 });
  });

  it("quantileSearch(subnormal spreads and spans past the largest double) keeps the bits", () => {
    const rows = 300;
    const data = new Float64Array(rows * 2);
    for (let i = 0; i < rows; i++) {
      data[i * 2] = ((i * 37) % 300) * 5e-324;
      data[i * 2 + 1] = i % 2 === 0 ? -1.7e308 * (i / rows) : 1.7e308 * (i / rows);
    }
    expectSameBits(data, 2, 50, { bins: 4, budget: 10 });
  });

  it("quantileSearch(any doubles, any blocks, tiny budgets) equals finiteQuantiles bit for bit", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double(), fc.constantFrom(0, -0, 1, -1, 5e-324)), { minLength: 1, maxLength: 120 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 2, max: 9 }),
        fc.integer({ min: 0, max: 30 }),
        (values, cols, block, bins, budget) => {
          const rows = Math.floor(values.length / cols);
          if (rows === 0) return;
          expectSameBits(Float64Array.from(values.slice(0, rows * cols)), cols, block, { bins, budget, binBudget: 64 });
        },
      ),
      { numRuns: 300 },
    );
  });

  it("guessedQuantileSearch gives finiteQuantiles' bits whatever the guessed ranges, and a good guess saves the pass before the histogram", () => {
    const rows = 5000;
    const data = Float64Array.from({ length: rows * 3 }, (_, i) => Math.sin(i * 12.9898) * 43758.5453 % 1);
    // the first rows' least and greatest: the lean histogram alongside the statistics, then one collecting pass
    const head = (j: number) => Array.from({ length: 500 }, (_, i) => data[i * 3 + j]!);
    const good = { lo: [0, 1, 2].map((j) => Math.min(...head(j))), hi: [0, 1, 2].map((j) => Math.max(...head(j))) };
    expect(expectSameBits(data, 3, 777, { bins: 64, budget: 3000 }, good)).toBe(2);
    // too narrow, degenerate, inverted, not finite, past the largest double: still the same bits
    expectSameBits(data, 3, 777, { bins: 64, budget: 3000 }, { lo: [0.1, 0.5, 2], hi: [0.2, 0.5, -2] });
    expectSameBits(data, 3, 100, { bins: 8, budget: 50 }, { lo: [NaN, -Infinity, -1.7e308], hi: [1, Infinity, 1.7e308] });
  });

  it("guessedQuantileSearch(any doubles, any guesses, any blocks, tiny budgets) equals finiteQuantiles bit for bit", () => {
    const value = fc.oneof(fc.double(), fc.constantFrom(0, -0, 1, -1, 0.5, NaN, Infinity, -Infinity), fc.integer({ min: -3, max: 3 }));
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 120 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 2, max: 9 }),
        fc.integer({ min: 1, max: 40 }),
        fc.array(fc.tuple(value, value), { minLength: 4, maxLength: 4 }),
        (values, cols, block, bins, budget, guesses) => {
          const rows = Math.floor(values.length / cols);
          if (rows === 0) return;
          const guess = { lo: guesses.slice(0, cols).map((g) => g[0]), hi: guesses.slice(0, cols).map((g) => g[1]) };
          expectSameBits(Float64Array.from(values.slice(0, rows * cols)), cols, block, { bins, budget, binBudget: 64 }, guess);
        },
      ),
      { numRuns: 300 },
    );
  });
});
