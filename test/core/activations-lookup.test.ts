/** findActivation, suggestActivation and resolveParams. */
import { describe, expect, it } from "vitest";
import { findActivation, resolveParams, suggestActivation } from "../../src/core/activations/index.js";
import { editDistance } from "../../src/core/activations/edit-distance.js";

const act = (name: string) => {
  const a = findActivation(name);
  if (a === undefined) throw new Error(name);
  return a;
};

describe("findActivation", () => {
  it("findActivation('relu') is relu", () => {
    expect(findActivation("relu")?.name).toBe("relu");
  });
  it("findActivation(alias) is the aliased activation", () => {
    expect(findActivation("lrelu")?.name).toBe("leaky_relu");
    expect(findActivation("logistic")?.name).toBe("sigmoid");
    expect(findActivation("linear")?.name).toBe("identity");
    expect(findActivation("heaviside")?.name).toBe("binary_step");
  });
  it("findActivation(name) ignores case and reads '-' as '_'", () => {
    expect(findActivation("Leaky-ReLU")?.name).toBe("leaky_relu");
    expect(findActivation("QUICK_GELU")?.name).toBe("quick_gelu");
    expect(findActivation("soft-exponential")?.name).toBe("soft_exponential");
  });
  it("findActivation(unknown) is undefined", () => {
    expect(findActivation("softmax")).toBeUndefined();
    expect(findActivation("")).toBeUndefined();
    expect(findActivation("toString")).toBeUndefined();
  });
});

describe("suggestActivation", () => {
  it("suggestActivation(typo) is the nearest name", () => {
    expect(suggestActivation("sigmod")).toBe("sigmoid");
    expect(suggestActivation("rleu")).toBe("relu");
    expect(suggestActivation("softpuls")).toBe("softplus");
    expect(suggestActivation("leaky-rellu")).toBe("leaky_relu");
    expect(suggestActivation("GELU_")).toBe("gelu");
  });
  it("suggestActivation(typo of an alias) is the alias", () => {
    expect(suggestActivation("logistc")).toBe("logistic");
  });
  it("suggestActivation(far-off) is undefined", () => {
    expect(suggestActivation("convolution")).toBeUndefined();
    expect(suggestActivation("xyz")).toBeUndefined();
    expect(suggestActivation("")).toBeUndefined();
  });
});

describe("editDistance", () => {
  it("editDistance counts insertions, deletions, substitutions and adjacent transpositions", () => {
    expect(editDistance("", "")).toBe(0);
    expect(editDistance("relu", "relu")).toBe(0);
    expect(editDistance("rleu", "relu")).toBe(1);
    expect(editDistance("relu", "relu6")).toBe(1);
    expect(editDistance("tanh", "tan")).toBe(1);
    expect(editDistance("gelu", "selu")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
  });
  it("editDistance(a, b) = editDistance(b, a)", () => {
    for (const [a, b] of [["sigmod", "sigmoid"], ["abc", "ca"], ["mish", "swish"]] as const) {
      expect(editDistance(a, b)).toBe(editDistance(b, a));
    }
  });
});

describe("resolveParams", () => {
  it("resolveParams(act, {}) gives the defaults", () => {
    expect(resolveParams(act("hardtanh"), {})).toEqual({ min_val: -1, max_val: 1 });
    expect(resolveParams(act("relu"), {})).toEqual({});
  });
  it("resolveParams(act, given) merges given over the defaults, in the declared order", () => {
    const p = resolveParams(act("softplus"), { threshold: 5 });
    expect(p).toEqual({ beta: 1, threshold: 5 });
    expect(Object.keys(p)).toEqual(["beta", "threshold"]);
  });
  it("resolveParams returns a frozen object and does not mutate its input", () => {
    const given = { alpha: 2 };
    const p = resolveParams(act("elu"), given);
    expect(Object.isFrozen(p)).toBe(true);
    expect(given).toEqual({ alpha: 2 });
  });
  it("resolveParams(relu, {alpha}) throws TypeError: it takes none", () => {
    expect(() => resolveParams(act("relu"), { alpha: 1 })).toThrow(
      new TypeError("relu has no parameter 'alpha' (it takes none)"),
    );
  });
  it("resolveParams(softplus, {alpha}) throws TypeError naming the expected parameters", () => {
    expect(() => resolveParams(act("softplus"), { alpha: 1 })).toThrow(
      new TypeError("softplus has no parameter 'alpha' (expected one of beta, threshold)"),
    );
  });
  it("resolveParams throws TypeError for a string where a number is expected", () => {
    expect(() => resolveParams(act("elu"), { alpha: "2" })).toThrow(TypeError);
    expect(() => resolveParams(act("elu"), { alpha: "2" })).toThrow("alpha must be a number (got string '2')");
  });
  it("resolveParams throws TypeError for a number where a choice is expected", () => {
    expect(() => resolveParams(act("gelu"), { approximate: 1 })).toThrow(TypeError);
  });
  it("resolveParams(gelu, {approximate: 'x'}) throws RangeError listing the choices", () => {
    expect(() => resolveParams(act("gelu"), { approximate: "x" })).toThrow(RangeError);
    expect(() => resolveParams(act("gelu"), { approximate: "x" })).toThrow(
      "approximate must be one of none, tanh (got 'x')",
    );
  });
  it("resolveParams(gelu, {approximate: 'tanh'}) is accepted", () => {
    expect(resolveParams(act("gelu"), { approximate: "tanh" })).toEqual({ approximate: "tanh" });
  });
  it("resolveParams throws RangeError for a non-positive 'positive' parameter", () => {
    expect(() => resolveParams(act("softplus"), { beta: 0 })).toThrow(new RangeError("softplus: beta must be positive (got 0)"));
    expect(() => resolveParams(act("celu"), { alpha: -1 })).toThrow(RangeError);
    expect(() => resolveParams(act("squareplus"), { b: 0 })).toThrow(RangeError);
  });
  it("resolveParams throws RangeError for a negative 'nonnegative' parameter", () => {
    expect(() => resolveParams(act("softshrink"), { lambd: -0.5 })).toThrow(
      new RangeError("softshrink: lambd must be nonnegative (got -0.5)"),
    );
    expect(resolveParams(act("softshrink"), { lambd: 0 })).toEqual({ lambd: 0 });
  });
  it("resolveParams throws RangeError for NaN and Infinity", () => {
    expect(() => resolveParams(act("elu"), { alpha: NaN })).toThrow(new RangeError("elu: alpha must be finite (got NaN)"));
    expect(() => resolveParams(act("leaky_relu"), { negative_slope: Infinity })).toThrow(RangeError);
  });
  it("resolveParams(hardtanh, {min_val: 2, max_val: 1}) throws RangeError with both numbers", () => {
    expect(() => resolveParams(act("hardtanh"), { min_val: 2, max_val: 1 })).toThrow(
      new RangeError("hardtanh: min_val must be less than max_val (got min_val=2, max_val=1)"),
    );
  });
  it("resolveParams(rrelu, {lower: 0.5, upper: 0.1}) throws RangeError", () => {
    expect(() => resolveParams(act("rrelu"), { lower: 0.5, upper: 0.1 })).toThrow(RangeError);
  });
  it("bind(incomplete params) throws TypeError pointing at resolveParams", () => {
    expect(() => act("elu").bind({})).toThrow(/alpha must be a number.*resolveParams/);
  });
});
