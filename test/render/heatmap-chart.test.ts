import { describe, expect, it } from "vitest";
import { colormap, NONFINITE_RGB } from "../../src/render/charts/colormap.js";
import { useBundledFont } from "../../src/render/engine/fonts.js";
import { COLORBAR_SCALE, defaultHeatmapBudget, heatmapChart } from "../../src/render/charts/heatmap-chart.js";
import { colorScaleFor, heatmapImage } from "../../src/render/images/heatmap-image.js";
import type { HeatmapPlugin } from "../../src/render/plugins/heatmap-plugin.js";
import { renderChart } from "../../src/render/engine/renderer.js";
import { pngSize } from "./support/pixels.js";
import { reluActivations } from "./support/neuron-data.js";

const style = { theme: "light" as const, fontFamily: "TestSans", width: 800, height: 500 };
const text = { title: "acts", xLabel: "sample", yLabel: "neuron", valueLabel: "activation" };
const pluginOf = (c: ReturnType<typeof heatmapChart>) => c.plugins!.find((p) => p.id === "actvizHeatmap") as HeatmapPlugin;
const pixel = (img: { width: number; data: Uint8ClampedArray }, x: number, y: number) => Array.from(img.data.subarray(4 * (y * img.width + x), 4 * (y * img.width + x) + 4));

describe("colorScaleFor(values)", () => {
  it("colorScaleFor(non-negative values) is viridis over [min, max]", () => {
    expect(colorScaleFor([0, 2, NaN, 5])).toEqual({ min: 0, max: 5, colormap: "viridis" });
  });
  it("colorScaleFor(values of both signs) is RdBu centred on 0 over ±max|v|", () => {
    expect(colorScaleFor([-1, 0.5, 3])).toEqual({ min: -3, max: 3, colormap: "rdbu" });
  });
  it("colorScaleFor(a constant) widens by 0.5; colorScaleFor(nothing finite) is [0, 1]", () => {
    expect(colorScaleFor([2, 2])).toEqual({ min: 1.5, max: 2.5, colormap: "viridis" });
    expect(colorScaleFor([NaN, Infinity])).toEqual({ min: 0, max: 1, colormap: "viridis" });
  });
});

describe("heatmapImage(grid, scale)", () => {
  it("heatmapImage(2 samples x 3 neurons) is transposed: 2 wide, 3 high, neuron 0 on top, NaN grey", () => {
    const grid = { rows: 2, cols: 3, data: Float64Array.from([0, 1, NaN, 0.5, 1, 0]) };
    const img = heatmapImage(grid, { min: 0, max: 1, colormap: "viridis" });
    expect([img.width, img.height]).toEqual([2, 3]);
    expect(pixel(img, 0, 0)).toEqual([...colormap("viridis", 0), 255]);
    expect(pixel(img, 0, 1)).toEqual([...colormap("viridis", 1), 255]);
    expect(pixel(img, 0, 2)).toEqual([...NONFINITE_RGB, 255]);
    expect(pixel(img, 1, 0)).toEqual([...colormap("viridis", 128 / 255), 255]);
    expect(pixel(img, 1, 2)).toEqual([...colormap("viridis", 0), 255]);
  });
});

describe("heatmapChart(m, options, text, style)", () => {
  it("heatmapChart(...) returns a fresh config and plugin on every call", () => {
    const m = reluActivations(20, 4, 1);
    const a = heatmapChart(m, {}, text, style);
    const b = heatmapChart(m, {}, text, style);
    expect(a).not.toBe(b);
    expect(a.options).not.toBe(b.options);
    expect(pluginOf(a)).not.toBe(pluginOf(b));
    expect(pluginOf(a).image.data).toEqual(pluginOf(b).image.data);
  });

  it("heatmapChart(60000x64 Float32Array) is ONE bitmap within the cell budget, no datasets", () => {
    const m = reluActivations(60000, 64, 2);
    const c = heatmapChart(m, {}, text, style);
    expect(c.data.datasets).toHaveLength(0);
    const { image } = pluginOf(c);
    const budget = defaultHeatmapBudget(style);
    expect([image.width, image.height]).toEqual([budget.rows, 64]);
    expect(image.data.length).toBe(image.width * image.height * 4);
  });

  it("heatmapChart(m, {rows, cols}) shrinks to the given budget and never enlarges", () => {
    const m = reluActivations(100, 10, 3);
    const { image } = pluginOf(heatmapChart(m, { rows: 25, cols: 5 }, text, style));
    expect([image.width, image.height]).toEqual([25, 5]);
    const small = pluginOf(heatmapChart(m, { rows: 1000, cols: 1000 }, text, style)).image;
    expect([small.width, small.height]).toEqual([100, 10]);
  });

  it("heatmapChart(m) axes: samples on x, neurons on y reversed (0 on top), cells centred on integers", () => {
    const { x, y } = heatmapChart(reluActivations(100, 10, 3), {}, text, style).options!.scales!;
    expect(x).toMatchObject({ min: -0.5, max: 99.5, title: { text: "sample" }, ticks: { precision: 0 } });
    expect(y).toMatchObject({ min: -0.5, max: 9.5, reverse: true, title: { text: "neuron" } });
  });

  it("heatmapChart(m) colour bar scale spans the colour scale, on the right, titled with valueLabel", () => {
    const m = { rows: 2, cols: 2, data: Float64Array.from([-2, 1, 0, 0.5]) };
    const bar = heatmapChart(m, {}, text, style).options!.scales![COLORBAR_SCALE]!;
    expect(bar).toMatchObject({ min: -2, max: 2, position: "right", title: { text: "activation" } });
  });

  it("heatmapChart(m) twice renders byte-identical PNGs of the requested size", async () => {
    const family = useBundledFont();
    const m = reluActivations(300, 16, 4, [2]);
    const make = () => heatmapChart(m, {}, text, { ...style, fontFamily: family, width: 480, height: 300 }) as never;
    const target = { format: "png" as const, width: 480, height: 300, scale: 1 };
    const a = await renderChart(make, target);
    const b = await renderChart(make, target);
    expect(pngSize(a)).toEqual({ width: 480, height: 300 });
    expect(b.equals(a)).toBe(true);
  });

  it("heatmapChart(m) in SVG embeds the heatmap and colour bar as two images, the rest vector", async () => {
    const family = useBundledFont();
    const m = reluActivations(50, 8, 4);
    const svg = (await renderChart(() => heatmapChart(m, {}, text, { ...style, fontFamily: family, width: 480, height: 300 }) as never, { format: "svg", width: 480, height: 300, scale: 1 })).toString("utf8");
    expect(svg.match(/<image\b/g)).toHaveLength(2);
    expect(svg).toContain("<path");
  });
});

describe("heatmapChart with more cells than pixels: never silent", () => {
  const words = { both: "each pixel: the {how} of {x} samples × {y} neurons", x: "each pixel: the {how} of {x} samples", y: "each pixel: the {how} of {y} neurons", mean: "mean", max: "maximum" };
  const rows = 5000;
  const cols = 300;
  const data = new Float64Array(rows * cols);
  data[2345 * cols + 17] = 8.4; // one spike among zeros
  const m = { rows, cols, data };
  const style = { theme: "light" as const, fontFamily: "TestSans", width: 800, height: 500 };
  const text = { title: "t", xLabel: "x", yLabel: "y", valueLabel: "v", aggregated: words };
  const subtitle = (c: ReturnType<typeof heatmapChart>) => c.options!.plugins!.subtitle as { display: boolean; text: string };
  const valueMax = (c: ReturnType<typeof heatmapChart>) => (c.options!.scales![COLORBAR_SCALE] as { max: number }).max;

  it("says under the title how samples were merged into pixels, and with aggregate max the spike sets the colour bar", () => {
    const mean = heatmapChart(m, {}, text, style);
    expect(subtitle(mean)).toMatchObject({ display: true, text: expect.stringMatching(/^each pixel: the mean of \d+(-\d+)? samples$/) });
    expect(valueMax(mean)).toBeLessThan(8.4);
    const max = heatmapChart(m, { aggregate: "max" }, text, style);
    expect(subtitle(max).text).toMatch(/^each pixel: the maximum of \d+(-\d+)? samples$/);
    expect(valueMax(max)).toBeGreaterThanOrEqual(8.4);
  });

  it("names both axes when both are merged, and nothing when every cell has its pixel", () => {
    const tall = { rows: 2000, cols: 2000, data: new Float64Array(2000 * 2000) };
    expect(subtitle(heatmapChart(tall, {}, text, style)).text).toMatch(/^each pixel: the mean of \d+(-\d+)? samples × \d+(-\d+)? neurons$/);
    const small = { rows: 10, cols: 4, data: new Float64Array(40) };
    expect(subtitle(heatmapChart(small, {}, text, style)).display).toBe(false);
  });
});
