import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { readTensor } from "../../src/io/read-tensor.js";
import { FIXTURES, fixture, fixtureNames } from "./fixture.js";

/** fixtures/bad: [file, key, code, exact message]; fixtures/bad/README.md shows the same table. */
const CASES: [string, string | undefined, string, string][] = [
  ["csv-empty-cell.csv", undefined, "E_PARSE", "csv-empty-cell.csv: row 2, column 2: empty cell (expected a number, nan, inf or -inf)"],
  ["csv-header-only.csv", undefined, "E_EMPTY", "csv-header-only.csv: a header row but no data rows (expected at least one row of numbers)"],
  ["csv-non-numeric.csv", undefined, "E_PARSE", "csv-non-numeric.csv: row 3, column 2: \"x4\" is not a number (expected a number, nan, inf or -inf)"],
  ["csv-not-utf8.csv", undefined, "E_PARSE", "csv-not-utf8.csv: byte 0: not valid UTF-8 text (expected UTF-8 text)"],
  ["csv-ragged.csv", undefined, "E_SHAPE", "csv-ragged.csv: row 3, column 3: row ends after 2 cells (expected 3 cells, like the first row)"],
  ["csv-unclosed-quote.csv", undefined, "E_PARSE", "csv-unclosed-quote.csv: row 2, column 2: quoted cell never closes (expected a closing '\"')"],
  ["empty.npy", undefined, "E_EMPTY", "empty.npy: file is empty (0 bytes) (expected npy, npz, safetensors, PyTorch, HDF5, JSON, CSV, TSV or whitespace-separated data)"],
  ["json-empty.json", undefined, "E_EMPTY", "json-empty.json: $: empty array (expected at least one row)"],
  ["json-ragged.json", undefined, "E_SHAPE", "json-ragged.json: $[2]: row has 2 values (expected 3, like $[0])"],
  ["json-string.json", undefined, "E_TYPE", "json-string.json: $[2][1]: got the string \"6\" (expected a number)"],
  ["json-syntax.json", undefined, "E_PARSE", "json-syntax.json: 2:8: found end of input (expected ',' or ']')"],
  ["json-two-members.json", undefined, "E_KEY", "json-two-members.json: 2 array members and no key to choose one (expected a key, one of 'a', 'b')"],
  ["json-two-members.json", "nope", "E_KEY", "json-two-members.json: member 'nope': not found (expected one of 'a', 'b')"],
  ["npy-bad-magic.npy", undefined, "E_MAGIC", "npy-bad-magic.npy: byte 5: not a .npy file (expected the magic \\x93NUMPY)"],
  ["npy-complex.npy", undefined, "E_DTYPE", "npy-complex.npy: dtype '<c8': complex arrays are not supported (expected one of f2 f4 f8 i1 i2 i4 i8 u1 u2 u4 u8 b1 with byte order < > | =)"],
  ["npy-float128.npy", undefined, "E_DTYPE", "npy-float128.npy: dtype '<f16': this dtype is not supported (expected one of f2 f4 f8 i1 i2 i4 i8 u1 u2 u4 u8 b1 with byte order < > | =)"],
  ["npy-header-code.npy", undefined, "E_HEADER", "npy-header-code.npy: byte 20: header has '_' (expected a dict, tuple, list, string, integer, True, False or None)"],
  ["npy-header-missing-shape.npy", undefined, "E_HEADER", "npy-header-missing-shape.npy: byte 10: header lacks 'shape' (expected 'descr', 'fortran_order' and 'shape')"],
  ["npy-header-syntax.npy", undefined, "E_HEADER", "npy-header-syntax.npy: byte 44: header has 'F' (expected a dict, tuple, list, string, integer, True, False or None)"],
  ["npy-object.npy", undefined, "E_DTYPE", "npy-object.npy: dtype '|O': object (pickled Python objects) arrays are not supported (expected one of f2 f4 f8 i1 i2 i4 i8 u1 u2 u4 u8 b1 with byte order < > | =)"],
  ["npy-shape-too-big.npy", undefined, "E_TRUNCATED", "npy-shape-too-big.npy: byte 128: shape (100000, 100000) of '<f4' needs 40000000000 data bytes but the file has 16 (expected 40000000000 bytes after the header)"],
  ["npy-structured.npy", undefined, "E_DTYPE", "npy-structured.npy: dtype: structured arrays (a list of fields) are not supported (expected one of f2 f4 f8 i1 i2 i4 i8 u1 u2 u4 u8 b1 with byte order < > | =)"],
  ["npy-trailing.npy", undefined, "E_TRAILING", "npy-trailing.npy: byte 176: 4 bytes follow the 48 data bytes of shape (3, 4) (expected the file to end there)"],
  ["npy-truncated.npy", undefined, "E_TRUNCATED", "npy-truncated.npy: byte 128: shape (3, 4) of '<f4' needs 48 data bytes but the file has 43 (expected 48 bytes after the header)"],
  ["npy-unicode.npy", undefined, "E_DTYPE", "npy-unicode.npy: dtype '<U2': unicode string arrays are not supported (expected one of f2 f4 f8 i1 i2 i4 i8 u1 u2 u4 u8 b1 with byte order < > | =)"],
  ["npy-version-4.npy", undefined, "E_VERSION", "npy-version-4.npy: byte 6: format version 4.0 (expected version 1.0, 2.0 or 3.0)"],
  ["npz-corrupt-deflate.npz", undefined, "E_DEFLATE", "npz-corrupt-deflate.npz: entry 'acts.npy': corrupt deflate data (invalid block type) (expected a valid deflate stream)"],
  ["npz-crc-mismatch.npz", "acts", "E_CRC", "npz-crc-mismatch.npz: entry 'acts.npy': CRC-32 is 849e059b but the directory says 0414b96f (expected matching checksums)"],
  ["npz-truncated.npz", undefined, "E_TRUNCATED", "npz-truncated.npz: byte 293: no end-of-central-directory record (expected a complete .npz zip archive)"],
  ["npz-two-arrays.npz", undefined, "E_KEY", "npz-two-arrays.npz: 2 arrays and no key to choose one (expected a key, one of 'acts', 'labels')"],
  ["npz-two-arrays.npz", "nope", "E_KEY", "npz-two-arrays.npz: array 'nope': not found (expected one of 'acts', 'labels')"],
  ["random.bin", undefined, "E_FORMAT", "random.bin: byte 0: unrecognised binary data (expected a .npy, .npz, .safetensors, .pt, .h5, .json, .csv, .tsv or .txt file)"],
  ["safetensors-dtype.safetensors", undefined, "E_DTYPE", "safetensors-dtype.safetensors: tensor 'w': dtype C64 is not supported (expected one of F16, BF16, F32, F64, I8, I16, I32, I64, U8, U16, U32, U64, BOOL)"],
  ["safetensors-header-length.safetensors", undefined, "E_TRUNCATED", "safetensors-header-length.safetensors: byte 0: header length 1099511627776 exceeds the 8 bytes after it (expected a header inside the file)"],
  ["safetensors-offsets-beyond.safetensors", undefined, "E_TRUNCATED", "safetensors-offsets-beyond.safetensors: tensor 'w': data_offsets [0, 16] fall outside the 8 data bytes (expected 0 <= begin <= end <= 8)"],
  ["safetensors-shape-mismatch.safetensors", undefined, "E_SHAPE", "safetensors-shape-mismatch.safetensors: tensor 'w': shape [5] of F32 needs 20 bytes but data_offsets [0, 16] hold 16 (expected 20 bytes)"],
  ["safetensors-two-tensors.safetensors", undefined, "E_KEY", "safetensors-two-tensors.safetensors: 2 tensors and no key to choose one (expected a key, one of 'a', 'b')"],
  ["safetensors-two-tensors.safetensors", "nope", "E_KEY", "safetensors-two-tensors.safetensors: tensor 'nope': not found (expected one of 'a', 'b')"],
  ["tsv-ragged.tsv", undefined, "E_SHAPE", "tsv-ragged.tsv: row 2, column 3: row has more than 2 cells (expected 2 cells, like the first row)"],
];

describe("readTensor(fixtures/bad/*)", () => {
  it.each(CASES)("readTensor(%s, key %s) throws InputError %s naming the place and the expectation", (file, key, code, message) => {
    let error: unknown;
    try {
      readTensor(fixture(`bad/${file}`), { source: file, key });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).code).toBe(code);
    expect((error as InputError).message).toBe(message);
    expect(message).toMatch(new RegExp(`^${file.replace(/\./g, "\\.")}: .+ \\(expected .+\\)$`));
  });

  it("every file in fixtures/bad has a case here and a row in its README", () => {
    const readme = readFileSync(`${FIXTURES}bad/README.md`, "utf8");
    for (const name of fixtureNames("bad").filter((n) => n !== "README.md")) {
      expect(CASES.map((c) => c[0])).toContain(name);
      expect(readme).toContain(`| \`${name}\` |`);
    }
  });
});
