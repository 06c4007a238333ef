import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { StrokeBuffer, strokeArea } from "../../src/render/plugins/stroke-coverage.js";
import type { PixelRect } from "../../src/render/plugins/stroke-coverage.js";

/** strokeArea's result as 0-255 coverage, row-major over the rect (as the plugin turns it into alpha). */
function strokeCoverage(xs: ArrayLike<number>, ys: ArrayLike<number>, width: number, r: PixelRect): Uint8ClampedArray {
  const { area, height: h, width: w } = strokeArea(xs, ys, width, r, new StrokeBuffer());
  const out = new Uint8ClampedArray(w * h);
  for (let i = 0; i < w; i++) for (let j = 0; j < h; j++) out[j * w + i] = Math.round(Math.min(1, area[i * h + j]!) * 255);
  return out;
}

const rect = (w: number, h: number) => ({ left: 0, top: 0, right: w, bottom: h });
const at = (cov: Uint8ClampedArray, w: number, i: number, j: number) => cov[j * w + i]!;
const sum = (a: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s;
};

/** Distance from (px, py) to the segment (x0, y0)-(x1, y1). */
function segmentDistance(px: number, py: number, x0: number, y0: number, x1: number, y1: number): number {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const len2 = dx * dx + dy * dy;
  const t = len2 > 0 ? Math.min(1, Math.max(0, ((px - x0) * dx + (py - y0) * dy) / len2)) : 0;
  return Math.hypot(px - x0 - t * dx, py - y0 - t * dy);
}

describe("strokeArea(xs, ys, width, rect, buffer), read as 0-255 coverage", () => {
  it("strokeCoverage(horizontal line through pixel centres, 1.5) covers its row fully and a quarter of each neighbour", () => {
    const cov = strokeCoverage([2, 18], [5.5, 5.5], 1.5, rect(20, 10));
    for (let i = 4; i <= 15; i++) {
      expect([at(cov, 20, i, 4), at(cov, 20, i, 5), at(cov, 20, i, 6)]).toEqual([64, 255, 64]);
      expect([at(cov, 20, i, 3), at(cov, 20, i, 7)]).toEqual([0, 0]);
    }
  });

  it("strokeCoverage(vertical line within one pixel column) is exact along y and sampled at 4 columns along x", () => {
    // x from 0.3 to 0.8 covers the sample columns at 0.375 and 0.625: half the pixel, as exact
    const cov = strokeCoverage([0.55, 0.55], [0, 10], 0.5, rect(1, 10));
    expect(Array.from(cov.slice(0, 9))).toEqual(Array(9).fill(128));
  });

  it("strokeCoverage(long line) covers about its length times its width", () => {
    for (const [x1, y1] of [[190, 3], [150, 97], [7, 95]] as const) {
      const w = 2;
      const cov = strokeCoverage([5, x1], [4, y1], w, rect(200, 100));
      const area = sum(cov) / 255;
      const expected = Math.hypot(x1 - 5, y1 - 4) * w + Math.PI * (w / 2) ** 2; // body + two round caps
      expect(Math.abs(area - expected) / expected).toBeLessThan(0.03);
    }
  });

  it("strokeCoverage(points) is the area of each pixel inside the stroke, within the error of 4 sample columns", () => {
    // reference: the share of 16x16 sample points per pixel within width/2 of some segment
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: -5, max: 45, noNaN: true }), fc.double({ min: -5, max: 35, noNaN: true })), { minLength: 2, maxLength: 6 }),
        fc.double({ min: 0.5, max: 4, noNaN: true }),
        (points, width) => {
          const xs = points.map((p) => p[0]);
          const ys = points.map((p) => p[1]);
          const cov = strokeCoverage(xs, ys, width, rect(40, 30));
          for (let j = 0; j < 30; j++) {
            for (let i = 0; i < 40; i++) {
              let inside = 0;
              for (let sy = 0; sy < 16; sy++) {
                for (let sx = 0; sx < 16; sx++) {
                  const [px, py] = [i + (sx + 0.5) / 16, j + (sy + 0.5) / 16];
                  for (let k = 1; k < xs.length; k++) {
                    if (segmentDistance(px, py, xs[k - 1]!, ys[k - 1]!, xs[k]!, ys[k]!) <= width / 2) {
                      inside++;
                      break;
                    }
                  }
                }
              }
              // 4 sample columns: each of the (at most two) edges crossing a pixel column is off by at
              // most 1/8 of the pixel, plus the reference's own error (1/16)
              if (Math.abs(at(cov, 40, i, j) / 255 - inside / 256) > 0.25 + 1 / 16 + 1e-9) return false;
            }
          }
          return true;
        },
      ),
      { numRuns: 60 },
    );
  });

  it("strokeCoverage(a line drawn back over itself) is the line drawn once: overlaps never darken", () => {
    const once = strokeCoverage([3, 30, 12], [4, 20, 25], 1.5, rect(40, 30));
    const twice = strokeCoverage([3, 30, 12, 30, 3, 30, 12], [4, 20, 25, 20, 4, 20, 25], 1.5, rect(40, 30));
    expect(twice).toEqual(once);
  });

  it("strokeCoverage(points with NaN) leaves a gap: no segment touches a non-finite point", () => {
    const cov = strokeCoverage([2, 10, 20, 30, 38], [4.5, 4.5, NaN, 4.5, 4.5], 1, rect(40, 10));
    expect(at(cov, 40, 5, 4) + at(cov, 40, 34, 4)).toBe(510);
    for (let i = 12; i <= 27; i++) expect(at(cov, 40, i, 4)).toBe(0);
  });

  it("strokeCoverage(line leaving the rect) is clipped to the rect, in rect-local rows and columns", () => {
    const cov = strokeCoverage([-100, 300], [14.5, 14.5], 1, { left: 10, top: 10, right: 20, bottom: 20 });
    expect(cov).toHaveLength(100);
    for (let i = 0; i < 10; i++) expect([at(cov, 10, i, 3), at(cov, 10, i, 4), at(cov, 10, i, 5)]).toEqual([0, 255, 0]);
    expect(sum(cov)).toBe(10 * 255);
  });

  it("strokeCoverage(fewer than two points, or an empty rect) covers nothing", () => {
    expect(sum(strokeCoverage([5], [5], 2, rect(10, 10)))).toBe(0);
    expect(strokeCoverage([0, 10], [0, 10], 2, rect(0, 0))).toHaveLength(0);
  });

  it("strokeCoverage(bad arguments) is a RangeError naming them", () => {
    expect(() => strokeCoverage([1, 2], [1], 1, rect(4, 4))).toThrow(/2 x values but 1 y values/);
    expect(() => strokeCoverage([1, 2], [1, 2], 0, rect(4, 4))).toThrow(/stroke width 0/);
    expect(() => strokeCoverage([1, 2], [1, 2], 1, { left: 0.5, top: 0, right: 4, bottom: 4 })).toThrow(/whole pixels/);
  });
});
