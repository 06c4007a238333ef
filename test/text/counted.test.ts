import { describe, expect, it } from "vitest";
import { counted } from "../../src/text/counted.js";

describe("counted(n, noun)", () => {
  it("counted(1, 'file') is singular", () => {
    expect(counted(1, "file")).toBe("1 file");
  });
  it("counted(n, 'file') is plural for 0, 2 and more", () => {
    expect([0, 2, 1000].map((n) => counted(n, "file"))).toEqual(["0 files", "2 files", "1000 files"]);
  });
  it("counted(n, noun, plural) takes an irregular plural", () => {
    expect([1, 3].map((n) => counted(n, "index", "indices"))).toEqual(["1 index", "3 indices"]);
  });
});
