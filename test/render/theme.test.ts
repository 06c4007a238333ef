import { describe, expect, it } from "vitest";
import { themes } from "../../src/render/charts/theme.js";

/** WCAG 2 relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (hi! + 0.05) / (lo! + 0.05);
}

const OKABE_ITO = ["#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"];

describe("themes", () => {
  for (const [name, t] of Object.entries(themes)) {
    it(`themes.${name}: text has contrast ≥ 7 against the background (WCAG AAA)`, () => {
      expect(contrast(t.text, t.background)).toBeGreaterThanOrEqual(7);
    });

    it(`themes.${name}: every palette colour has contrast ≥ 2 against the background`, () => {
      for (const c of t.palette) expect(contrast(c, t.background), c).toBeGreaterThanOrEqual(2);
    });

    it(`themes.${name}: the palette is ≥ 6 distinct Okabe-Ito (colour-blind safe) colours, or white`, () => {
      expect(new Set(t.palette).size).toBe(t.palette.length);
      expect(t.palette.length).toBeGreaterThanOrEqual(6);
      for (const c of t.palette) expect([...OKABE_ITO, "#FFFFFF"]).toContain(c);
    });

    it(`themes.${name}: the zero line stands out from the grid`, () => {
      expect(contrast(t.zeroLine, t.background)).toBeGreaterThan(2 * contrast(t.grid, t.background));
    });
  }

  it("themes.dark has a dark background and light text; themes.light the reverse", () => {
    expect(luminance(themes.dark.background)).toBeLessThan(0.05);
    expect(luminance(themes.dark.text)).toBeGreaterThan(0.7);
    expect(luminance(themes.light.background)).toBeGreaterThan(0.9);
    expect(luminance(themes.light.text)).toBeLessThan(0.05);
  });
});
