import { selectColumns, type Matrix } from "../../core/matrix.js";
import { npyHeader, npyValues } from "../../io/npy/write-npy.js";
import { csvHeader, csvRows } from "../../io/text/write-csv.js";
import type { NeuronData } from "../neurons-data.js";
import type { ExportFormat } from "../neurons-export.js";

/**
 * exportMatrix's file (the chosen samples x the chosen neurons) in pieces, one per block of
 * `rows` (the chosen rows read again in order): the .npy header then each block's values, the
 * CSV header then each block's lines, or the JSON document's head, each block's rows and its
 * tail. The pieces joined are exportMatrix's bytes.
 */
export async function* exportChunks(d: NeuronData, format: ExportFormat, rows: AsyncIterable<Matrix>): AsyncGenerator<Uint8Array | string> {
  const { selected } = d;
  const header = selected.map((i) => d.names[i] ?? `neuron_${i}`);
  let first = true;
  for await (const block of rows) {
    const m = selectColumns(block, selected);
    if (format === "npy") {
      // the element type is the rows' own (float32 stays float32), known from the first block
      if (first) yield npyHeader([d.matrix.rows, selected.length], m.data.BYTES_PER_ELEMENT);
      yield npyValues(m.data);
    } else if (format === "csv") {
      yield (first ? csvHeader(header) : "") + csvRows(m.data, m.rows, m.cols);
    } else {
      const lines: string[] = [];
      for (let r = 0; r < m.rows; r++) lines.push(JSON.stringify(Array.from(m.data.subarray(r * m.cols, (r + 1) * m.cols), (v) => (Number.isFinite(v) ? v : null))));
      yield (first ? `{"neurons":${JSON.stringify(header)},"samples":[` : ",") + lines.join(",");
    }
    first = false;
  }
  if (format === "json") yield "]}\n";
}

/** The pieces of exportChunks as one file body, as exportMatrix gives it (for a caller that keeps whole files). */
export async function joinChunks(chunks: AsyncIterable<Uint8Array | string>): Promise<Uint8Array | string> {
  const parts: (Uint8Array | string)[] = [];
  for await (const c of chunks) parts.push(c);
  if (parts.every((p) => typeof p === "string")) return parts.join("");
  const bytes = parts.map((p) => (typeof p === "string" ? new TextEncoder().encode(p) : p));
  const out = new Uint8Array(bytes.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of bytes) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}
