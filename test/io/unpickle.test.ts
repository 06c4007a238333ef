import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { PyCallable, PyDict, PySet, PyTuple } from "../../src/io/torch/python-values.js";
import { torchGlobals } from "../../src/io/torch/torch-globals.js";
import { unpickle } from "../../src/io/torch/unpickle.js";
import { FIXTURES } from "./fixture.js";

/** pickles.json: one object pickled by CPython with protocols 0 to 5, and the object as tagged JSON. */
const reference = JSON.parse(readFileSync(`${FIXTURES}torch/pickles.json`, "utf8")) as { value: unknown; pickles: { protocol: number; hex: string }[] };

const fail = (at: number, what: string, expected: string, code = "E_PICKLE") => new InputError(`p: byte ${at}: ${what} (expected ${expected})`, code);
const globals = torchGlobals(fail);

function load(bytes: Uint8Array, extra: Map<string, unknown> = new Map()): unknown {
  return unpickle(bytes, {
    source: "p", place: "", start: 0, globals: new Map([...globals, ...extra]),
    persistentLoad: (_, at) => { throw fail(at, "a persistent id", "none"); },
  }).value;
}

/** Compares an unpickled value with the tagged JSON CPython wrote; ints and floats are told apart by the tag. */
function expectSame(actual: unknown, want: unknown, path = "$"): void {
  if (want === null || typeof want === "boolean") return void expect(actual, path).toBe(want);
  const [[tag, body]] = Object.entries(want as Record<string, unknown>) as [[string, unknown]];
  switch (tag) {
    case "int": return void expect(String(actual), path).toBe(body);
    case "float": return void expect(actual, path).toBe(body === "nan" ? NaN : body === "inf" ? Infinity : body === "-inf" ? -Infinity : body);
    case "str": return void expect(actual, path).toBe(body);
    case "bytes": return void expect(Buffer.from(actual as Uint8Array).toString("hex"), path).toBe(body);
    case "tuple":
      expect(actual, path).toBeInstanceOf(PyTuple);
      return void expectItems((actual as PyTuple).items, body as unknown[], path);
    case "list":
      expect(Array.isArray(actual), path).toBe(true);
      return void expectItems(actual as unknown[], body as unknown[], path);
    case "set":
      expect(actual, path).toBeInstanceOf(PySet);
      return void expectItems((actual as PySet).items, body as unknown[], path);
    case "dict": {
      expect(actual, path).toBeInstanceOf(PyDict);
      const entries = [...(actual as PyDict).map];
      const pairs = body as [unknown, unknown][];
      expect(entries.length, path).toBe(pairs.length);
      pairs.forEach(([k, v], i) => {
        expectSame(entries[i]![0], k, `${path}{key ${i}}`);
        expectSame(entries[i]![1], v, `${path}[${String(entries[i]![0])}]`);
      });
      return;
    }
  }
  throw new Error(`unknown tag ${tag}`);
}

function expectItems(actual: readonly unknown[], want: unknown[], path: string): void {
  expect(actual.length, path).toBe(want.length);
  want.forEach((w, i) => expectSame(actual[i], w, `${path}[${i}]`));
}

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/\s/g, ""), "hex"));
const ascii = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, "latin1"));

describe("unpickle(bytes, options)", () => {
  it.each(reference.pickles.map((p) => [p.protocol, p.hex] as const))("unpickle(CPython's protocol %i pickle of every data type) builds the same values", (_, h) => {
    expectSame(load(hex(h)), reference.value);
  });

  it("unpickle(a memoized list stored twice) gives the same list twice, as Python shares it", () => {
    const d = load(hex(reference.pickles[2]!.hex)) as PyDict;
    expect(d.map.get("shared1")).toBe(d.map.get("shared2"));
  });

  it("unpickle(a dict with the key '__proto__') keeps it as a key and leaves Object.prototype alone", () => {
    const d = load(hex(reference.pickles[4]!.hex)) as PyDict;
    expect(d.map.get("__proto__")).toBe("only a key");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(d.map)).toBe(Map.prototype);
  });

  it("unpickle(REDUCE of posix.system) refuses it by name and runs nothing", () => {
    // cposix\nsystem\n(S'touch x'\ntR.
    const bytes = ascii("cposix\nsystem\n(S'touch /tmp/actviz-unpickle-ran'\ntR.");
    expect(() => load(bytes)).toThrow("p: byte 0: calls posix.system, which is not one of the functions torch writes for tensors; refused, nothing was run");
  });

  it("unpickle(STACK_GLOBAL builtins.eval called) refuses it by name", () => {
    // protocol 4: SHORT_BINUNICODE 'builtins', SHORT_BINUNICODE 'eval', STACK_GLOBAL, SHORT_BINUNICODE '1', TUPLE1, REDUCE, STOP
    const bytes = Uint8Array.from([0x80, 4, 0x8c, 8, ...ascii("builtins"), 0x8c, 4, ...ascii("eval"), 0x93, 0x8c, 1, 0x31, 0x85, 0x52, 0x2e]);
    expect(() => load(bytes)).toThrow(/calls builtins\.eval, which is not one of the functions torch writes/);
  });

  it("unpickle(a refused global that is only returned) is refused too", () => {
    expect(() => load(ascii("cos\nsystem\n."))).toThrow(/refers to os\.system/);
  });

  it("unpickle(a refused global whose name holds control characters) names it on one line, escaped", () => {
    const error = (() => { try { load(ascii("co\x1b[2Js\nsystem\n.")); } catch (e) { return e as Error; } return undefined; })();
    expect(error?.message).toContain("refers to o\\x1b[2Js.system");
    expect(error?.message).not.toMatch(/[\x00-\x1f]/);
  });

  it("unpickle(an allow-listed builder) calls our code, never a name from the file", () => {
    let calls = 0;
    const spy = new Map([["x.y", new PyCallable("x.y", (args) => (calls++, args.length))]]);
    expect(load(ascii("cx\ny\n(I1\nI2\ntR."), spy)).toBe(2);
    expect(calls).toBe(1);
  });

  it.each([
    ["an empty input", new Uint8Array(0), /byte 0: needs 1 more bytes but the file has 0/],
    ["no STOP", Uint8Array.from([0x80, 2, 0x4e]), /needs 1 more bytes/],
    ["POP of an empty stack", Uint8Array.from([0x30, 0x2e]), /byte 0: pops an empty stack/],
    ["a BINGET of a memo never stored", Uint8Array.from([0x68, 7, 0x2e]), /byte 0: refers to memo 7, which was never stored/],
    ["TUPLE without MARK", Uint8Array.from([0x4e, 0x74, 0x2e]), /byte 1: has no MARK to pop to/],
    ["an unknown opcode", Uint8Array.from([0xff]), /byte 0: unknown opcode 0xff/],
    ["protocol 6", Uint8Array.from([0x80, 6]), /pickle protocol 6 \(expected protocol 0 to 5\)/],
    ["a BINUNICODE longer than the file", Uint8Array.from([0x58, 0xff, 0xff, 0xff, 0x7f]), /needs 2147483647 more bytes but the file has 0/],
    ["APPEND to a dict", Uint8Array.from([0x7d, 0x4e, 0x61, 0x2e]), /byte 2: appends to a dict \(expected a list\)/],
    ["SETITEM on a list", Uint8Array.from([0x5d, 0x4e, 0x4e, 0x73, 0x2e]), /sets items on a list/],
    ["invalid UTF-8", Uint8Array.from([0x8c, 1, 0xff, 0x2e]), /not valid UTF-8/],
    ["an extension code", Uint8Array.from([0x82, 1, 0x2e]), /copyreg extension registry/],
    ["a LONG4 of 1000 bytes", Uint8Array.from([0x8b, 0xe8, 3, 0, 0]), /an integer of 1000 bytes \(expected at most 64 bytes\)/],
  ])("unpickle(%s) throws one InputError naming the byte", (_, bytes, message) => {
    let error: unknown;
    try {
      load(bytes);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(message);
  });

  it("unpickle(LONG1 of -1 and of -2^63) reads two's complement", () => {
    expect(load(Uint8Array.from([0x8a, 1, 0xff, 0x2e]))).toBe(-1);
    expect(load(Uint8Array.from([0x8a, 8, 0, 0, 0, 0, 0, 0, 0, 0x80, 0x2e]))).toBe(-(2n ** 63n));
  });

  it("unpickle(a pickle in the middle of bytes) starts at `start` and returns where STOP ended", () => {
    const bytes = Uint8Array.from([9, 9, 0x4b, 5, 0x2e, 9]);
    expect(unpickle(bytes, { source: "p", place: "", start: 2, globals, persistentLoad: () => null })).toEqual({ value: 5, end: 5 });
  });
});
