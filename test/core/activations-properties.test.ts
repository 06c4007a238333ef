/**
 * Relations every activation must satisfy (fast-check): f' agrees with a central difference
 * away from kinks, odd functions are odd, monotone ones are monotone, f stays in its range,
 * f' is finite wherever f is; plus sigmoid(-x) = 1 - sigmoid(x) and relu∘relu = relu.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { activations, findActivation, resolveParams } from "../../src/core/activations/index.js";
import type { Activation, ParamValue, Params } from "../../src/core/activations/index.js";

interface Case {
  act: Activation;
  params: Params;
  label: string;
  isDefault: boolean;
}

const NON_DEFAULT: Array<[string, Record<string, ParamValue>]> = [
  ["elu", { alpha: 2 }],
  ["celu", { alpha: 0.5 }],
  ["leaky_relu", { negative_slope: 0.2 }],
  ["hardtanh", { min_val: -2, max_val: 3 }],
  ["hardshrink", { lambd: 1.5 }],
  ["softshrink", { lambd: 1 }],
  ["softplus", { beta: 2, threshold: 10 }],
  ["gelu", { approximate: "tanh" }],
  ["threshold", { threshold: 1, value: -2 }],
  ["rrelu", { lower: 0.1, upper: 0.3 }],
  ["swish", { beta: 0.5 }],
  ["swish", { beta: 0 }],
  ["isru", { alpha: 0.5 }],
  ["isrlu", { alpha: 2 }],
  ["squareplus", { b: 1 }],
  ["soft_exponential", { alpha: 0.5 }],
  ["soft_exponential", { alpha: -0.5 }],
  ["thresholded_relu", { theta: 0.5 }],
];

function makeCase(act: Activation, given: Record<string, ParamValue>, isDefault: boolean): Case {
  const params = resolveParams(act, given);
  const args = Object.entries(params).map(([k, v]) => `${k}=${String(v)}`).join(", ");
  return { act, params, label: `${act.name}(${args})`, isDefault };
}

const CASES: Case[] = [
  ...activations.map((act) => makeCase(act, {}, true)),
  ...NON_DEFAULT.map(([name, given]) => makeCase(findActivation(name)!, given, false)),
];

const anyDouble = fc.double({ noNaN: true });
const moderate = fc.double({ noNaN: true, min: -20, max: 20 });

describe("f' agrees with a central difference away from kinks", () => {
  for (const { act, params, label } of CASES) {
    it(`${label}: |f'(x) - (f(x+h) - f(x-h))/2h| <= 1e-5·(1 + |f'(x)|) for x in [-20, 20]`, () => {
      const { f, df } = act.bind(params);
      const kinks = act.kinks(params);
      fc.assert(
        fc.property(moderate, (x) => {
          const h = 6e-6 * Math.max(1, Math.abs(x)); // ≈ ∛ε, scaled with x
          if (kinks.some((k) => Math.abs(x - k) <= 3 * h)) return;
          const lo = f(x - h);
          const hi = f(x + h);
          if (!Number.isFinite(lo) || !Number.isFinite(hi)) return; // outside a domain
          const d = df(x);
          expect(Math.abs(d - (hi - lo) / (2 * h)), `x = ${x}`).toBeLessThanOrEqual(1e-5 * (1 + Math.abs(d)));
        }),
        { numRuns: 150 },
      );
    });
  }
});

describe("shape facts hold for the default parameters", () => {
  for (const { act, params, label, isDefault } of CASES) {
    if (!isDefault) continue;
    const { f } = act.bind(params);
    if (act.odd) {
      it(`${label} is odd: f(-x) = -f(x) exactly`, () => {
        fc.assert(fc.property(anyDouble, (x) => f(-x) === -f(x)));
      });
    }
    if (act.monotone !== false) {
      // Up to rounding: a difference such as x − log1p(eˣ) or x − tanh(x) can step down by an
      // ulp of its larger term where that rounded term jumps and x moves less (logsigmoid near
      // -8.8e-5, tanhshrink near 0.11), so 4ε of max(|f|, min(1, |x|)) is allowed. softplus also
      // jumps down by log1p(e^-20) ≈ 2.06e-9 where PyTorch switches to x at beta·x = 20.
      const slack = act.name === "softplus" ? 1e-9 : 4 * Number.EPSILON;
      const below = (lo: number, hi: number): boolean => {
        const a = f(lo);
        const b = f(hi);
        const scale = Math.max(Math.abs(a), Math.abs(b), Math.min(1, Math.max(Math.abs(lo), Math.abs(hi))));
        return a <= b || a - b <= slack * scale;
      };
      it(`${label} is monotone: f(a) <= f(b) for a < b, up to rounding`, () => {
        fc.assert(
          fc.property(anyDouble, anyDouble, (a, b) => {
            const [lo, hi] = a < b ? [a, b] : [b, a];
            return below(lo, hi);
          }),
        );
        fc.assert(
          fc.property(moderate, fc.double({ noNaN: true, min: 0, max: 1e-3 }), (a, step) => below(a, a + step)),
        );
      });
    }
  }
});

describe("f stays in its range and f' is finite where f is", () => {
  for (const { act, params, label } of CASES) {
    const { f, df, range } = act.bind(params);
    it(`${label}: range.min <= f(x) <= range.max for every x (range [${range.min}, ${range.max}])`, () => {
      expect(range.min).toBeLessThan(range.max);
      fc.assert(
        fc.property(fc.oneof(anyDouble, moderate), (x) => {
          const y = f(x);
          return Number.isNaN(y) || (range.min <= y && y <= range.max);
        }),
      );
    });
    it(`${label}: f'(x) is finite wherever f(x) is`, () => {
      fc.assert(fc.property(fc.oneof(anyDouble, moderate), (x) => !Number.isFinite(f(x)) || Number.isFinite(df(x))));
    });
    it(`${label}: kinks are ascending and finite`, () => {
      const kinks = act.kinks(params);
      expect(kinks.every((k, i) => Number.isFinite(k) && (i === 0 || kinks[i - 1]! < k))).toBe(true);
    });
  }
});

describe("relations", () => {
  const sigmoid = findActivation("sigmoid")!.bind({});
  const relu = findActivation("relu")!.bind({});
  const silu = findActivation("silu")!.bind({});
  const swish = findActivation("swish")!;

  it("sigmoid(-x) = 1 - sigmoid(x) within ε", () => {
    fc.assert(fc.property(anyDouble, (x) => Math.abs(sigmoid.f(-x) - (1 - sigmoid.f(x))) <= Number.EPSILON));
  });
  it("relu(relu(x)) = relu(x)", () => {
    fc.assert(fc.property(anyDouble, (x) => relu.f(relu.f(x)) === relu.f(x)));
  });
  it("swish(x, beta=1) = silu(x) and swish'(x, beta=1) = silu'(x)", () => {
    const s = swish.bind(resolveParams(swish, { beta: 1 }));
    fc.assert(fc.property(anyDouble, (x) => s.f(x) === silu.f(x) && s.df(x) === silu.df(x)));
  });
  it("softplus(x, beta, threshold=∞-like) = softplus(beta·x)/beta", () => {
    const act = findActivation("softplus")!;
    const one = act.bind(resolveParams(act, { threshold: 1e300 }));
    const two = act.bind(resolveParams(act, { beta: 2, threshold: 1e300 }));
    fc.assert(fc.property(moderate, (x) => Math.abs(two.f(x) - one.f(2 * x) / 2) <= 1e-15 * Math.abs(one.f(2 * x))));
  });
  it("logsigmoid(x) = log(sigmoid(x)) and logsigmoid'(x) = 1 - sigmoid(x)", () => {
    const ls = findActivation("logsigmoid")!.bind({});
    fc.assert(
      fc.property(moderate, (x) => {
        expect(ls.f(x)).toBeCloseTo(Math.log(sigmoid.f(x)), 13);
        expect(ls.df(x)).toBeCloseTo(1 - sigmoid.f(x), 15);
      }),
    );
  });
  it("hardsigmoid(x) = relu6(x + 3)/6 and hardswish(x) = x·hardsigmoid(x)", () => {
    const hs = findActivation("hardsigmoid")!.bind({});
    const hw = findActivation("hardswish")!.bind({});
    const r6 = findActivation("relu6")!.bind({});
    fc.assert(
      fc.property(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), (x) => {
        expect(hs.f(x)).toBe(r6.f(x + 3) / 6);
        expect(hw.f(x)).toBeCloseTo(x * hs.f(x), 12);
      }),
    );
  });
});
