import { describe, expect, it } from "vitest";
import { createRequire } from "node:module";
import { erf, erfc } from "../../src/core/special-functions.js";

// special-functions.ts takes erf and erfc from each @stdlib package's single-file build
// (dist/index.js) instead of its main entry (~140 modules): they must be the same functions.
const require = createRequire(import.meta.url);
const mainErf = require("@stdlib/math-base-special-erf") as (x: number) => number;
const mainErfc = require("@stdlib/math-base-special-erfc") as (x: number) => number;

/** Special values, the algorithm's interval edges, and 20,000 random doubles from their bits. */
function inputs(): number[] {
  const xs = [0, -0, 5e-324, -5e-324, 1e-300, 2 ** -28, 0.84375, 1.25, 1 / 0.35, 6, 28, 1e10, Infinity, -Infinity, NaN];
  const bits = new Uint32Array(2);
  const f = new Float64Array(bits.buffer);
  let seed = 12345;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
  for (let i = 0; i < 20_000; i++) {
    bits[0] = next();
    bits[1] = next();
    xs.push(f[0]!, (next() / 2 ** 32 - 0.5) * 60);
  }
  return xs.flatMap((x) => [x, -x]);
}

describe("special-functions", () => {
  it("erf and erfc are the @stdlib packages' main entries bit for bit, on special values, interval edges and random doubles", () => {
    for (const x of inputs()) {
      expect(Object.is(erf(x), mainErf(x)), `erf(${x})`).toBe(true);
      expect(Object.is(erfc(x), mainErfc(x)), `erfc(${x})`).toBe(true);
    }
  });
});
