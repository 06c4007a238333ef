import { describe, expect, it } from "vitest";
import { parsePythonLiteral, PythonLiteralError } from "../../src/io/text/python-literal.js";

describe("parsePythonLiteral(text)", () => {
  it("parsePythonLiteral(numpy's header) gives the dict entries", () => {
    expect(parsePythonLiteral("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }          \n")).toEqual({
      kind: "dict",
      entries: [["descr", "<f4"], ["fortran_order", false], ["shape", { kind: "tuple", items: [3, 4] }]],
    });
  });

  it.each([
    ["()", { kind: "tuple", items: [] }],
    ["(3,)", { kind: "tuple", items: [3] }],
    ["(3)", 3],
    ["(2L, 3L)", { kind: "tuple", items: [2, 3] }],
    ["[('x', '<f4')]", { kind: "list", items: [{ kind: "tuple", items: ["x", "<f4"] }] }],
    ['"a\\"b"', 'a"b'],
    ["None", null],
    ["-7", -7],
  ])("parsePythonLiteral(%s) is %j", (text, value) => {
    expect(parsePythonLiteral(text)).toEqual(value);
  });

  it.each([
    ["{'a': 1", 7],
    ["(1, 2", 5],
    ["'open", 5],
    ["Truex", 0],
    ["1.5", 1],
    ["0x10", 1],
    ["007", 0],
    ["{'a': 1} x", 9],
    ["__import__('os')", 0],
    ["'\\q'", 2],
  ])("parsePythonLiteral(%s) fails at character %i", (text, position) => {
    try {
      parsePythonLiteral(text);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PythonLiteralError);
      expect((error as PythonLiteralError).position).toBe(position);
    }
  });

  it("parsePythonLiteral(deep nesting) fails instead of overflowing the stack", () => {
    expect(() => parsePythonLiteral("(".repeat(100000))).toThrow(PythonLiteralError);
  });
});
