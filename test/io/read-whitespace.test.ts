import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { readNpz } from "../../src/io/zip/read-npz.js";
import { readTensor } from "../../src/io/read-tensor.js";
import { readWhitespace } from "../../src/io/text/read-whitespace.js";
import { sniffFormat } from "../../src/io/sniff.js";
import { fixture } from "./fixture.js";

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
// what np.loadtxt reads from each text file (fixtures/hdf5/make_hdf5_fixtures.py)
const loadtxt = (key: string) => readNpz(fixture("hdf5/savetxt-expected.npz"), "savetxt-expected.npz", key);

describe("readWhitespace(bytes, source)", () => {
  it.each([
    ["savetxt-default.txt", "default"],
    ["savetxt-header.txt", "header"],
    ["spaces.dat", "spaces"],
  ])("readWhitespace(%s) equals np.loadtxt of the same file, bit for bit", (file, key) => {
    const t = readWhitespace(fixture(`hdf5/${file}`), file);
    const n = loadtxt(key);
    expect(t.shape).toEqual(n.shape);
    expect(t.dtype).toBe("<f8");
    expect(Array.from(t.data)).toEqual(Array.from(n.data));
  });

  it("readWhitespace(np.savetxt's %.18e of float64) round-trips every value, nan and ±inf included", () => {
    const t = readWhitespace(fixture("hdf5/savetxt-default.txt"), "a.txt");
    expect(t.shape).toEqual([6, 4]);
    expect(Number.isNaN(t.data[1 * 4 + 2])).toBe(true);
    expect(t.data[3 * 4 + 0]).toBe(Infinity);
    expect(t.data[4 * 4 + 3]).toBe(-Infinity);
  });

  it("readWhitespace(text) reads what it would write with %.18e, for any finite float64", () => {
    fc.assert(fc.property(fc.array(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 5 }), (rows) => {
      const text = rows.map((r) => r.map((v) => v.toExponential(18)).join(" ")).join("\n");
      const t = readWhitespace(utf8(text), "p.txt");
      expect(Array.from(t.data)).toEqual(rows.flat().map((v) => Number(v.toExponential(18))));
    }));
  });

  it("readWhitespace(CRLF, a BOM, tabs, trailing comments, blank lines) reads the numbers", () => {
    const t = readWhitespace(utf8("\ufeff# x\r\n1\t 2 # two\r\n\r\n  3   4\r\n"), "w.txt");
    expect(t.shape).toEqual([2, 2]);
    expect(Array.from(t.data)).toEqual([1, 2, 3, 4]);
  });

  it("readWhitespace(one value per line) is one column, as np.savetxt writes a 1-D array", () => {
    expect(readWhitespace(utf8("1\n2\n3\n"), "c.txt").shape).toEqual([3, 1]);
  });

  it("readWhitespace(only comments) is E_EMPTY", () => {
    expect(() => readWhitespace(utf8("# nothing\n\n"), "e.txt")).toThrow(InputError);
    expect(() => readWhitespace(utf8("# nothing\n\n"), "e.txt")).toThrow("e.txt: no rows (expected at least one row of numbers)");
  });

  it("readWhitespace(a long row after a short one) names the row and column", () => {
    expect(() => readWhitespace(utf8("1 2\n3 4 5\n"), "r.txt")).toThrow("r.txt: row 2, column 3: row has more than 2 values (expected 2 values, like the first row)");
  });

  it("readWhitespace(bytes that are not UTF-8) is E_PARSE", () => {
    expect(() => readWhitespace(Uint8Array.from([0x31, 0x20, 0xff]), "b.txt")).toThrow("b.txt: byte 0: not valid UTF-8 text (expected UTF-8 text)");
  });
});

describe("sniffFormat(text) among CSV, TSV and whitespace text", () => {
  it.each([
    ["np.savetxt output, no name", fixture("hdf5/savetxt-default.txt"), undefined, "txt"],
    ["a # header then numbers with spaces", fixture("hdf5/savetxt-header.txt"), undefined, "txt"],
    ["numbers with spaces and tabs, .dat", fixture("hdf5/spaces.dat"), "spaces.dat", "txt"],
    ["numbers with spaces and tabs, no name", utf8("1 2\t3\n"), undefined, "tsv"],
    ["a tab-separated header, .txt", utf8("a\tb\n1\t2\n"), "a.txt", "tsv"],
    ["commas, .txt", utf8("1,2\n3,4\n"), "a.txt", "csv"],
    ["commas and spaces", utf8("1, 2\n"), undefined, "csv"],
    ["a header of words with spaces", utf8("neuron a\n1\n"), undefined, "csv"],
    ["one number per line", utf8("1\n2\n"), undefined, "csv"],
    ["a # header then commas", utf8("# a,b\n1,2\n"), undefined, "csv"],
  ])("sniffFormat(%s) is %s", (_, bytes, name, format) => {
    expect(sniffFormat(bytes, name)).toBe(format);
  });

  it("sniffFormat(a first line longer than the 4 KB it looks at, cut inside a number) is still txt", () => {
    const row = Array.from({ length: 300 }, (_, i) => (i + 0.5).toExponential(18)).join(" ");
    expect(row.length).toBeGreaterThan(4096);
    expect(row[4095]).not.toBe(" ");
    expect(sniffFormat(utf8(`${row}\n${row}\n`))).toBe("txt");
  });

  it("readTensor(np.savetxt output from stdin) reads it as whitespace text", () => {
    expect(readTensor(fixture("hdf5/savetxt-default.txt"), { source: "-" }).shape).toEqual([6, 4]);
  });
});
