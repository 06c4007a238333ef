import type { CurveEntry, CurveFigure } from "./curve-plan.js";
import { entryLabel } from "./curve-plan.js";

/** The sampled numbers of one curve. */
export interface SampledCurve {
  entry: CurveEntry;
  label: string;
  y: Float64Array;
  dy: Float64Array | null;
}

/** Evaluates every curve of a figure on the grid. */
export function sampleFigure(figure: CurveFigure, x: Float64Array, derivative: boolean): SampledCurve[] {
  return figure.entries.map((entry) => {
    const { f, df } = entry.bound;
    const y = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) y[i] = f(x[i]!);
    let dy: Float64Array | null = null;
    if (derivative) {
      dy = new Float64Array(x.length);
      for (let i = 0; i < x.length; i++) dy[i] = df(x[i]!);
    }
    return { entry, label: entryLabel(entry, figure), y, dy };
  });
}

/**
 * CSV, numbers in shortest round-trip form. One curve: header `x,y` (and `dy`). Several: `x`,
 * then `y[<label>]` (and `dy[<label>]`) per curve, quoted where a label holds a comma.
 */
export function curvesToCsv(x: Float64Array, curves: readonly SampledCurve[]): string {
  const single = curves.length === 1;
  const header = ["x"];
  const columns: Float64Array[] = [x];
  for (const c of curves) {
    header.push(single ? "y" : `y[${c.label}]`);
    columns.push(c.y);
    if (c.dy) {
      header.push(single ? "dy" : `dy[${c.label}]`);
      columns.push(c.dy);
    }
  }
  const lines = [header.map(csvCell).join(",")];
  for (let i = 0; i < x.length; i++) lines.push(columns.map((col) => formatNumber(col[i]!)).join(","));
  return lines.join("\n") + "\n";
}

/**
 * JSON. One curve: `{"fn", "params", "x", "y", "dy"?}`. Several: `{"x", "series": [{"fn",
 * "label", "params", "y", "dy"?}]}`. Non-finite numbers, which JSON cannot hold, are null.
 */
export function curvesToJson(x: Float64Array, curves: readonly SampledCurve[]): string {
  const one = (c: SampledCurve) => ({
    fn: c.entry.act.name,
    params: c.entry.params,
    ...(curves.length > 1 ? { label: c.label } : { x: Array.from(x) }),
    y: Array.from(c.y),
    ...(c.dy ? { dy: Array.from(c.dy) } : {}),
  });
  const body = curves.length === 1 ? one(curves[0]!) : { x: Array.from(x), series: curves.map(one) };
  return JSON.stringify(body, (_k, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? null : v)) + "\n";
}

/** Shortest round-trip decimal; NaN and infinities as numpy writes them. */
export function formatNumber(n: number): string {
  if (Number.isNaN(n)) return "nan";
  if (n === Infinity) return "inf";
  if (n === -Infinity) return "-inf";
  return String(n);
}

function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
