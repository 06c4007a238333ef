import type { Chart, Plugin } from "chart.js";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { useBundledFont } from "../../src/render/engine/fonts.js";
import { renderChart } from "../../src/render/engine/renderer.js";
import type { RenderTarget } from "../../src/render/engine/renderer.js";
import { themes } from "../../src/render/charts/theme.js";
import { curveChart } from "../../src/render/charts/curve-chart.js";
import { bandsDarkChart, reluChart, sigmoidChart, tanhChart } from "./support/charts.js";
import { decodePng, halvedDifference, pngSize } from "./support/pixels.js";

const family = useBundledFont();
const at = (format: RenderTarget["format"], extra: Partial<RenderTarget> = {}): RenderTarget => ({ format, width: 480, height: 300, scale: 1, ...extra });
const sigmoid = () => sigmoidChart(family);

describe("renderChart(makeConfig, target) output", () => {
  it("renderChart(chart, png) twice gives byte-identical PNGs", async () => {
    const a = await renderChart(sigmoid, at("png"));
    await renderChart(() => tanhChart(family), at("png"));
    const b = await renderChart(sigmoid, at("png"));
    expect(a.subarray(0, 8).toString("latin1")).toBe("\x89PNG\r\n\x1a\n");
    expect(b.equals(a)).toBe(true);
  });

  it("renderChart(chart, svg) twice gives byte-identical SVGs, though cairo's id counters moved on", async () => {
    const a = await renderChart(sigmoid, at("svg"));
    await renderChart(() => reluChart(family), at("svg"));
    const b = await renderChart(sigmoid, at("svg"));
    expect(b.equals(a)).toBe(true);
  });

  it("renderChart(chart, pdf) twice gives byte-identical PDFs with fixed metadata", async () => {
    const a = await renderChart(sigmoid, at("pdf"));
    await renderChart(() => reluChart(family), at("pdf"));
    const b = await renderChart(sigmoid, at("pdf"));
    expect(b.equals(a)).toBe(true);
    const text = a.toString("latin1");
    expect(text.startsWith("%PDF-")).toBe(true);
    expect(text).toMatch(/\/MediaBox \[ 0 0 480 300 \]/);
    expect(text).toMatch(/\/CreationDate \(D?:?19700101/);
    expect(text).toContain("/Creator (actviz)");
  });

  it("renderChart(chart, svg) has a px width/height, a viewBox and no pt units", async () => {
    const svg = (await renderChart(sigmoid, at("svg"))).toString("utf8");
    const root = /<svg\b[^>]*>/.exec(svg)![0];
    expect(root).toContain('width="480px"');
    expect(root).toContain('height="300px"');
    expect(root).toContain('viewBox="0 0 480 300"');
    expect(svg).not.toMatch(/\d(\.\d+)?pt\b/);
  });

  it("renderChart(chart, svg) is vectors: no embedded image, background painted as a full-size rect first", async () => {
    const svg = (await renderChart(() => tanhChart(family), at("svg"))).toString("utf8");
    expect(svg).not.toContain("<image");
    expect(svg).not.toContain("data:image/png");
    const first = /<g id="surface1">\s*<(rect|path)[^>]*>/.exec(svg)![0];
    expect(first).toMatch(/<rect x="0" y="0" width="480" height="300"/);
    const [r, g, b] = /fill:rgb\(([\d.]+)%,([\d.]+)%,([\d.]+)%\)/.exec(first)!.slice(1).map((p) => Math.round((Number(p) * 255) / 100));
    expect(`#${[r, g, b].map((c) => c!.toString(16).padStart(2, "0")).join("")}`).toBe(themes.dark.background);
  });

  it("renderChart(chart, png at scale 2) has double pixel dimensions; scale 1 the CSS size", async () => {
    expect(pngSize(await renderChart(sigmoid, at("png")))).toEqual({ width: 480, height: 300 });
    expect(pngSize(await renderChart(sigmoid, at("png", { scale: 2 })))).toEqual({ width: 960, height: 600 });
    expect(pngSize(await renderChart(() => sigmoidChart(family, 800, 500), { format: "png", width: 800, height: 500, scale: 2 }))).toEqual({ width: 1600, height: 1000 });
  });

  it("renderChart(chart, png at scale 2) keeps the layout: halved, it matches the scale-1 render", async () => {
    const one = await decodePng(await renderChart(sigmoid, at("png")));
    const two = await decodePng(await renderChart(sigmoid, at("png", { scale: 2 })));
    // Measured: the same layout differs by ~2 levels per channel on average (antialiasing);
    // a 960x600 chart drawn at scale 1 and halved (text and margins half-size) by ~8.6.
    expect(halvedDifference(two, one)).toBeLessThan(4);
  });

  it("renderChart(chart, svg/pdf) ignores scale: the same bytes at scale 1 and 2", async () => {
    for (const format of ["svg", "pdf"] as const) {
      const a = await renderChart(sigmoid, at(format));
      const b = await renderChart(sigmoid, at(format, { scale: 2 }));
      expect(b.equals(a), format).toBe(true);
    }
  });

  it("renderChart(chart, png, compressionLevel 1) is bigger than level 9 with the same pixels", async () => {
    const fast = await renderChart(sigmoid, at("png", { compressionLevel: 1 }));
    const small = await renderChart(sigmoid, at("png", { compressionLevel: 9 }));
    expect(fast.length).toBeGreaterThan(small.length);
    expect(Buffer.from((await decodePng(fast)).data).equals(Buffer.from((await decodePng(small)).data))).toBe(true);
  });
});

describe("renderChart(makeConfig, target) contract", () => {
  it("renderChart(...) draws later PNGs by updating an idle chart: the same bytes as a chart drawn first", async () => {
    // a size no other test uses, so the first render below gets a new engine and a new chart
    const target = { format: "png" as const, width: 333, height: 222, scale: 1 };
    const x = Float64Array.from({ length: 50 }, (_, i) => i - 25);
    const kinds = [
      () => curveChart([{ label: "a", x, y: x.map(Math.tanh), dashed: false, colorIndex: 0 }], [], { title: "A", xLabel: "x", yLabel: "y" }, { theme: "light", fontFamily: family, width: 333, height: 222 }),
      () => bandsDarkChart(family),
      () => tanhChart(family, 333, 222),
    ];
    const first = await renderChart(kinds[0]!, target);
    await renderChart(kinds[1]!, target);
    await renderChart(kinds[2]!, target);
    const again = await renderChart(kinds[0]!, target);
    expect(again.equals(first)).toBe(true);
    // the dark chart with bands drawn over the light one's chart: cross-process.test.ts compares
    // it with the same chart drawn first in a new process
  });

  it("renderChart(makeConfig, ...) builds a fresh config for every render", async () => {
    const made: unknown[] = [];
    const make = () => {
      const c = sigmoid();
      made.push(c);
      return c;
    };
    await renderChart(make, at("png"));
    await renderChart(make, at("png"));
    expect(made).toHaveLength(2);
    expect(made[0]).not.toBe(made[1]);
  });

  it("renderChart(...) lets the event loop turn before it resolves", async () => {
    await renderChart(sigmoid, at("png")); // engine warmed: no import on the way
    let turned = false;
    setImmediate(() => (turned = true));
    await renderChart(sigmoid, at("png"));
    expect(turned).toBe(true);
  });

  it.each([
    [{ format: "gif" }, "E_FORMAT", /image format 'gif'.*expected png, svg or pdf/],
    [{ width: 0 }, "E_SIZE", /width 0 .*expected an integer from 1 to 32767/],
    [{ height: 10.5 }, "E_SIZE", /height 10.5 /],
    [{ scale: 0 }, "E_SIZE", /scale 0 /],
    [{ scale: NaN }, "E_SIZE", /scale NaN /],
    [{ width: 20000, scale: 2 }, "E_SIZE", /20000x300 at scale 2 is 40000x600 pixels/],
    [{ compressionLevel: 10 }, "E_SIZE", /compression level 10 .*0 to 9/],
  ])("renderChart(chart, %o) throws UsageError %s", async (bad, code, message) => {
    const err = await renderChart(sigmoid, { ...at("png"), ...bad } as RenderTarget).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).code).toBe(code);
    expect((err as UsageError).message).toMatch(message);
  });
});

/** Records the chart's geometry so pixels can be looked up by data value. */
function withGeometry(make: () => ReturnType<typeof sigmoidChart>) {
  const geo = { px: (_x: number) => 0, py: (_y: number) => 0 };
  const capture: Plugin = {
    id: "testGeometry",
    afterRender(chart: Chart) {
      const { x, y } = chart.scales;
      const [x0, x1, y0, y1] = [x!.getPixelForValue(0), x!.getPixelForValue(1), y!.getPixelForValue(0), y!.getPixelForValue(1)];
      geo.px = (v) => Math.floor(x0 + v * (x1 - x0));
      geo.py = (v) => Math.floor(y0 + v * (y1 - y0));
    },
  };
  return { geo, make: () => ({ ...make(), plugins: [...(make().plugins ?? []), capture] }) };
}

describe("renderChart(curveChart(...)) pixels", () => {
  const rgb = (p: { data: Uint8ClampedArray; width: number }, x: number, y: number) => Array.from(p.data.subarray(4 * (y * p.width + x), 4 * (y * p.width + x) + 3));
  const hex = (h: string) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));

  it("the background is the theme's, in the corners of light and dark charts", async () => {
    const light = await decodePng(await renderChart(sigmoid, at("png")));
    const dark = await decodePng(await renderChart(() => tanhChart(family), at("png")));
    for (const [x, y] of [[0, 0], [479, 299], [0, 299]] as const) {
      expect(rgb(light, x, y)).toEqual(hex(themes.light.background));
      expect(rgb(dark, x, y)).toEqual(hex(themes.dark.background));
    }
  });

  it("saturation bands shade the chart area; the same chart without bands does not", async () => {
    const banded = withGeometry(sigmoid);
    const withBands = await decodePng(await renderChart(banded.make, at("png")));
    const { px, py } = banded.geo;
    const plain = withGeometry(() => ({ ...sigmoid(), options: { ...sigmoid().options, plugins: { ...sigmoid().options!.plugins, actvizBands: { bands: [], color: "red" } } } }));
    const without = await decodePng(await renderChart(plain.make, at("png")));
    const inBand = [px(-4.7), py(0.7)] as const;
    expect(rgb(without, ...inBand)).toEqual(hex(themes.light.background));
    const shade = rgb(withBands, ...inBand);
    expect(shade.every((c, i) => c < hex(themes.light.background)[i]! - 10)).toBe(true);
    expect(rgb(withBands, px(-1.5), py(0.7))).toEqual(hex(themes.light.background));
  });

  it("the zero line x = 0 is drawn darker than the grid lines", async () => {
    const g = withGeometry(sigmoid);
    const img = await decodePng(await renderChart(g.make, at("png")));
    const { px, py } = g.geo;
    const lum = (c: number[]) => c[0]! + c[1]! + c[2]!;
    const zero = lum(rgb(img, px(0), py(0.9)));
    const gridLine = lum(rgb(img, px(-2), py(0.9)));
    expect(zero).toBeLessThan(gridLine - 100);
    expect(gridLine).toBeLessThan(3 * 255);
  });
});

describe("renderChart(curveChart(long series))", () => {
  it("a 100 000-point curve draws like the same curve at 2000 points (reduced to 4 points per pixel column)", async () => {
    const chart = (n: number) => () => {
      const x = Float64Array.from({ length: n }, (_, i) => -6 + (12 * i) / (n - 1));
      return curveChart([{ label: "sin", x, y: Float64Array.from(x, (v) => Math.sin(3 * v)), dashed: false, colorIndex: 0 }], [], { xLabel: "x", yLabel: "y" }, { theme: "light", fontFamily: family, width: 480, height: 300 });
    };
    const [dense, sparse] = await Promise.all([renderChart(chart(100_000), at("png")).then(decodePng), renderChart(chart(2000), at("png")).then(decodePng)]);
    let total = 0;
    for (let i = 0; i < dense.data.length; i++) total += Math.abs(dense.data[i]! - sparse.data[i]!);
    expect(total / dense.data.length).toBeLessThan(0.5);
  });
});
