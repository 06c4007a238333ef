// Golden PNGs, compared pixel by pixel. A missing golden fails; UPDATE_GOLDEN=1 writes them.
// On a mismatch the actual image and a diff (changed pixels in red) go to test/.output/golden/.
// Goldens are per platform: text rasterisation differs between cairo/FreeType builds.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { CurveChartConfig } from "../../src/render/curve-chart.js";
import { useBundledFont } from "../../src/render/fonts.js";
import { renderChart } from "../../src/render/renderer.js";
import type { RenderTarget } from "../../src/render/renderer.js";
import { reluChart, sigmoidChart, tanhChart } from "./support/charts.js";
import { decodePng, diffPixels } from "./support/pixels.js";

const here = dirname(fileURLToPath(import.meta.url));
const goldenDir = join(here, "golden", process.platform);
const outputDir = join(here, "..", ".output", "golden");
const update = process.env.UPDATE_GOLDEN === "1";
/** A channel may differ by this much (antialiasing noise) ... */
const CHANNEL_THRESHOLD = 24;
/** ... in at most this fraction of pixels (72 of 480x300); the x = 0 zero line alone is ~180. */
const MAX_DIFFERING = 0.0005;

const family = useBundledFont();
const cases: [name: string, make: () => CurveChartConfig, target: RenderTarget][] = [
  ["sigmoid-light-bands-cjk", () => sigmoidChart(family), { format: "png", width: 480, height: 300, scale: 1 }],
  ["tanh-dark", () => tanhChart(family), { format: "png", width: 480, height: 300, scale: 1 }],
  ["relu-light-scale2", () => reluChart(family, 320, 200), { format: "png", width: 320, height: 200, scale: 2 }],
];

describe("golden PNGs", () => {
  it.each(cases)("renderChart(%s) matches its golden image", async (name, make, target) => {
    const actual = await renderChart(make, target);
    const golden = join(goldenDir, `${name}.png`);
    if (update) {
      mkdirSync(goldenDir, { recursive: true });
      writeFileSync(golden, actual);
      return;
    }
    if (!existsSync(golden)) throw new Error(`missing golden ${golden}: run UPDATE_GOLDEN=1 npx vitest run test/render/golden.test.ts and review the images`);
    const expected = await decodePng(readFileSync(golden));
    const got = await decodePng(actual);
    const diff = diffPixels(got, expected, CHANNEL_THRESHOLD);
    if (diff.differing > MAX_DIFFERING * expected.width * expected.height) {
      mkdirSync(outputDir, { recursive: true });
      writeFileSync(join(outputDir, `${name}.actual.png`), actual);
      writeFileSync(join(outputDir, `${name}.diff.png`), diff.diffPng());
    }
    expect(diff.differing, `${diff.differing} pixels differ; see ${outputDir}`).toBeLessThanOrEqual(MAX_DIFFERING * expected.width * expected.height);
  });
});
