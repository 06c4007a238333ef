import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mapsLayout, SNAP_FROM, type Box } from "../../src/render/images/maps-layout.js";

const area = { x: 10, y: 40, width: 700, height: 420 };
const inside = (b: Box, a: Box) => b.x >= a.x && b.y >= a.y && b.x + b.width <= a.x + a.width + 1e-9 && b.y + b.height <= a.y + a.height + 1e-9;
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe("mapsLayout(count, mapWidth, mapHeight, area, labelHeight, gap)", () => {
  it("mapsLayout(6 square maps, 700x420) is 3 columns x 2 rows of whole-pixel maps, labels right above them", () => {
    const l = mapsLayout(6, 5, 5, area, 19, 10);
    expect([l.cols, l.rows]).toEqual([3, 2]);
    expect(Number.isInteger(l.pixel)).toBe(true);
    expect(l.maps.every((m) => m.width === 5 * l.pixel && m.height === 5 * l.pixel)).toBe(true);
    l.maps.forEach((m, k) => expect(l.labels[k]).toEqual({ x: m.x, y: m.y - 19, width: m.width, height: 19 }));
  });

  it("mapsLayout(1 map) centres it in the area", () => {
    const l = mapsLayout(1, 4, 2, area, 0, 0);
    const m = l.maps[0]!;
    expect(Math.abs(m.x - area.x - (area.x + area.width - m.x - m.width))).toBeLessThanOrEqual(1 + 2 * area.x);
    expect(m.width / m.height).toBe(2);
  });

  it("maps larger than their cell are shrunk, aspect kept, not snapped", () => {
    const l = mapsLayout(4, 1000, 500, area, 10, 10);
    expect(l.pixel).toBeLessThan(1);
    expect(l.maps[0]!.width / l.maps[0]!.height).toBeCloseTo(2, 12);
  });

  it("for any count and map size: maps and labels stay inside the area, never overlap, keep the aspect, and no other column count gives larger maps", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 80 }), fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 300 }), (n, w, h) => {
      const l = mapsLayout(n, w, h, area, 16, 8);
      expect(l.maps).toHaveLength(n);
      if (l.pixel >= SNAP_FROM) expect(Number.isInteger(l.pixel)).toBe(true);
      for (let k = 0; k < n; k++) {
        const m = l.maps[k]!;
        expect(m.width * h).toBeCloseTo(m.height * w, 6);
        expect(inside(m, area) && inside(l.labels[k]!, area)).toBe(true);
        for (let j = 0; j < k; j++) expect(overlap(m, l.maps[j]!) || overlap(l.labels[k]!, l.maps[j]!)).toBe(false);
      }
      // the largest fit over every column count (before rounding down to whole pixels)
      for (let cols = 1; cols <= n; cols++) {
        const rows = Math.ceil(n / cols);
        const p = Math.min((area.width - (cols - 1) * 8) / cols / w, ((area.height - (rows - 1) * 8) / rows - 16) / h);
        expect(p < SNAP_FROM ? p : Math.floor(p)).toBeLessThanOrEqual(l.pixel + 1e-9);
      }
    }), { numRuns: 300 });
  });

  it("mapsLayout(0 maps) and a map of 0 pixels are RangeErrors", () => {
    expect(() => mapsLayout(0, 5, 5, area, 0, 0)).toThrow(RangeError);
    expect(() => mapsLayout(3, 0, 5, area, 0, 0)).toThrow(/map width must be a positive integer/);
  });
});
