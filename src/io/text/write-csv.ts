/**
 * Formats a tensor as CSV, one line per row (shape [rows, ...rest] gives rows lines of
 * product(rest) cells; a 1-d tensor is one column; 0-d is one cell), with an optional header.
 *
 * Numbers are in shortest round-trip form: String(n) for Float64Array; for Float32Array the
 * shortest decimal that reads back to the same float32 ("0.1", not "0.10000000149011612").
 * Non-finite values are spelled as numpy writes them: nan, inf, -inf; -0 keeps its sign. Names are quoted when
 * they hold a comma, quote, newline or edge spaces. A header made only of numeric names cannot
 * be told from data by readDelimited.
 */
export function writeCsv(t: { shape: readonly number[]; data: Float32Array | Float64Array }, columnNames?: readonly string[]): string {
  const count = t.shape.reduce((a, b) => a * b, 1);
  if (count !== t.data.length) throw new RangeError(`shape (${t.shape.join(", ")}) has ${count} elements but data has ${t.data.length}`);
  const columns = t.shape.length < 2 ? 1 : t.shape.slice(1).reduce((a, b) => a * b, 1);
  const rows = t.shape.length === 0 ? 1 : t.shape[0]!;
  if (columnNames !== undefined && columnNames.length !== columns) {
    throw new RangeError(`${columnNames.length} column names for ${columns} columns`);
  }
  return (columnNames !== undefined ? csvHeader(columnNames) : "") + csvRows(t.data, rows, columns);
}

/** writeCsv's header line (with its newline). */
export function csvHeader(columnNames: readonly string[]): string {
  return `${columnNames.map(quote).join(",")}\n`;
}

/** writeCsv's lines (each with its newline) of `rows` rows of `columns` values, row-major. */
export function csvRows(data: Float32Array | Float64Array, rows: number, columns: number): string {
  const format = data instanceof Float32Array ? formatFloat32 : formatFloat64;
  const lines: string[] = [];
  const cells = new Array<string>(columns);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) cells[c] = format(data[r * columns + c]!);
    lines.push(cells.join(","));
  }
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}

function formatFloat64(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (value === Infinity) return "inf";
  if (value === -Infinity) return "-inf";
  return Object.is(value, -0) ? "-0" : String(value);
}

function formatFloat32(value: number): string {
  if (!Number.isFinite(value) || value === 0) return formatFloat64(value);
  for (let digits = 1; digits < 9; digits++) {
    const shorter = Number(value.toPrecision(digits));
    if (Math.fround(shorter) === value) return String(shorter);
  }
  return String(Number(value.toPrecision(9)));
}

function quote(name: string): string {
  return /[",\n\r]|^\s|\s$/.test(name) ? `"${name.replace(/"/g, '""')}"` : name;
}
