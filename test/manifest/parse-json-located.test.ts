import { describe, expect, it } from "vitest";
import { parseJsonLocated } from "../../src/manifest/parse-json-located.js";

describe("parseJsonLocated(text, source)", () => {
  it("parseJsonLocated(valid) is JSON.parse", () => {
    expect(parseJsonLocated('{"a": [1, "b"]}', "m.json")).toEqual({ a: [1, "b"] });
  });
  it("parseJsonLocated(bad) names the line and column of the error", () => {
    expect(() => parseJsonLocated('{\n  "a": 1,\n  "b" 2\n}', "m.json")).toThrow(/^m\.json:3:7: malformed JSON/);
  });
  it("parseJsonLocated(truncated) points at the end", () => {
    expect(() => parseJsonLocated('{"figures": [', "m.json")).toThrow(/^m\.json:1:14: malformed JSON/);
  });
});
