import { describe, expect, it } from "vitest";
import { colormapLut, NONFINITE_RGB } from "../../src/render/charts/colormap.js";
import { useBundledFont } from "../../src/render/engine/fonts.js";
import { lutIndex } from "../../src/render/images/heatmap-image.js";
import { mapBitmap } from "../../src/render/images/maps-image.js";
import { mapsChart, type MapsChartConfig } from "../../src/render/charts/maps-chart.js";
import type { FeatureMaps, MapsPlugin } from "../../src/render/plugins/maps-plugin.js";
import { renderChart } from "../../src/render/engine/renderer.js";
import { expectGolden } from "./support/golden.js";
import { normals } from "./support/neuron-data.js";
import { decodePng } from "./support/pixels.js";

const family = useBundledFont();
const W = 480;
const H = 300;
const png = { format: "png" as const, width: W, height: H, scale: 1 };
const style = (theme: "light" | "dark" = "light") => ({ theme, fontFamily: family, width: W, height: H });
const pluginOf = (c: MapsChartConfig) => c.plugins!.find((p) => p.id === "actvizMaps") as MapsPlugin;
const labels = (m: FeatureMaps) => m.channels.map((c) => `channel ${c}`);

/** relu of seeded normals: `channels` maps of h x w, map k scaled by k + 1, the map of `dead` all 0. */
function reluMaps(channels: number[], h: number, w: number, seed: number, dead?: number): FeatureMaps {
  const z = normals(seed);
  const data = new Float32Array(channels.length * h * w);
  for (let k = 0; k < channels.length; k++) {
    for (let i = 0; i < h * w; i++) data[k * h * w + i] = channels[k] === dead ? 0 : Math.max(0, z() * (k + 1) * 0.5);
  }
  return { height: h, width: w, channels, data };
}

/** Smooth waves of both signs, as a convolution's pre-activations. */
function signedMaps(count: number, h: number, w: number): FeatureMaps {
  const data = new Float64Array(count * h * w);
  for (let k = 0; k < count; k++) {
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data[(k * h + y) * w + x] = (k + 1) * Math.sin(x / 3 + k) * Math.cos(y / 4);
  }
  return { height: h, width: w, channels: Array.from({ length: count }, (_, k) => k), data };
}

async function draw(maps: FeatureMaps, theme: "light" | "dark" = "light", words = labels(maps)) {
  let config: MapsChartConfig | undefined;
  const bytes = await renderChart(() => (config = mapsChart(maps, { title: "conv1: Feature maps of sample 0", valueLabel: "Activation", labels: words }, style(theme))) as never, png);
  return { bytes, plugin: pluginOf(config!) };
}

describe("mapBitmap(values, height, width, scale)", () => {
  it("mapBitmap keeps the map upright: row 0 on top, value (y, x) at pixel (x, y), NaN grey", () => {
    const img = mapBitmap(Float64Array.from([0, 1, NaN, 0.5, 1, 0]), 2, 3, { min: 0, max: 1, colormap: "viridis" });
    const lut = colormapLut("viridis");
    const at = (x: number, y: number) => Array.from(img.data.subarray(4 * (y * 3 + x), 4 * (y * 3 + x) + 3));
    expect([img.width, img.height]).toEqual([3, 2]);
    expect(at(1, 0)).toEqual(Array.from(lut.subarray(3 * 255, 3 * 256)));
    expect(at(2, 0)).toEqual([...NONFINITE_RGB]);
    expect(at(0, 1)).toEqual(Array.from(lut.subarray(3 * 128, 3 * 129)));
  });

  it("mapBitmap(a 100x60 map, at most 30x20) shrinks it by block means", () => {
    const values = Float64Array.from({ length: 60 * 100 }, (_, i) => (i % 100 < 50 ? 0 : 1));
    const img = mapBitmap(values, 60, 100, { min: 0, max: 1, colormap: "viridis" }, 30, 20);
    expect([img.width, img.height]).toEqual([30, 20]);
  });
});

describe("mapsChart(maps, text, style)", () => {
  it("every map pixel in the PNG has the colour of its value on the ONE scale shared by all maps", async () => {
    const maps = reluMaps([0, 1, 2, 3, 4, 5], 5, 5, 7, 2);
    const { bytes, plugin } = await draw(maps);
    const img = await decodePng(bytes);
    let max = 0;
    for (const v of maps.data) max = Math.max(max, v);
    expect(plugin.scale).toEqual({ min: 0, max: expect.closeTo(max, 6), colormap: "viridis" });
    const lut = colormapLut("viridis");
    const boxes = plugin.drawn!.maps;
    expect(boxes).toHaveLength(6);
    boxes.forEach((box, k) => {
      const px = box.width / 5;
      for (let y = 0; y < 5; y++) {
        for (let x = 0; x < 5; x++) {
          const cx = Math.floor(box.x + (x + 0.5) * px);
          const cy = Math.floor(box.y + (y + 0.5) * px);
          const e = lutIndex(maps.data[k * 25 + y * 5 + x]!, plugin.scale);
          const p = 4 * (cy * img.width + cx);
          expect(Array.from(img.data.subarray(p, p + 3)), `map ${k} (${y}, ${x})`).toEqual(Array.from(lut.subarray(3 * e, 3 * e + 3)));
        }
      }
    });
  });

  it("maps keep their aspect, do not overlap, and the colour bar is as tall as the maps, right of them, ticks inside it and in order", async () => {
    const { plugin } = await draw(signedMaps(10, 20, 32));
    const { maps, bar, ticks } = plugin.drawn!;
    for (const m of maps) expect(m.width / m.height).toBeCloseTo(32 / 20, 9);
    expect(bar.y).toBe(Math.min(...maps.map((m) => m.y)));
    expect(bar.y + bar.height).toBe(Math.max(...maps.map((m) => m.y + m.height)));
    expect(bar.x).toBeGreaterThan(Math.max(...maps.map((m) => m.x + m.width)));
    expect(bar.x + bar.width).toBeLessThan(W);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    for (const t of ticks) {
      expect(t.y).toBeGreaterThanOrEqual(bar.y);
      expect(t.y).toBeLessThanOrEqual(bar.y + bar.height + 1);
    }
    for (let i = 1; i < ticks.length; i++) expect(ticks[i]!.value).toBeGreaterThan(ticks[i - 1]!.value);
    expect(ticks.map((t) => t.label)).toContain("0");
  });

  it("maps of both signs get RdBu centred on 0", async () => {
    const { plugin } = await draw(signedMaps(3, 8, 8));
    expect(plugin.scale.colormap).toBe("rdbu");
    expect(plugin.scale.min).toBe(-plugin.scale.max);
  });

  it("mapsChart does not modify the maps", () => {
    const maps = reluMaps([0, 1], 4, 4, 3);
    const before = Float32Array.from(maps.data);
    mapsChart(maps, { valueLabel: "a", labels: labels(maps) }, style());
    expect(maps.data).toEqual(before);
  });

  it("renders to SVG and PDF as the other charts do", async () => {
    const maps = reluMaps([0, 1, 2], 5, 5, 1);
    const make = () => mapsChart(maps, { title: "t", valueLabel: "a", labels: labels(maps) }, style()) as never;
    expect((await renderChart(make, { ...png, format: "svg" })).toString("utf8")).toMatch(/^<\?xml[\s\S]*<svg[\s\S]*<image/);
    expect((await renderChart(make, { ...png, format: "pdf" })).subarray(0, 5).toString()).toBe("%PDF-");
  });
});

describe("maps goldens", () => {
  it("mapsChart(6 relu maps of 5x5, one dead, light) matches its golden image", async () => {
    await expectGolden("maps-viridis-light", (await draw(reluMaps([0, 1, 2, 3, 4, 5], 5, 5, 7, 2))).bytes);
  });

  it("mapsChart(10 signed maps of 20x32, dark, Chinese labels) matches its golden image", async () => {
    const maps = signedMaps(10, 20, 32);
    let config: MapsChartConfig | undefined;
    const bytes = await renderChart(() => (config = mapsChart(maps, { title: "conv1：样本 0 的特征图", valueLabel: "激活值", labels: maps.channels.map((c) => `通道 ${c}`) }, style("dark"))) as never, png);
    expect(pluginOf(config!).drawn!.maps).toHaveLength(10);
    await expectGolden("maps-rdbu-dark-zh", bytes);
  });
});

describe("colorTicks(scale, maxTicks)", () => {
  it("colorTicks gives round ticks inside the scale, in order, at most maxTicks + 1, labelled as the axes are", async () => {
    const { colorTicks } = await import("../../src/render/images/maps-colorbar.js");
    expect(colorTicks({ min: 0, max: 2.52, colormap: "viridis" }, 6).map((t) => t.label)).toEqual(["0.0", "0.5", "1.0", "1.5", "2.0", "2.5"]);
    expect(colorTicks({ min: -9.93, max: 9.93, colormap: "rdbu" }, 10).map((t) => t.label)).toEqual(["−8", "−6", "−4", "−2", "0", "2", "4", "6", "8"]);
  });

  it("colorTicks falls back to the two ends to 3 significant digits when no round step fits", async () => {
    const { colorTicks } = await import("../../src/render/images/maps-colorbar.js");
    expect(colorTicks({ min: -9.93127, max: 9.93127, colormap: "rdbu" }, 2)).toEqual([{ value: -9.93127, label: "−9.93" }, { value: 9.93127, label: "9.93" }]);
  });
});
