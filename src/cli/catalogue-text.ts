import { activations, resolveParams } from "../core/activations/index.js";
import type { Activation } from "../core/activations/index.js";

/** The catalogue as text for `actviz list`: a table, or JSON with non-finite bounds as null. */
export function catalogueJson(): string {
  const rows = activations.map((a) => ({
    name: a.name,
    aliases: a.aliases,
    source: a.source,
    params: a.params.map((p) => ({ name: p.name, kind: p.kind, default: p.default, ...(p.choices ? { choices: p.choices } : {}), description: p.description })),
    formula: a.formula,
    range: rangeOf(a, (n) => (Number.isFinite(n) ? n : null)),
  }));
  return JSON.stringify(rows, null, 2) + "\n";
}

export function catalogueTable(): string {
  const rows = activations.map((a) => [
    a.name + (a.aliases.length ? ` (${a.aliases.join(", ")})` : ""),
    a.params.map((p) => `${p.name}=${String(p.default)}`).join(" ") || "-",
    interval(a),
    a.formula,
  ]);
  const head = ["NAME (ALIASES)", "PARAMETERS", "RANGE", "FORMULA"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i < r.length - 1 ? c.padEnd(widths[i]!) : c)).join("  ").trimEnd();
  return [line(head), ...rows.map(line)].join("\n") + "\n";
}

function rangeOf<T>(a: Activation, map: (n: number) => T): { min: T; max: T } {
  const { range } = a.bind(resolveParams(a, {}));
  return { min: map(range.min), max: map(range.max) };
}

function interval(a: Activation): string {
  const { min, max } = rangeOf(a, (n) => n);
  const show = (n: number) => (n === Infinity ? "∞" : n === -Infinity ? "-∞" : String(Number(n.toPrecision(6))));
  return `${Number.isFinite(min) ? "[" : "("}${show(min)}, ${show(max)}${Number.isFinite(max) ? "]" : ")"}`;
}
