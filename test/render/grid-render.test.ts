import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { useBundledFont } from "../../src/render/engine/fonts.js";
import { gridLayout, gridTitleHeight } from "../../src/render/engine/grid-layout.js";
import { gridPanelSize, renderGrid } from "../../src/render/engine/grid-render.js";
import { histogramChart } from "../../src/render/charts/histogram-chart.js";
import { neuronLineChart } from "../../src/render/charts/neuron-line-chart.js";
import { decodePng, halvedDifference, pngSize } from "./support/pixels.js";

const family = useBundledFont();
const frame = { title: "4 neurons", theme: "light" as const, fontFamily: family };
const x = Float64Array.from({ length: 40 }, (_, i) => i);
const line = (k: number, size: { width: number; height: number }, yRange = { min: -1, max: 1 }) => () =>
  neuronLineChart(Float64Array.from(x, (v) => Math.sin(v / (k + 2))), x, { title: `neuron ${k}`, xLabel: "", yLabel: "" }, { theme: "light", fontFamily: family, ...size }, { yRange }) as never;

describe("gridLayout(grid, width, height, titleHeight)", () => {
  it("gridLayout(2x3, 800, 500, 30) gives six equal panels row by row below the title", () => {
    const boxes = gridLayout({ rows: 2, cols: 3 }, 800, 500, 30);
    expect(boxes).toHaveLength(6);
    expect(boxes[0]).toEqual({ x: 1, y: 30, width: 266, height: 235 });
    expect(boxes[4]).toEqual({ x: 267, y: 265, width: 266, height: 235 });
    for (const b of boxes) expect(b.x + b.width <= 800 && b.y + b.height <= 500 && b.y >= 30).toBe(true);
  });

  it("gridLayout(0x2 | 1.5x2) and panels below the minimum are UsageErrors E_GRID", () => {
    expect(() => gridLayout({ rows: 0, cols: 2 }, 800, 500, 0)).toThrow(UsageError);
    expect(() => gridLayout({ rows: 1.5, cols: 2 }, 800, 500, 0)).toThrow(/grid 1.5x2 is not usable/);
    expect(() => gridLayout({ rows: 10, cols: 10 }, 800, 500, 0)).toThrow(expect.objectContaining({ code: "E_GRID" }));
  });

  it("gridTitleHeight(w, h, false) is 0", () => {
    expect(gridTitleHeight(800, 500, false)).toBe(0);
    expect(gridTitleHeight(800, 500, true)).toBeGreaterThan(0);
  });
});

describe("renderGrid(panels, grid, target, frame)", () => {
  it("renderGrid(4 panels, png at scale 2) keeps the layout: halved, it matches the scale-1 grid", async () => {
    const size = gridPanelSize({ rows: 2, cols: 2 }, { width: 640, height: 400 }, frame);
    const panels = [0, 1, 2, 3].map((k) => line(k, size));
    const one = await decodePng(await renderGrid(panels, { rows: 2, cols: 2 }, { format: "png", width: 640, height: 400, scale: 1 }, frame));
    const two = await decodePng(await renderGrid(panels, { rows: 2, cols: 2 }, { format: "png", width: 640, height: 400, scale: 2 }, frame));
    // as for single charts (renderer.test.ts): the same layout differs by a few levels (antialiasing)
    expect(halvedDifference(two, one)).toBeLessThan(4);
  });

  it("renderGrid(4 panels, 2x2, png 640x400) is one PNG of 640x400; at scale 2, 1280x800", async () => {
    const size = gridPanelSize({ rows: 2, cols: 2 }, { width: 640, height: 400 }, frame);
    const panels = [0, 1, 2, 3].map((k) => line(k, size));
    expect(pngSize(await renderGrid(panels, { rows: 2, cols: 2 }, { format: "png", width: 640, height: 400, scale: 1 }, frame))).toEqual({ width: 640, height: 400 });
    expect(pngSize(await renderGrid(panels, { rows: 2, cols: 2 }, { format: "png", width: 640, height: 400, scale: 2 }, frame))).toEqual({ width: 1280, height: 800 });
  });

  it("renderGrid(...) draws every panel in its own cell: each quadrant has the line colour", async () => {
    const size = gridPanelSize({ rows: 2, cols: 2 }, { width: 640, height: 400 }, frame);
    const img = await decodePng(await renderGrid([0, 1, 2, 3].map((k) => line(k, size)), { rows: 2, cols: 2 }, { format: "png", width: 640, height: 400, scale: 1 }, frame));
    const quadrantHasBlue = (qx: number, qy: number) => {
      for (let py = qy * 200; py < qy * 200 + 200; py++) {
        for (let px = qx * 320; px < qx * 320 + 320; px++) {
          const p = 4 * (py * img.width + px);
          if (img.data[p] === 0x00 && img.data[p + 1] === 0x72 && img.data[p + 2] === 0xb2) return true;
        }
      }
      return false;
    };
    expect([quadrantHasBlue(0, 0), quadrantHasBlue(1, 0), quadrantHasBlue(0, 1), quadrantHasBlue(1, 1)]).toEqual([true, true, true, true]);
  });

  it("renderGrid(..., svg) stays vector: no embedded image, one svg of the target size, the title and panel titles as glyphs", async () => {
    const size = gridPanelSize({ rows: 1, cols: 2 }, { width: 600, height: 300 }, frame);
    const svg = (await renderGrid([line(0, size), line(1, size)], { rows: 1, cols: 2 }, { format: "svg", width: 600, height: 300, scale: 1 }, frame)).toString("utf8");
    expect(svg).not.toContain("<image");
    expect(/<svg\b[^>]*>/.exec(svg)![0]).toContain('viewBox="0 0 600 300"');
  });

  it("renderGrid(..., pdf) is one PDF page of the target size", async () => {
    const size = gridPanelSize({ rows: 1, cols: 2 }, { width: 600, height: 300 }, frame);
    const pdf = (await renderGrid([line(0, size), line(1, size)], { rows: 1, cols: 2 }, { format: "pdf", width: 600, height: 300, scale: 1 }, frame)).toString("latin1");
    expect(pdf.startsWith("%PDF-")).toBe(true);
    expect(pdf).toMatch(/\/MediaBox \[ 0 0 600 300 \]/);
    expect(pdf.match(/\/Type \/Page\b/g)).toHaveLength(1);
  });

  it("renderGrid(...) twice gives byte-identical PNGs", async () => {
    const size = gridPanelSize({ rows: 1, cols: 2 }, { width: 600, height: 300 }, frame);
    const h = { edges: Float64Array.from([0, 1, 2]), counts: Float64Array.from([3, 1]) };
    const panels = [line(0, size), () => histogramChart(h, { title: "h", xLabel: "", yLabel: "" }, { theme: "light", fontFamily: family, ...size }) as never];
    const target = { format: "png" as const, width: 600, height: 300, scale: 1 };
    const a = await renderGrid(panels, { rows: 1, cols: 2 }, target, frame);
    const b = await renderGrid(panels, { rows: 1, cols: 2 }, target, frame);
    expect(b.equals(a)).toBe(true);
  });

  it("renderGrid(5 panels, 2x2) is a UsageError E_GRID naming both numbers", async () => {
    const size = { width: 320, height: 180 };
    await expect(renderGrid([0, 1, 2, 3, 4].map((k) => line(k, size)), { rows: 2, cols: 2 }, { format: "png", width: 640, height: 400, scale: 1 }, frame)).rejects.toThrow(/5 panels do not fit a 2x2 grid \(expected at most 4\)/);
  });
});

describe("gridPanelSize with the axis titles the panels share", () => {
  const frame = { title: "t", theme: "light" as const, fontFamily: "TestSans" };

  it("gridPanelSize leaves a band at the left for the y title and at the bottom for the x title", () => {
    const plain = gridPanelSize({ rows: 2, cols: 4 }, { width: 800, height: 500 }, frame);
    const titled = gridPanelSize({ rows: 2, cols: 4 }, { width: 800, height: 500 }, { ...frame, xLabel: "Sample", yLabel: "Activation" });
    expect(titled.width).toBeLessThan(plain.width);
    expect(titled.height).toBeLessThan(plain.height);
  });

  it("gridPanelSize leaves the titles out, not the grid, where their bands would make panels too small", () => {
    const plain = gridPanelSize({ rows: 2, cols: 2 }, { width: 320, height: 200 }, frame);
    expect(gridPanelSize({ rows: 2, cols: 2 }, { width: 320, height: 200 }, { ...frame, xLabel: "x", yLabel: "y" }).height).toBe(plain.height);
  });
});

