import { decodeText } from "./decode-text.js";
import { inputError } from "../input-error.js";
import { parseNumberCell } from "./parse-number-cell.js";
import type { Tensor } from "../tensor.js";

/**
 * Reads whitespace-separated numbers, as `np.savetxt(f, a)` writes them (`%.18e`, one space
 * between values), into a [rows, columns] Tensor, as `np.loadtxt(f)` reads them: runs of spaces
 * and tabs separate values, `#` starts a comment that runs to the end of the line, blank lines
 * are skipped, CRLF and a UTF-8 BOM are accepted. Every row must have as many values as the
 * first. Errors name "row R, column C", R being the line number as an editor shows it.
 */
export function readWhitespace(bytes: Uint8Array, source: string): Tensor {
  let text = decodeText(bytes, source, "UTF-8 text");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let columns = -1;
  let rows = 0;
  let data = new Float64Array(1024);
  let length = 0;
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const hash = line.indexOf("#");
    const cells = (hash < 0 ? line : line.slice(0, hash)).split(/[ \t\r\f\v]+/).filter((c) => c !== "");
    if (cells.length === 0) continue;
    const row = i + 1;
    if (columns < 0) columns = cells.length;
    else if (cells.length !== columns) {
      const [column, what] = cells.length > columns
        ? [columns + 1, `row has more than ${columns} values`]
        : [cells.length + 1, `row ends after ${cells.length} values`];
      throw inputError(source, `row ${row}, column ${column}`, what, `${columns} values, like the first row`, "E_SHAPE");
    }
    if (length + columns > data.length) {
      const grown = new Float64Array(Math.max(data.length * 2, length + columns));
      grown.set(data);
      data = grown;
    }
    cells.forEach((cell, c) => {
      const value = parseNumberCell(cell);
      if (value === undefined) {
        throw inputError(source, `row ${row}, column ${c + 1}`, `${JSON.stringify(cell.length > 20 ? `${cell.slice(0, 20)}...` : cell)} is not a number`, "a number, nan, inf or -inf", "E_PARSE");
      }
      data[length++] = value;
    });
    rows++;
  }
  if (rows === 0) throw inputError(source, "", "no rows", "at least one row of numbers", "E_EMPTY");
  return { shape: [rows, columns], data: data.slice(0, length), dtype: "<f8" };
}
