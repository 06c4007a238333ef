import { selectColumns } from "../core/matrix.js";
import { writeCsv } from "../io/text/write-csv.js";
import { writeNpy } from "../io/npy/write-npy.js";
import type { NeuronData } from "./neurons-data.js";

export type ExportFormat = "npy" | "csv" | "json";

/** The format of `--export FILE`: `--export-format`, else the extension; stdout defaults to CSV. */
export function exportFormatOf(path: string, given: ExportFormat | undefined): ExportFormat {
  if (given) return given;
  const ext = /\.(npy|csv|json)$/i.exec(path)?.[1]?.toLowerCase();
  return (ext as ExportFormat | undefined) ?? "csv";
}

/**
 * The numbers behind the charts: the chosen samples x the chosen neurons, as .npy (float32 or
 * float64, as read),
 * CSV (header: the neuron names or indices) or JSON (rows of numbers, non-finite as null).
 */
export function exportMatrix(d: NeuronData, format: ExportFormat): Uint8Array | string {
  const { selected } = d;
  // keeps the source precision: float32 activations export as float32 (and print as "0.1")
  const m = selectColumns(d.matrix, selected);
  const out = m.data;
  const shape = [m.rows, m.cols];
  if (format === "npy") return writeNpy({ shape, data: out });
  // "neuron_3", not "3": a header of numbers could not be told from data when read back
  const header = selected.map((i) => d.names[i] ?? `neuron_${i}`);
  if (format === "csv") return writeCsv({ shape, data: out }, header);
  const rows: (number | null)[][] = [];
  for (let r = 0; r < m.rows; r++) {
    rows.push(Array.from(out.subarray(r * m.cols, (r + 1) * m.cols), (v) => (Number.isFinite(v) ? v : null)));
  }
  return JSON.stringify({ neurons: header, samples: rows }) + "\n";
}
