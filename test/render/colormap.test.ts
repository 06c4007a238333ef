import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { colormap, colormapLut, LUT_SIZE, NONFINITE_RGB } from "../../src/render/charts/colormap.js";
import { ROOT } from "./support/transpile.js";

// 256 samples of each map from matplotlib 3.6 (fixtures/colormaps/make_colormaps.py)
const reference = JSON.parse(readFileSync(join(ROOT, "fixtures", "colormaps", "colormaps.json"), "utf8")) as Record<string, { samples: number[][] }>;
const maps = [["viridis", "viridis"], ["rdbu", "RdBu_r"]] as const;

describe("colormap(name, t)", () => {
  it("colormap('viridis', 0) and (…, 1) are matplotlib's first and last viridis colours", () => {
    expect(colormap("viridis", 0)).toEqual([68, 1, 84]);
    expect(colormap("viridis", 1)).toEqual([253, 231, 37]);
  });

  it("colormap('rdbu', 0 | 0.5 | 1) is dark blue, near-white, dark red (RdBu_r)", () => {
    expect(colormap("rdbu", 0)).toEqual([5, 48, 97]);
    expect(colormap("rdbu", 0.5)).toEqual([247, 246, 246]);
    expect(colormap("rdbu", 1)).toEqual([103, 0, 31]);
  });

  it.each(maps)("colormap('%s', i / 255) is within 4 units of matplotlib's %s table", (name, mpl) => {
    const samples = reference[mpl]!.samples;
    let worst = 0;
    samples.forEach((rgb, i) => {
      const got = colormap(name, i / 255);
      for (let c = 0; c < 3; c++) worst = Math.max(worst, Math.abs(got[c]! - rgb[c]!));
    });
    expect(worst).toBeLessThanOrEqual(4);
  });

  it("colormap(name, t) clamps t outside [0, 1] to the end colours", () => {
    expect(colormap("viridis", -3)).toEqual(colormap("viridis", 0));
    expect(colormap("rdbu", 7)).toEqual(colormap("rdbu", 1));
    expect(colormap("viridis", Infinity)).toEqual(colormap("viridis", 1));
  });

  it("colormap(name, NaN) is the non-finite grey, a colour neither map contains", () => {
    expect(colormap("viridis", NaN)).toEqual(NONFINITE_RGB);
    for (const name of ["viridis", "rdbu"] as const) {
      const lut = colormapLut(name);
      for (let k = 0; k < LUT_SIZE; k++) {
        const d = Math.abs(lut[3 * k]! - 128) + Math.abs(lut[3 * k + 1]! - 128) + Math.abs(lut[3 * k + 2]! - 128);
        expect(d).toBeGreaterThan(30);
      }
    }
  });

  it("colormap('viridis', t) gets brighter as t grows (perceptually ordered)", () => {
    const luma = ([r, g, b]: readonly number[]) => 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    for (let i = 1; i <= 64; i++) expect(luma(colormap("viridis", i / 64))).toBeGreaterThan(luma(colormap("viridis", (i - 1) / 64)));
  });

  it("colormapLut(name) holds colormap(name, k / 255) at entry k", () => {
    const lut = colormapLut("rdbu");
    expect(lut.length).toBe(3 * LUT_SIZE);
    for (const k of [0, 1, 100, 127, 128, 254, 255]) expect(Array.from(lut.subarray(3 * k, 3 * k + 3))).toEqual(colormap("rdbu", k / 255));
  });
});
