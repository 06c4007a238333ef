import type { NeuronData } from "./neurons-data.js";
import { counted } from "../text/counted.js";

/** The `--stats` JSON document. Statistics cover every neuron over the chosen samples. */
export interface StatsReport {
  source: string;
  /** From weights: the layer whose output this is. */
  layer?: { number: number; name: string; of: number; function: string; weights: string; dtype: "f64" | "f32"; op?: string };
  samples: number;
  neurons: number;
  activation: string | null;
  dead: number;
  dead_fraction: number;
  nonfinite: number;
  per_neuron: {
    index: number;
    name: string | null;
    mean: number | null;
    std: number | null;
    min: number | null;
    max: number | null;
    inactive_fraction: number | null;
    dead: boolean;
    saturated_fraction: number | null;
    nonfinite: number;
  }[];
}

const num = (n: number | null) => (n === null || !Number.isFinite(n) ? null : n);

export function statsReport(d: NeuronData, activation: string | undefined): StatsReport {
  const dead = d.stats.filter((s) => s.dead).length;
  const layer = d.layer ? { layer: { number: d.layer.number, name: d.layer.name, of: d.layer.layers, function: d.layer.activation, weights: d.layer.weights, dtype: d.layer.dtype, ...(d.layer.op ? { op: d.layer.op } : {}) } } : {};
  return {
    source: d.source,
    ...layer,
    samples: d.matrix.rows,
    neurons: d.matrix.cols,
    activation: activation ?? null,
    dead,
    dead_fraction: dead / d.matrix.cols,
    nonfinite: d.stats.reduce((sum, s) => sum + s.nonfinite, 0),
    per_neuron: d.stats.map((s, index) => ({
      index,
      name: d.names[index] ?? null,
      mean: num(s.mean),
      std: num(s.std),
      min: num(s.min),
      max: num(s.max),
      inactive_fraction: num(s.inactiveFraction),
      dead: s.dead,
      saturated_fraction: num(s.saturatedFraction),
      nonfinite: s.nonfinite,
    })),
  };
}

/** A few lines for people: dead share, the most saturated units, non-finite values. */
export function humanSummary(r: StatsReport): string {
  const pct = (f: number) => `${(100 * f).toFixed(1)}%`;
  const where = !r.layer ? "" : r.layer.op === undefined ? `layer ${r.layer.number} of ${r.layer.of} (${r.layer.name}): ` : `${r.layer.name} (${r.layer.op}${r.layer.number > 0 ? `, layer ${r.layer.number} of ${r.layer.of}` : ""}): `;
  const lines = [`${where}${r.dead} of ${counted(r.neurons, "neuron")} dead (${pct(r.dead_fraction)}) over ${counted(r.samples, "sample")}`];
  if (r.activation !== null) {
    // dead neurons have their line above (for ReLU they are saturated on every sample)
    const sat = r.per_neuron
      .filter((n) => !n.dead && n.saturated_fraction !== null && n.saturated_fraction > 0)
      .sort((a, b) => b.saturated_fraction! - a.saturated_fraction! || a.index - b.index)
      .slice(0, 5);
    lines.push(
      sat.length === 0
        ? `no saturated values (${r.activation})${r.dead > 0 ? " beyond the dead neurons" : ""}`
        : `most saturated (${r.activation}${r.dead > 0 ? ", dead neurons aside" : ""}): ${sat.map((n) => `${n.index} (${pct(n.saturated_fraction!)})`).join(", ")}`,
    );
  }
  if (r.nonfinite > 0) lines.push(`${counted(r.nonfinite, "non-finite value")} (NaN, ±Infinity) left out of plots and statistics`);
  return lines.join("\n") + "\n";
}
