import { describe, expect, it } from "vitest";
import { alignedTable } from "../../src/cli/layers-text.js";

describe("alignedTable(head, rows)", () => {
  it("alignedTable pads every column but the last to its widest cell, two spaces apart, no trailing spaces", () => {
    expect(alignedTable(["A", "BB", "C"], [["xxx", "y", ""], ["z", "", "w"]])).toBe("A    BB  C\nxxx  y\nz        w\n");
  });
});
