import { describe, expect, it } from "vitest";
import { percentileBandsChart, type PercentileBands } from "../../src/render/charts/percentile-bands-chart.js";
import { renderChart } from "../../src/render/engine/renderer.js";
import { useBundledFont } from "../../src/render/engine/fonts.js";
import { decodePng } from "./support/pixels.js";

const style = { theme: "light" as const, fontFamily: "TestSans", width: 480, height: 300 };
const text = { title: "t", xLabel: "Neuron", yLabel: "Activation" };
const words = { median: "median", inner: "25-75 %", outer: "5-95 %", dead: "dead" };

function bands(n: number, deadAt: number[] = []): PercentileBands {
  const f = (q: number) => Float64Array.from({ length: n }, (_, i) => (deadAt.includes(i) ? 0 : q * (1 + Math.sin(i / 10))));
  return { neurons: Array.from({ length: n }, (_, i) => i), p05: f(0.1), p25: f(0.5), p50: f(1), p75: f(1.5), p95: f(2), dead: Array.from({ length: n }, (_, i) => deadAt.includes(i)) };
}

describe("percentileBandsChart(bands, text, words, style)", () => {
  it("spans the neurons on x and the 5-95 % band on y with headroom; the legend names the median, both bands and, when any, the dead", () => {
    const c = percentileBandsChart(bands(500, [7]), text, words, style);
    const x = c.options!.scales!.x as { min: number; max: number };
    const y = c.options!.scales!.y as { min: number; max: number };
    expect([x.min, x.max]).toEqual([-0.5, 499.5]);
    expect(y.min).toBeLessThanOrEqual(0);
    expect(y.max).toBeGreaterThan(4);
    const labels = (c.options!.plugins!.legend!.labels!.generateLabels as () => { text: string }[])().map((l) => l.text);
    expect(labels).toEqual(["median", "25-75 %", "5-95 %", "dead"]);
    expect(percentileBandsChart(bands(500), text, words, style).options!.plugins!.legend!.labels!.generateLabels!({} as never).map((l) => l.text)).toEqual(["median", "25-75 %", "5-95 %"]);
  });

  it("labels x with the neurons drawn when they are not 0..n-1 (a --top order)", () => {
    const b = { ...bands(3), neurons: [42, 7, 9] };
    const cb = (percentileBandsChart(b, text, words, style).options!.scales!.x as { ticks: { callback: (v: number) => string } }).ticks.callback;
    expect([0, 1, 2, 0.5].map((v) => cb(v))).toEqual(["42", "7", "9", ""]);
  });

  it("draws a note as the line under the title; without one there is no subtitle at all", () => {
    const c = percentileBandsChart(bands(20), { ...text, note: "percentiles from sketches ±1 %" }, words, style);
    expect(c.options!.plugins!.subtitle).toMatchObject({ display: true, text: "percentiles from sketches ±1 %" });
    expect("subtitle" in percentileBandsChart(bands(20), text, words, style).options!.plugins!).toBe(false);
  });

  it("a percentile array of another length is a RangeError", () => {
    expect(() => percentileBandsChart({ ...bands(4), p50: new Float64Array(3) }, text, words, style)).toThrow(RangeError);
  });

  it("draws the bands: the 25-75 % band is darker than the 5-95 % one, which is darker than the background", async () => {
    const family = useBundledFont();
    const png = await decodePng(await renderChart(() => percentileBandsChart(bands(400), text, words, { ...style, fontFamily: family }) as never, { format: "png", width: 480, height: 300, scale: 1 }));
    const at = (x: number, y: number) => png.data[(y * png.width + x) * 4]!; // red channel: lower is darker on a white background
    // in the middle of the plot: find the darkest red value along the column
    const column = Array.from({ length: 200 }, (_, k) => at(240, 60 + k));
    expect(Math.min(...column)).toBeLessThan(200);
    expect(column.some((v) => v > 240)).toBe(true);
  });
});
