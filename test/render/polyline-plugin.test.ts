// The polyline plugin against cairo's own stroke: same picture in PNG, a vector path in SVG and PDF.
import type { ChartConfiguration, ChartType } from "chart.js";
import { describe, expect, it } from "vitest";
import { backgroundPlugin } from "../../src/render/plugins/background-plugin.js";
import { useBundledFont } from "../../src/render/engine/fonts.js";
import { panelCanvas } from "../../src/render/engine/panel-context.js";
import { parseHexColor, polylinePlugin } from "../../src/render/plugins/polyline-plugin.js";
import { renderChart } from "../../src/render/engine/renderer.js";
import { decodePng } from "./support/pixels.js";
import type { Pixels } from "./support/pixels.js";

const family = useBundledFont();
const W = 400;
const H = 250;
type AnyConfig = ChartConfiguration<ChartType, unknown[], unknown>;

/** A ReLU-like noisy signal of n samples (deterministic), with a NaN gap in the middle. */
function signal(n: number): { x: Float64Array; y: Float64Array } {
  const x = Float64Array.from({ length: n }, (_, i) => i);
  let s = 12345;
  const y = Float64Array.from(x, (i) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return i > n / 2 && i < n / 2 + 10 ? NaN : Math.max(0, (s / 2147483648) * 3 - 1);
  });
  return { x, y };
}

/** A chart with fixed axes and the line either as the plugin or as a Chart.js dataset (cairo stroke). */
function config(line: { x: Float64Array; y: Float64Array }, color: string, asDataset: boolean): AnyConfig {
  const data = Array.from(line.x, (x, i) => ({ x, y: line.y[i]! }));
  return {
    type: "line",
    data: { datasets: asDataset ? [{ data, borderColor: color, borderWidth: 1.5, borderJoinStyle: "round", pointRadius: 0, tension: 0, spanGaps: false }] : [] },
    plugins: [backgroundPlugin, ...(asDataset ? [] : [polylinePlugin([{ ...line, color, width: 1.5 }])])],
    options: {
      parsing: false,
      animation: false,
      font: { family },
      scales: { x: { type: "linear", min: 0, max: line.x.length - 1 }, y: { type: "linear", min: -0.2, max: 2.2 } },
      plugins: { legend: { display: false }, actvizBackground: { color: "#ffffff" } },
    },
  } as unknown as AnyConfig;
}

/** The line drawn by the plugin (ours) and as Chart.js's own dataset (cairo), decoded. */
function oursAndCairo(line: { x: Float64Array; y: Float64Array }, scale = 1): Promise<[Pixels, Pixels]> {
  const target = { format: "png" as const, width: W, height: H, scale };
  return Promise.all([renderChart(() => config(line, "#0072B2", false), target).then(decodePng), renderChart(() => config(line, "#0072B2", true), target).then(decodePng)]);
}

/** Mean over pixels of the mean absolute channel difference, 0-255. */
function meanDifference(a: Pixels, b: Pixels): number {
  let total = 0;
  for (let i = 0; i < a.data.length; i += 4) total += (Math.abs(a.data[i]! - b.data[i]!) + Math.abs(a.data[i + 1]! - b.data[i + 1]!) + Math.abs(a.data[i + 2]! - b.data[i + 2]!)) / 3;
  return total / (a.width * a.height);
}

/** Total "ink": how far below white the pixels are, summed over the image, in pixel units. */
function ink(p: Pixels): number {
  let total = 0;
  for (let i = 0; i < p.data.length; i += 4) total += (765 - p.data[i]! - p.data[i + 1]! - p.data[i + 2]!) / 765;
  return total;
}

describe("polylinePlugin(line)", () => {
  for (const [n, scale] of [[60, 1], [1500, 1], [400, 2]] as const) {
    it(`polylinePlugin(${n} points) in PNG at scale ${scale} looks like cairo's stroke of the same line`, async () => {
      const [ours, cairo] = await oursAndCairo(signal(n), scale);
      // the same amount of ink (within 3 %), and pixels that differ only at sub-pixel edges
      expect(Math.abs(ink(ours) - ink(cairo)) / ink(cairo)).toBeLessThan(0.03);
      expect(meanDifference(ours, cairo)).toBeLessThan(5);
    });
  }

  it("polylinePlugin(smooth curve) in PNG is stroked as a path: the very pixels of Chart.js's own dataset", async () => {
    const x = Float64Array.from({ length: 300 }, (_, i) => i);
    const [ours, chartjs] = await oursAndCairo({ x, y: Float64Array.from(x, (v) => 1 + Math.sin(v / 40)) });
    expect(meanDifference(ours, chartjs)).toBe(0);
  });

  it("polylinePlugin(dense line) in PNG is rasterised: close to cairo's stroke, not the same pixels", async () => {
    const [ours, cairo] = await oursAndCairo(signal(600));
    expect(meanDifference(ours, cairo)).toBeGreaterThan(0);
    expect(Math.abs(ink(ours) - ink(cairo)) / ink(cairo)).toBeLessThan(0.03);
  });

  it("polylinePlugin(dense dashed line) in PNG has about the ink of cairo's dashed stroke", async () => {
    const line = signal(300);
    const target = { format: "png" as const, width: W, height: H, scale: 1 };
    const dashed = (asDataset: boolean): AnyConfig => {
      const c = config(line, "#D55E00", asDataset) as unknown as { data: { datasets: { borderDash?: number[] }[] }; plugins: unknown[] };
      if (asDataset) c.data.datasets[0]!.borderDash = [7, 4];
      else c.plugins[1] = polylinePlugin([{ ...line, color: "#D55E00", width: 1.5, dash: [7, 4] }]);
      return c as unknown as AnyConfig;
    };
    const [ours, cairo, solid] = await Promise.all([
      renderChart(() => dashed(false), target).then(decodePng),
      renderChart(() => dashed(true), target).then(decodePng),
      renderChart(() => config(line, "#D55E00", false), target).then(decodePng),
    ]);
    expect(Math.abs(ink(ours) - ink(cairo)) / ink(cairo)).toBeLessThan(0.1);
    expect(ink(ours)).toBeLessThan(0.9 * ink(solid));
  });

  it("polylinePlugin(line) in PNG gives the same bytes every time", async () => {
    const line = signal(800);
    const target = { format: "png" as const, width: W, height: H, scale: 1 };
    const [a, b] = await Promise.all([renderChart(() => config(line, "#D55E00", false), target), renderChart(() => config(line, "#D55E00", false), target)]);
    expect(a.equals(b)).toBe(true);
  });

  it("polylinePlugin(line) in SVG is a vector path in the line's colour, with no embedded image", async () => {
    const svg = (await renderChart(() => config(signal(50), "#D55E00", false), { format: "svg", width: W, height: H, scale: 1 })).toString("utf8");
    expect(svg).not.toMatch(/<image/);
    expect(svg).toMatch(/stroke-linejoin:round;stroke:rgb\(83\.52\d*%,36\.86\d*%,0%\)/);
  });

  it("polylinePlugin(line with a colour that is not hex) still draws it in PNG (as a stroke)", async () => {
    const line = signal(200);
    const target = { format: "png" as const, width: W, height: H, scale: 1 };
    const [named, hex] = await Promise.all([
      renderChart(() => config(line, "rgb(0, 114, 178)", false), target).then(decodePng),
      renderChart(() => config(line, "#0072B2", false), target).then(decodePng),
    ]);
    expect(meanDifference(named, hex)).toBeLessThan(2.5);
    expect(ink(named)).toBeGreaterThan(100);
  });

  it("parseHexColor(#rgb, #rrggbb) gives [r, g, b]; other forms give undefined", () => {
    expect(parseHexColor("#0072B2")).toEqual([0, 114, 178]);
    expect(parseHexColor("#fff")).toEqual([255, 255, 255]);
    expect(parseHexColor("rgb(1, 2, 3)")).toBeUndefined();
    expect(parseHexColor("#12345")).toBeUndefined();
  });

  it("panelCanvas(ctx of a canvas) reports the shared canvas's surface type, so panels rasterise only in PNG", async () => {
    const { createCanvas } = (await import("canvas")).default;
    expect(panelCanvas(createCanvas(10, 10).getContext("2d"), { x: 0, y: 0, width: 5, height: 5 }, 1).type).toBe("image");
    expect(panelCanvas(createCanvas(10, 10, "svg").getContext("2d"), { x: 0, y: 0, width: 5, height: 5 }, 1).type).toBe("svg");
  });
});
