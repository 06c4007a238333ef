import { describe, expect, it } from "vitest";
import { axisLimits } from "../../src/render/charts/linear-axis-ticks.js";

/** The ticks axisLimits gives an axis it ticks itself (undefined: Chart.js ticks it). */
function ownTicks(min: number, max: number): number[] | undefined {
  const limits = axisLimits({ min, max });
  if (!limits.afterBuildTicks) return undefined;
  const scale = { ticks: [] as { value: number }[] };
  limits.afterBuildTicks(scale);
  return scale.ticks.map((t) => t.value);
}

describe("axisLimits(range)", () => {
  it("axisLimits(ordinary range) leaves the ticks to Chart.js, on the plain linear scale", () => {
    expect(axisLimits({ min: -10, max: 10 })).toEqual({ type: "linear", min: -10, max: 10 });
    expect(ownTicks(0, 1)).toBeUndefined();
  });

  it("axisLimits(a span narrow beside its ends, 1e300 ± 2^-20) gives at most 5 ticks, so labels of 13 characters do not overlap", () => {
    const v = 1e300;
    const ticks = ownTicks(v - v * 2 ** -20, v + v * 2 ** -20)!;
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    expect(ticks.length).toBeLessThanOrEqual(5);
  });

  it("axisLimits(huge span near -1.8e308) keeps up to 11 short ticks (labels such as -1.6e308)", () => {
    const ticks = ownTicks(-Number.MAX_VALUE, 0)!;
    expect(ticks.length).toBeGreaterThan(5);
    expect(ticks.length).toBeLessThanOrEqual(11);
  });
});
