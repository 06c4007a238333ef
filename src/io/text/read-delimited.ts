import { decodeText } from "./decode-text.js";
import { inputError } from "../input-error.js";
import { parseNumberCell } from "./parse-number-cell.js";
import type { Tensor } from "../tensor.js";

/**
 * Reads CSV (",") or TSV ("\t") text into a [rows, columns] Tensor; rows are samples.
 *
 * Decisions: the first row is a header of neuron names when any of its non-empty cells is not
 * a number (a leading "# " as np.savetxt writes it is dropped); cells may be "quoted", with ""
 * for a quote; spaces around cells are ignored; CRLF, LF and a UTF-8 BOM are accepted; blank
 * lines are skipped; an empty cell is an error (write nan for a missing value). Errors name
 * "row R, column C", both 1-based, R being the line number as an editor shows it.
 */
export function readDelimited(bytes: Uint8Array, source: string, delimiter: "," | "\t"): Tensor {
  const text = decodeText(bytes, source, "UTF-8 text");
  const delim = delimiter.charCodeAt(0);
  const at = (row: number, column: number): string => `row ${row}, column ${column}`;
  let pos = 0;
  let line = 1;
  let columns = -1;
  let rows = 0;
  let columnNames: string[] | undefined;
  let data = new Float64Array(1024);
  let length = 0;

  const isSpace = (c: number): boolean => c === 32 || (c === 9 && delim !== 9);
  const readCell = (row: number, column: number): string => {
    while (isSpace(text.charCodeAt(pos))) pos++;
    if (text.charCodeAt(pos) !== 34) {
      const start = pos;
      for (let c = text.charCodeAt(pos); pos < text.length && c !== delim && c !== 10 && c !== 13; c = text.charCodeAt(++pos));
      let end = pos;
      while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
      return text.slice(start, end);
    }
    let cell = "";
    pos++;
    for (;;) {
      const close = text.indexOf('"', pos);
      if (close < 0) throw inputError(source, at(row, column), "quoted cell never closes", "a closing '\"'", "E_PARSE");
      const chunk = text.slice(pos, close);
      for (let i = chunk.indexOf("\n"); i >= 0; i = chunk.indexOf("\n", i + 1)) line++;
      cell += chunk;
      pos = close + 1;
      if (text.charCodeAt(pos) !== 34) break;
      cell += '"';
      pos++;
    }
    while (isSpace(text.charCodeAt(pos))) pos++;
    const c = text.charCodeAt(pos);
    if (pos < text.length && c !== delim && c !== 10 && c !== 13) {
      throw inputError(source, at(row, column), `'${text[pos]}' after a closing quote`, "a delimiter or the end of the line", "E_PARSE");
    }
    return cell;
  };
  const push = (cell: string, row: number, column: number): void => {
    const value = parseNumberCell(cell);
    if (value === undefined) {
      const what = cell === "" ? "empty cell" : `${JSON.stringify(cell.length > 20 ? `${cell.slice(0, 20)}...` : cell)} is not a number`;
      throw inputError(source, at(row, column), what, "a number, nan, inf or -inf", "E_PARSE");
    }
    if (length === data.length) {
      const grown = new Float64Array(data.length * 2);
      grown.set(data);
      data = grown;
    }
    data[length++] = value;
  };

  if (text.charCodeAt(0) === 0xfeff) pos = 1;
  while (pos < text.length) {
    let probe = pos;
    while (isSpace(text.charCodeAt(probe))) probe++;
    const next = text.charCodeAt(probe);
    if (probe >= text.length || next === 10 || next === 13) {
      pos = probe + (next === 13 && text.charCodeAt(probe + 1) === 10 ? 2 : 1);
      line++;
      continue;
    }
    const row = line;
    let column = 0;
    const first: string[] = [];
    for (;;) {
      column++;
      const cell = readCell(row, column);
      if (columns < 0) first.push(cell);
      else if (column > columns) {
        throw inputError(source, at(row, column), `row has more than ${columns} cells`, `${columns} cells, like the first row`, "E_SHAPE");
      } else push(cell, row, column);
      if (text.charCodeAt(pos) !== delim) break;
      pos++;
    }
    if (columns < 0) {
      columns = first.length;
      if (first.some((cell) => cell !== "" && parseNumberCell(cell) === undefined)) {
        columnNames = first;
        columnNames[0] = columnNames[0]!.replace(/^#\s*/, "");
      } else {
        first.forEach((cell, i) => push(cell, row, i + 1));
        rows++;
      }
    } else {
      if (column < columns) {
        throw inputError(source, at(row, column + 1), `row ends after ${column} cells`, `${columns} cells, like the first row`, "E_SHAPE");
      }
      rows++;
    }
    if (text.charCodeAt(pos) === 13) pos++;
    if (text.charCodeAt(pos) === 10) pos++;
    line++;
  }
  if (rows === 0) {
    throw inputError(source, "", columnNames === undefined ? "no rows" : "a header row but no data rows", "at least one row of numbers", "E_EMPTY");
  }
  const tensor: Tensor = { shape: [rows, columns], data: data.slice(0, length), dtype: "<f8" };
  if (columnNames !== undefined) tensor.columnNames = columnNames;
  return tensor;
}
