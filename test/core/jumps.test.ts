import { describe, expect, it } from "vitest";
import { breakAtJumps, breakSteepSteps, jumpDots, jumpsAt } from "../../src/core/jumps.js";

const step = (x: number) => (x >= 0 ? 1 : 0);
const relu = (x: number) => Math.max(0, x);
const reluPrime = (x: number) => (x > 0 ? 1 : 0);

describe("jumpsAt(g, kinks, from, to)", () => {
  it("jumpsAt(step, [0]) finds the jump from 0 to 1, with the value 1 at 0", () => {
    expect(jumpsAt(step, [0], -1, 1)).toEqual([{ x: 0, left: 0, right: 1, at: 1 }]);
  });

  it("jumpsAt(relu, [0]) finds none: a kink of relu is no jump; relu′ jumps there", () => {
    expect(jumpsAt(relu, [0], -1, 1)).toEqual([]);
    expect(jumpsAt(reluPrime, [0], -1, 1)).toEqual([{ x: 0, left: 0, right: 1, at: 0 }]);
  });

  it("jumpsAt(g, kinks, from, to) keeps only kinks strictly inside the range, ascending", () => {
    const g = (x: number) => Math.floor(x);
    expect(jumpsAt(g, [3, 1, 2, -5], 0, 3).map((j) => j.x)).toEqual([1, 2]);
  });

  it("jumpsAt(1/x, [0]) is no jump: a pole's one-sided values are not finite", () => {
    expect(jumpsAt((x) => (x === 0 ? NaN : Math.sign(x) * Infinity), [0], -1, 1)).toEqual([]);
  });
});

describe("breakAtJumps(x, y, jumps)", () => {
  it("breakAtJumps replaces the sample at the jump by left limit, gap, right limit", () => {
    const x = Float64Array.from([-1, 0, 1]);
    const y = Float64Array.from(x, step);
    const out = breakAtJumps(x, y, jumpsAt(step, [0], -1, 1));
    expect(Array.from(out.x)).toEqual([-1, 0, 0, 0, 1]);
    expect(Array.from(out.y)).toEqual([0, 0, NaN, 1, 1]);
  });

  it("breakAtJumps inserts the break between samples when the jump falls between them", () => {
    const x = Float64Array.from([-1, -0.5, 0.5, 1]);
    const out = breakAtJumps(x, Float64Array.from(x, step), [{ x: 0, left: 0, right: 1, at: 1 }]);
    expect(Array.from(out.x)).toEqual([-1, -0.5, 0, 0, 0, 0.5, 1]);
    expect(Array.from(out.y)).toEqual([0, 0, 0, NaN, 1, 1, 1]);
  });

  it("breakAtJumps with no jump returns the inputs themselves", () => {
    const x = Float64Array.from([0, 1]);
    const y = Float64Array.from([2, 3]);
    const out = breakAtJumps(x, y, []);
    expect(out.x).toBe(x);
    expect(out.y).toBe(y);
  });
});

describe("jumpDots(jump)", () => {
  it("jumpDots: filled at the value taken, hollow at the limit not taken", () => {
    expect(jumpDots({ x: 0, left: 0, right: 1, at: 1 })).toEqual([{ x: 0, y: 0, open: true }, { x: 0, y: 1, open: false }]);
    expect(jumpDots({ x: 0, left: 0, right: 1, at: 0 })).toEqual([{ x: 0, y: 1, open: true }, { x: 0, y: 0, open: false }]);
  });

  it("jumpDots of an isolated value: both limits hollow, the value filled", () => {
    expect(jumpDots({ x: 2, left: 1, right: 3, at: 0 })).toEqual([{ x: 2, y: 1, open: true }, { x: 2, y: 3, open: true }, { x: 2, y: 0, open: false }]);
  });
});

describe("breakSteepSteps(x, y, dg)", () => {
  it("breakSteepSteps puts a gap where two samples differ by more than the slope allows: a step the catalogue did not list", () => {
    const x = Float64Array.from([0, 1, 2, 3]);
    const y = Float64Array.from([0, 0, 5, 5]); // flat, a jump of 5 between 1 and 2, flat
    const out = breakSteepSteps(x, y, () => 0);
    expect(Array.from(out.x)).toEqual([0, 1, 1.5, 2, 3]);
    expect(Array.from(out.y)).toEqual([0, 0, NaN, 5, 5]);
  });

  it("breakSteepSteps leaves a smooth, even steep, function whole: the inputs themselves", () => {
    const x = Float64Array.from({ length: 201 }, (_, i) => -10 + i * 0.1);
    const y = Float64Array.from(x, (v) => 1 / (1 + Math.exp(-20 * v)));
    const dg = (v: number) => 20 * (1 / (1 + Math.exp(-20 * v))) * (1 - 1 / (1 + Math.exp(-20 * v)));
    const out = breakSteepSteps(x, y, dg);
    expect(out.x).toBe(x);
    expect(out.y).toBe(y);
  });
});
