import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readDelimited } from "../../src/io/text/read-delimited.js";
import { writeCsv } from "../../src/io/text/write-csv.js";
import { expected, expectedValues, fixture } from "./fixture.js";

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const csv = (text: string) => readDelimited(utf8(text), "d.csv", ",");

describe("readDelimited(bytes, source, delimiter)", () => {
  it.each(Object.keys(expected).filter((name) => /\.(csv|tsv)$/.test(name)))("readDelimited(%s) equals the values written", (name) => {
    const want = expected[name]!;
    const tensor = readDelimited(fixture(`io/${name}`), name, name.endsWith(".tsv") ? "\t" : ",");
    expect(tensor.shape).toEqual(want.shape);
    expect(Array.from(tensor.data)).toEqual(expectedValues(want));
    expect(tensor.columnNames).toEqual(want.columnNames);
  });

  it("readDelimited(no header) has no columnNames", () => {
    expect(csv("1,2\n3,4\n").columnNames).toBeUndefined();
  });

  it("readDelimited(nan, NaN, inf, -inf, Infinity) reads the non-finite spellings", () => {
    expect(Array.from(csv("nan,NaN,inf,-inf,Infinity,-INF\n").data)).toEqual([NaN, NaN, Infinity, -Infinity, Infinity, -Infinity]);
  });

  it("readDelimited(spaces around cells) ignores them", () => {
    expect(Array.from(csv(" 1 , 2\n3,  4 \n").data)).toEqual([1, 2, 3, 4]);
  });

  it("readDelimited(BOM, CRLF, blank lines, no final newline) reads the rows", () => {
    expect(csv("\ufeffa,b\r\n\r\n1,2\r\n\n3,4").shape).toEqual([2, 2]);
  });

  it("readDelimited(a quoted header cell with a newline) counts the line in later rows", () => {
    expect(() => csv('"a\nb",c\n1,2\n3,x\n')).toThrow("d.csv: row 4, column 2: \"x\" is not a number (expected a number, nan, inf or -inf)");
  });

  it("readDelimited(hex, padding words, underscores) are not numbers", () => {
    for (const cell of ["0x10", "1_000", "1,5", "one", "1e", "--1"]) {
      expect(() => readDelimited(utf8(`1\t2\n3\t${cell}\n`), "d.tsv", "\t")).toThrow(/^d\.tsv: row 2, column 2: .* is not a number/);
    }
  });

  it("readDelimited(ragged short row) names the first missing column", () => {
    expect(() => csv("a,b,c\n1,2,3\n4,5\n")).toThrow("d.csv: row 3, column 3: row ends after 2 cells (expected 3 cells, like the first row)");
  });

  it("readDelimited(ragged long row) names the first extra column", () => {
    expect(() => readDelimited(utf8("1\t2\n3\t4\t5\n"), "d.tsv", "\t")).toThrow("d.tsv: row 2, column 3: row has more than 2 cells (expected 2 cells, like the first row)");
  });

  it("readDelimited(an empty cell) is an error with row:column", () => {
    expect(() => csv("1,2\n3,\n")).toThrow("d.csv: row 2, column 2: empty cell (expected a number, nan, inf or -inf)");
  });

  it("readDelimited(header only) is E_EMPTY", () => {
    expect(() => csv("a,b\n")).toThrow("d.csv: a header row but no data rows (expected at least one row of numbers)");
    expect(() => csv("\n\n")).toThrow("d.csv: no rows (expected at least one row of numbers)");
  });

  it("readDelimited(an unclosed quote) names where it opens", () => {
    expect(() => csv('a,b\n1,"2\n')).toThrow("d.csv: row 2, column 2: quoted cell never closes (expected a closing '\"')");
  });

  it("readDelimited(text after a closing quote) is an error", () => {
    expect(() => csv('"1"2,3\n')).toThrow("d.csv: row 1, column 1: '2' after a closing quote (expected a delimiter or the end of the line)");
  });

  it("readDelimited(writeCsv(t, names)) round-trips values and names", () => {
    const name = fc.string({ minLength: 1, maxLength: 6 }).map((s) => `col${s}`); // "col..." can never read as a number
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 6 }), fc.array(fc.double(), { minLength: 24, maxLength: 24 }), fc.array(name, { minLength: 4, maxLength: 4 }), (cols, rows, pool, names) => {
        const data = Float64Array.from({ length: rows * cols }, (_, i) => pool[i]!);
        const tensor = csv(writeCsv({ shape: [rows, cols], data }, names.slice(0, cols)));
        expect(tensor.shape).toEqual([rows, cols]);
        expect(Array.from(tensor.data)).toEqual(Array.from(data));
        expect(tensor.columnNames).toEqual(names.slice(0, cols));
      }),
      { numRuns: 150 },
    );
  });
});
