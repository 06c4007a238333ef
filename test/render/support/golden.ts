// Compares a rendered PNG with its golden under test/render/golden/<platform>/ (golden.test.ts,
// neuron-golden.test.ts): a missing golden fails, UPDATE_GOLDEN=1 writes it, a mismatch leaves actual and diff
// images in test/.output/golden/.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { decodePng, diffPixels } from "./pixels.js";

const here = dirname(fileURLToPath(import.meta.url));
const goldenDir = join(here, "..", "golden", process.platform);
const outputDir = join(here, "..", "..", ".output", "golden");
/** A channel may differ by this much (antialiasing noise) ... */
const CHANNEL_THRESHOLD = 24;
/** ... in at most this fraction of pixels. */
const MAX_DIFFERING = 0.0005;

export async function expectGolden(name: string, actual: Buffer): Promise<void> {
  const golden = join(goldenDir, `${name}.png`);
  if (process.env.UPDATE_GOLDEN === "1") {
    mkdirSync(goldenDir, { recursive: true });
    writeFileSync(golden, actual);
    return;
  }
  if (!existsSync(golden)) throw new Error(`missing golden ${golden}: run UPDATE_GOLDEN=1 npx vitest run on the test that draws it and review the images`);
  const expected = await decodePng(readFileSync(golden));
  const diff = diffPixels(await decodePng(actual), expected, CHANNEL_THRESHOLD);
  const limit = MAX_DIFFERING * expected.width * expected.height;
  if (diff.differing > limit) {
    mkdirSync(outputDir, { recursive: true });
    writeFileSync(join(outputDir, `${name}.actual.png`), actual);
    writeFileSync(join(outputDir, `${name}.diff.png`), diff.diffPng());
  }
  expect(diff.differing, `${diff.differing} pixels differ; see ${outputDir}`).toBeLessThanOrEqual(limit);
}
