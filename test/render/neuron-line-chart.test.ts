import { describe, expect, it } from "vitest";
import { Y_HEADROOM } from "../../src/render/charts/curve-chart.js";
import { LINE_WIDTH, neuronLineChart, paletteColor } from "../../src/render/charts/neuron-line-chart.js";
import type { NeuronLineChartConfig } from "../../src/render/charts/neuron-line-chart.js";
import type { PolylinePlugin } from "../../src/render/plugins/polyline-plugin.js";
import { themes } from "../../src/render/charts/theme.js";

const style = { theme: "light" as const, fontFamily: "TestSans", width: 800, height: 500 };
const text = { title: "neuron 3", xLabel: "sample", yLabel: "activation" };
const x = Float64Array.from({ length: 50 }, (_, i) => i + 10);
const y = Float64Array.from(x, (v) => Math.max(0, Math.sin(v / 3) * 2));

/** The line the config's polyline plugin draws. */
function lineOf(c: NeuronLineChartConfig): PolylinePlugin["lines"][number] {
  const plugin = c.plugins!.find((p) => p.id === "actvizPolyline") as PolylinePlugin | undefined;
  if (!plugin || plugin.lines.length !== 1) throw new Error("no polyline plugin with one line in the config");
  return plugin.lines[0]!;
}

describe("neuronLineChart(y, x, text, style, options)", () => {
  it("neuronLineChart(...) returns a fresh config on every call and leaves its inputs alone", () => {
    const [xc, yc] = [Float64Array.from(x), Float64Array.from(y)];
    const a = neuronLineChart(y, x, text, style);
    const b = neuronLineChart(y, x, text, style);
    expect(a).not.toBe(b);
    expect(a.options).not.toBe(b.options);
    expect(lineOf(a).y).not.toBe(lineOf(b).y);
    expect(lineOf(a).y).not.toBe(y);
    expect(a.options!.scales!.y).not.toBe(b.options!.scales!.y);
    expect([x, y]).toEqual([xc, yc]);
  });

  it("neuronLineChart(...) is one thin line drawn by the polyline plugin, not a dataset; decimation off", () => {
    const c = neuronLineChart(y, x, text, style);
    expect(c.type).toBe("line");
    expect(c.data.datasets).toHaveLength(0);
    expect(lineOf(c)).toEqual({ x, y, color: themes.light.palette[0], width: LINE_WIDTH });
    expect(LINE_WIDTH).toBe(1.5);
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
    expect(lineOf(c)).toMatchObject({ x: Float64Array.from([0, 1, 2]), y: Float64Array.from([1, NaN, NaN]) });
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
