import { describe, expect, it } from "vitest";
import { linePoints } from "../../src/jobs/neurons-job.js";

describe("linePoints(width, scale)", () => {
  it("linePoints(800, 1) is two points per pixel column: 1600", () => expect(linePoints(800, 1)).toBe(1600));
  it("linePoints(800, 2) follows the device pixels: 3200", () => expect(linePoints(800, 2)).toBe(3200));
  it("linePoints(300, 1) never goes below 1000", () => expect(linePoints(300, 1)).toBe(1000));
});
