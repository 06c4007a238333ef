import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CURVE_WIDTH, DASH, LEGEND_BESIDE, LINE_PATTERNS, curveChart, lineStyle, Y_HEADROOM } from "../../src/render/charts/curve-chart.js";
import { dotsPlugin } from "../../src/render/plugins/dots-plugin.js";
import type { CurveChartConfig, CurveSeries } from "../../src/render/charts/curve-chart.js";
import type { PolylinePlugin } from "../../src/render/plugins/polyline-plugin.js";
import { themes } from "../../src/render/charts/theme.js";
import { grid, sigmoid, sigmoidChart, sigmoidPrime, withDerivative } from "./support/charts.js";

const style = { theme: "light" as const, fontFamily: "TestSans", width: 800, height: 500 };
const text = { title: "t", xLabel: "x", yLabel: "y" };
const one = (x: Float64Array, y: Float64Array, extra: Partial<CurveSeries> = {}): CurveSeries => ({ label: "f", x, y, dashed: false, colorIndex: 0, ...extra });
const x = grid(-6, 6, 121);
const sig = Float64Array.from(x, sigmoid);

/** The lines the config's polyline plugin draws, one per series. */
function linesOf(c: CurveChartConfig): PolylinePlugin["lines"] {
  const plugin = c.plugins!.find((p) => p.id === "actvizPolyline") as PolylinePlugin | undefined;
  if (!plugin) throw new Error("no polyline plugin in the config");
  return plugin.lines;
}

describe("curveChart(series, bands, text, style)", () => {
  it("curveChart(...) returns a fresh object on every call", () => {
    const a = curveChart([one(x, sig)], [], text, style);
    const b = curveChart([one(x, sig)], [], text, style);
    expect(a).not.toBe(b);
    expect(a.options).not.toBe(b.options);
    expect(linesOf(a)[0]!.y).not.toBe(linesOf(b)[0]!.y);
    expect(linesOf(a)[0]!.y).not.toBe(sig);
    expect(a.options!.scales!.x).not.toBe(b.options!.scales!.x);
  });

  it("curveChart(...) does not modify its inputs", () => {
    const series = withDerivative("sigmoid", x, sigmoid, sigmoidPrime);
    const bands = [{ from: -6, to: -4 }];
    const copy = structuredClone({ series, bands });
    curveChart(series, bands, { ...text, bandLabel: "b" }, style);
    expect({ series, bands }).toEqual(copy);
  });

  it("curveChart(...) is a line chart whose series are drawn by the polyline plugin, en-US, no animation", () => {
    const c = curveChart([one(x, sig)], [], text, style);
    expect(c.type).toBe("line");
    expect(c.options).toMatchObject({ parsing: false, normalized: true, locale: "en-US", animation: false, responsive: false });
    expect(linesOf(c)).toEqual([{ x, y: sig, color: themes.light.palette[0], width: CURVE_WIDTH }]);
    // the dataset is only the legend entry: Chart.js makes no element per point
    expect(c.data.datasets[0]).toMatchObject({ label: "f", data: [], borderColor: themes.light.palette[0], borderWidth: CURVE_WIDTH });
    expect(c.options!.scales!.x).toMatchObject({ type: "linear" });
  });

  it("curveChart([f, f′ dashed]) gives the derivative a borderDash in the function's colour", () => {
    const c = curveChart(withDerivative("sigmoid", x, sigmoid, sigmoidPrime), [], text, style);
    const [f, df] = c.data.datasets;
    expect(f!.borderDash ?? []).toEqual([]);
    expect(df!.borderDash).toEqual(expect.arrayContaining([expect.any(Number)]));
    expect((df!.borderDash as number[]).length).toBeGreaterThanOrEqual(2);
    expect(df!.borderColor).toBe(f!.borderColor);
    expect(linesOf(c).map((l) => l.dash)).toEqual([undefined, DASH]);
    expect(df!.borderDash).toEqual([...DASH]);
  });

  it("curveChart(...) draws crisp lines: borderWidth 2, no points, tension 0", () => {
    const [d] = curveChart([one(x, sig)], [], text, style).data.datasets;
    expect(d).toMatchObject({ borderWidth: 2, pointRadius: 0, tension: 0, fill: false });
  });

  it("curveChart([one series], []) hides the legend", () => {
    expect(curveChart([one(x, sig)], [], text, style).options!.plugins!.legend!.display).toBe(false);
  });

  it("curveChart([two series], []) shows the legend with one entry each, the dashed one dashed", () => {
    const c = curveChart(withDerivative("sigmoid", x, sigmoid, sigmoidPrime), [], text, style);
    const legend = c.options!.plugins!.legend!;
    expect(legend.display).toBe(true);
    const items = (legend.labels!.generateLabels as () => { text: string; lineDash?: number[] }[])();
    expect(items.map((i) => i.text)).toEqual(["sigmoid", "sigmoid′"]);
    expect(items[1]!.lineDash).toEqual(c.data.datasets[1]!.borderDash);
  });

  it("curveChart([one series], bands) shows the legend with the band entry", () => {
    const c = curveChart([one(x, sig)], [{ from: -6, to: -4 }], { ...text, bandLabel: "|f′| < 0.05" }, style);
    const legend = c.options!.plugins!.legend!;
    expect(legend.display).toBe(true);
    const items = (legend.labels!.generateLabels as () => { text: string; fillStyle?: string }[])();
    expect(items.map((i) => i.text)).toEqual(["f", "|f′| < 0.05"]);
    expect(items[1]!.fillStyle).toBe(themes.light.band);
  });

  it("curveChart(series, bands) passes the bands and their colour to the bands plugin", () => {
    const bands = [{ from: -Infinity, to: -4 }, { from: 4, to: 6 }];
    const c = curveChart([one(x, sig)], bands, text, { ...style, theme: "dark" });
    expect(c.options!.plugins!.actvizBands).toEqual({ bands, color: themes.dark.band });
    expect(c.plugins!.map((p) => p.id)).toEqual(["actvizBackground", "actvizBands", "actvizZeroLines", "actvizPolyline", "actvizDots"]);
  });

  it("curveChart(...) paints the theme background and zero lines", () => {
    const c = curveChart([one(x, sig)], [], text, { ...style, theme: "dark" });
    expect(c.options!.plugins!.actvizBackground).toEqual({ color: themes.dark.background });
    expect(c.options!.plugins!.actvizZeroLines).toMatchObject({ color: themes.dark.zeroLine });
  });

  it("curveChart(...) x axis min/max equal the data range exactly", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 1e-3, max: 1e6, noNaN: true }), (from, span) => {
        const xs = grid(from, from + span, 11);
        const c = curveChart([one(xs, Float64Array.from(xs, Math.sin))], [], text, style);
        expect(c.options!.scales!.x).toMatchObject({ min: xs[0], max: xs[10] });
      }),
      { numRuns: 50 },
    );
  });

  it("curveChart(sigmoid on [-6, 6]) y axis has headroom around [0, 1]", () => {
    const y = curveChart([one(x, sig)], [], text, style).options!.scales!.y!;
    const lo = sigmoid(-6);
    const hi = sigmoid(6);
    expect(y.min).toBeCloseTo(lo - Y_HEADROOM * (hi - lo), 12);
    expect(y.max).toBeCloseTo(hi + Y_HEADROOM * (hi - lo), 12);
  });

  it("curveChart(...) y range covers every finite y of every series, ignoring ±Infinity and NaN", () => {
    const y1 = Float64Array.from([0, Infinity, 2]);
    const y2 = Float64Array.from([NaN, -3, -Infinity]);
    const xs = Float64Array.from([0, 1, 2]);
    const c = curveChart([one(xs, y1), one(xs, y2, { colorIndex: 1 })], [], text, style);
    expect(c.options!.scales!.y).toMatchObject({ min: -3 - 5 * Y_HEADROOM, max: 2 + 5 * Y_HEADROOM });
  });

  it("curveChart(...) turns non-finite y into NaN gaps and drops points with non-finite x", () => {
    const xs = Float64Array.from([0, 1, Infinity, 3]);
    const ys = Float64Array.from([1, Infinity, 5, 2]);
    const [line] = linesOf(curveChart([one(xs, ys)], [], text, style));
    expect(line).toMatchObject({ x: Float64Array.from([0, 1, 3]), y: Float64Array.from([1, NaN, 2]) });
  });

  it("curveChart(constant) still gives the y axis a nonzero span", () => {
    const c = curveChart([one(x, new Float64Array(x.length))], [], text, style);
    expect(c.options!.scales!.y).toMatchObject({ min: -1, max: 1 });
  });

  it("curveChart(series with colorIndex past the palette) wraps around the palette", () => {
    const n = themes.light.palette.length;
    const c = curveChart([one(x, sig, { colorIndex: n + 1 }), one(x, sig, { colorIndex: -1 })], [], text, style);
    expect(c.data.datasets[0]!.borderColor).toBe(themes.light.palette[1]);
    expect(c.data.datasets[1]!.borderColor).toBe(themes.light.palette[n - 1]);
  });

  it("curveChart(series with x and y of different lengths) throws a RangeError with both lengths", () => {
    expect(() => curveChart([one(x, new Float64Array(3))], [], text, style)).toThrow(/121 x values but 3 y values/);
  });

  it("curveChart(..., text without title) hides the title; with one shows it", () => {
    expect(curveChart([one(x, sig)], [], { xLabel: "x", yLabel: "y" }, style).options!.plugins!.title!.display).toBe(false);
    expect(curveChart([one(x, sig)], [], text, style).options!.plugins!.title).toMatchObject({ display: true, text: "t" });
  });

  it("curveChart(..., style) uses style.fontFamily for every text and the theme's text colour", () => {
    const c = sigmoidChart("MyFamily");
    const o = c.options!;
    const fonts = [o.font, o.plugins!.title!.font, o.plugins!.legend!.labels!.font, o.scales!.x!.ticks!.font, o.scales!.y!.title!.font];
    for (const f of fonts) expect(f).toMatchObject({ family: "MyFamily" });
    expect(o.scales!.x!.title).toMatchObject({ display: true, text: "输入值", color: themes.light.text });
  });

  it("curveChart(...) tick labels use en-US digits and a true minus sign", () => {
    const cb = curveChart([one(x, sig)], [], text, style).options!.scales!.x!.ticks!.callback as (v: number, i: number, t: { value: number }[]) => string;
    const ticks = [-2000, 0, 2000].map((value) => ({ value }));
    expect(ticks.map((t, i) => cb(t.value, i, ticks))).toEqual(["\u22122,000", "0", "2,000"]);
  });
});

describe("lineStyle(i, colors, derivative)", () => {
  it("lineStyle gives 39 curves and their 39 derivatives 78 distinct (colour, dash) pairs with 7 colours", () => {
    const pairs = new Set<string>();
    for (let i = 0; i < 39; i++) for (const d of [false, true]) {
      const s = lineStyle(i, 7, d);
      pairs.add(`${s.colorIndex} ${s.dash.join(",")}`);
    }
    expect(pairs.size).toBe(78);
  });

  it("lineStyle keeps the first round of colours solid, their derivatives DASH", () => {
    for (let i = 0; i < 7; i++) {
      expect(lineStyle(i, 7, false)).toEqual({ colorIndex: i, dash: [] });
      expect(lineStyle(i, 7, true)).toEqual({ colorIndex: i, dash: DASH });
    }
    expect(lineStyle(7, 7, false)).toEqual({ colorIndex: 0, dash: LINE_PATTERNS[2] });
  });
});

describe("curveChart legends and dots", () => {
  it(`curveChart with more than ${LEGEND_BESIDE} legend entries puts the legend below the plot; up to ${LEGEND_BESIDE}, above`, () => {
    const series = (n: number) => Array.from({ length: n }, (_, i) => one(x, sig, { label: `f${i}`, ...lineStyle(i, 7, false) }));
    const position = (n: number) => (curveChart(series(n), [], text, style).options!.plugins!.legend as { position: string }).position;
    expect(position(LEGEND_BESIDE)).toBe("top");
    expect(position(LEGEND_BESIDE + 1)).toBe("bottom");
  });

  it("curveChart draws a series' explicit dash pattern, and its dots in its colour", () => {
    const c = curveChart([one(x, sig, { dash: [1.5, 3], colorIndex: 2, dots: [{ x: 0, y: 0.5, open: true }] })], [], text, style);
    expect(linesOf(c)[0]!.dash).toEqual([1.5, 3]);
    expect(linesOf(c)[0]!.color).toBe(themes.light.palette[2]);
  });

  it("dotsPlugin fills a closed dot with its colour and a hollow one with the background, ringed in its colour", () => {
    const calls: string[] = [];
    const ctx = {
      save() {}, restore() {}, beginPath() {},
      arc(px: number, py: number, r: number) { calls.push(`arc ${px},${py} r${r}`); },
      fill() { calls.push(`fill ${this.fillStyle}`); },
      stroke() { calls.push(`stroke ${this.strokeStyle}`); },
      fillStyle: "", strokeStyle: "", lineWidth: 0,
    };
    const scale = { getPixelForValue: (v: number) => 100 + 10 * v };
    const chart = { ctx, chartArea: { left: 0, right: 300, top: 0, bottom: 300 }, scales: { x: scale, y: scale } };
    const plugin = dotsPlugin([{ x: 0, y: 1, open: false, color: "#123456" }, { x: 1, y: 0, open: true, color: "#654321" }, { x: 99, y: 0, open: false, color: "#000000" }], "#ffffff");
    (plugin.afterDatasetsDraw as unknown as (c: unknown) => void)(chart);
    expect(calls).toEqual(["arc 100,110 r3.5", "fill #123456", "arc 110,100 r2.75", "fill #ffffff", "stroke #654321"]);
  });
});

