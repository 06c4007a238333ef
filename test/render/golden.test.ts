// Golden PNGs, compared pixel by pixel by support/golden.ts: a missing golden fails;
// UPDATE_GOLDEN=1 writes them; on a mismatch the actual image and a diff (changed pixels in red)
// go to test/.output/golden/. Goldens are per platform: text rasterisation differs between
// cairo/FreeType builds.
import { describe, it } from "vitest";
import type { CurveChartConfig } from "../../src/render/charts/curve-chart.js";
import { useBundledFont } from "../../src/render/engine/fonts.js";
import { renderChart } from "../../src/render/engine/renderer.js";
import type { RenderTarget } from "../../src/render/engine/renderer.js";
import { reluChart, sigmoidChart, tanhChart } from "./support/charts.js";
import { expectGolden } from "./support/golden.js";

const family = useBundledFont();
const cases: [name: string, make: () => CurveChartConfig, target: RenderTarget][] = [
  ["sigmoid-light-bands-cjk", () => sigmoidChart(family), { format: "png", width: 480, height: 300, scale: 1 }],
  ["tanh-dark", () => tanhChart(family), { format: "png", width: 480, height: 300, scale: 1 }],
  ["relu-light-scale2", () => reluChart(family, 320, 200), { format: "png", width: 320, height: 200, scale: 2 }],
];

describe("golden PNGs", () => {
  it.each(cases)("renderChart(%s) matches its golden image", async (name, make, target) => {
    await expectGolden(name, await renderChart(make, target));
  });
});
