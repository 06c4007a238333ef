import { describe, expect, it } from "vitest";
import { Y_HEADROOM } from "../../src/render/curve-chart.js";
import { neuronLineChart, paletteColor } from "../../src/render/neuron-line-chart.js";
import { themes } from "../../src/render/theme.js";

const style = { theme: "light" as const, fontFamily: "TestSans", width: 800, height: 500 };
const text = { title: "neuron 3", xLabel: "sample", yLabel: "activation" };
const x = Float64Array.from({ length: 50 }, (_, i) => i + 10);
const y = Float64Array.from(x, (v) => Math.max(0, Math.sin(v / 3) * 2));

describe("neuronLineChart(y, x, text, style, options)", () => {
  it("neuronLineChart(...) returns a fresh config on every call and leaves its inputs alone", () => {
    const [xc, yc] = [Float64Array.from(x), Float64Array.from(y)];
    const a = neuronLineChart(y, x, text, style);
    const b = neuronLineChart(y, x, text, style);
    expect(a).not.toBe(b);
    expect(a.options).not.toBe(b.options);
    expect(a.data.datasets[0]!.data).not.toBe(b.data.datasets[0]!.data);
    expect(a.options!.scales!.y).not.toBe(b.options!.scales!.y);
    expect([x, y]).toEqual([xc, yc]);
  });

  it("neuronLineChart(...) is one thin line without points, decimation off", () => {
    const c = neuronLineChart(y, x, text, style);
    expect(c.type).toBe("line");
    expect(c.data.datasets).toHaveLength(1);
    expect(c.data.datasets[0]).toMatchObject({ borderWidth: 1.5, pointRadius: 0, tension: 0, fill: false, borderColor: themes.light.palette[0] });
    expect(c.options!.plugins!.decimation).toEqual({ enabled: false });
    expect(c.options).toMatchObject({ parsing: false, animation: false, locale: "en-US" });
  });

  it("neuronLineChart(...) x axis spans the first to the last sample exactly, with integer ticks", () => {
    expect(neuronLineChart(y, x, text, style).options!.scales!.x).toMatchObject({ type: "linear", min: 10, max: 59, ticks: { precision: 0 } });
  });

  it("neuronLineChart(...) y axis has headroom around the data", () => {
    let [lo, hi] = [Infinity, -Infinity];
    for (const v of y) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    const s = neuronLineChart(y, x, text, style).options!.scales!.y!;
    expect(s.min).toBeCloseTo(lo - Y_HEADROOM * (hi - lo), 12);
    expect(s.max).toBeCloseTo(hi + Y_HEADROOM * (hi - lo), 12);
  });

  it("neuronLineChart(..., {yRange}) uses the shared y range exactly", () => {
    expect(neuronLineChart(y, x, text, style, { yRange: { min: -1, max: 7 } }).options!.scales!.y).toMatchObject({ min: -1, max: 7 });
  });

  it("neuronLineChart(...) shows title and axis titles, and a zero line in the theme colour", () => {
    const c = neuronLineChart(y, x, text, { ...style, theme: "dark" });
    expect(c.options!.plugins!.title).toMatchObject({ display: true, text: "neuron 3" });
    expect(c.options!.scales!.x!.title).toMatchObject({ display: true, text: "sample" });
    expect(c.options!.scales!.y!.title).toMatchObject({ display: true, text: "activation" });
    expect(c.options!.plugins!.actvizZeroLines).toEqual({ color: themes.dark.zeroLine, width: 1 });
    expect(c.options!.plugins!.actvizBackground).toEqual({ color: themes.dark.background });
  });

  it("neuronLineChart(..., {xLabel: ''}) hides that axis title (grid panels)", () => {
    expect(neuronLineChart(y, x, { ...text, xLabel: "" }, style).options!.scales!.x!.title).toMatchObject({ display: false });
  });

  it("neuronLineChart(y with NaN and Infinity) leaves NaN gaps; points with non-finite x are dropped", () => {
    const c = neuronLineChart(Float64Array.from([1, NaN, Infinity, 2]), Float64Array.from([0, 1, 2, NaN]), text, style);
    expect(c.data.datasets[0]!.data).toEqual([{ x: 0, y: 1 }, { x: 1, y: NaN }, { x: 2, y: NaN }]);
  });

  it("neuronLineChart(y, x of another length) is a RangeError with both lengths", () => {
    expect(() => neuronLineChart(new Float64Array(3), new Float64Array(4), text, style)).toThrow(/4 x values but 3 y values/);
  });

  it("paletteColor(palette, i) wraps around in both directions", () => {
    const p = themes.light.palette;
    expect(paletteColor(p, p.length + 1)).toBe(p[1]);
    expect(paletteColor(p, -1)).toBe(p[p.length - 1]);
    expect(paletteColor(p, NaN)).toBe(p[0]);
  });
});
