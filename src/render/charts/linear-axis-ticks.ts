import { boundedTicks, chartJsTicksSafe, drawableRange } from "./axis-range.js";
import type { AxisRange } from "./axis-range.js";

/** The id of the linear scale whose ticks we make (see registerOwnTicksScale). */
export const OWN_TICKS_SCALE = "actvizLinear";

/**
 * The scale options that fix an axis to `range`: the range made drawable (drawableRange), and
 * for a range Chart.js cannot tick without an endless loop (a subnormal step, a span near
 * 1.8e308) the scale type OWN_TICKS_SCALE with ticks from boundedTicks. Ordinary ranges get
 * the plain "linear" scale and Chart.js's own ticks, exactly as before.
 */
export function axisLimits(range: AxisRange): { type: "linear"; min: number; max: number; afterBuildTicks?: (scale: { ticks: { value: number }[] }) => void } {
  const r = drawableRange(range);
  if (chartJsTicksSafe(r)) return { type: "linear", min: r.min, max: r.max };
  // a span narrow beside its ends (a constant of 1e300 widened by 2^-20) needs labels of many
  // digits (0.9999995e300): fewer of them, so they do not run into each other
  const magnitude = Math.max(Math.abs(r.min), Math.abs(r.max));
  const ticks = boundedTicks(r, magnitude > (r.max - r.min) * 1e4 ? 4 : 10);
  return {
    // a registered subclass of Chart.js's linear scale; typed as "linear" for the config types
    type: OWN_TICKS_SCALE as "linear",
    min: r.min,
    max: r.max,
    afterBuildTicks: (scale) => {
      scale.ticks = ticks.map((value) => ({ value }));
    },
  };
}

interface ScaleClass {
  new (...args: never[]): { buildTicks(): unknown[] };
  id: string;
}

/**
 * Registers OWN_TICKS_SCALE with a Chart.js: its linear scale, except that buildTicks makes no
 * ticks (Chart.js's generator is never run); the axis's afterBuildTicks supplies them.
 */
export function registerOwnTicksScale(chartJs: { registry: { getScale(id: string): unknown }; register(...items: unknown[]): void }): void {
  const Linear = chartJs.registry.getScale("linear") as ScaleClass;
  class OwnTicksScale extends Linear {
    static override id = OWN_TICKS_SCALE;
    override buildTicks(): unknown[] {
      return [];
    }
  }
  chartJs.register(OwnTicksScale);
}
