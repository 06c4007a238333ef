import type { NeuronData } from "./neurons-data.js";
import { counted } from "../text/counted.js";
import { column } from "../core/matrix.js";
import { finiteQuantiles } from "../core/quantiles.js";

/** The probabilities of each neuron's `quantiles` in the report, as its keys spell them. */
export const REPORT_QUANTILES = ["0.01", "0.05", "0.25", "0.5", "0.75", "0.95", "0.99"] as const;
export type QuantileKey = (typeof REPORT_QUANTILES)[number];

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
  /** With --labels: the labels file, the classes (as strings, in order) and their sample counts. */
  labels?: string;
  classes?: string[];
  class_counts?: number[];
  /** With a baseline: its file, the names of current and baseline, its dead count, and the neurons whose deadness changed. */
  baseline?: { source: string; names: [string, string]; dead: number; newly_dead: number[]; revived: number[] };
  /** From `actviz merge`: how many parts were merged. */
  parts?: number;
  /** From `actviz merge`: how the per-neuron quantiles were obtained (sketches) and how close they are to np.quantile's. */
  quantiles?: { method: "ddsketch"; relative_accuracy: number; bound: string };
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
    /** np.quantile(x, q) (linear) over the neuron's finite values (merged: estimated, see the top-level `quantiles`); null when it has none. */
    quantiles: Record<QuantileKey, number | null>;
    /** With --labels: the mean per class (aligned with `classes`), the class of the largest, the class selectivity index. */
    class_means?: (number | null)[];
    preferred_class?: string | null;
    selectivity?: number | null;
    /** With a baseline: the neuron's baseline statistics and the change of its mean (current − baseline). */
    baseline?: { mean: number | null; std: number | null; dead: boolean; delta_mean: number | null };
  }[];
}

const num = (n: number | null) => (n === null || !Number.isFinite(n) ? null : n);

export function statsReport(d: NeuronData, activation: string | undefined): StatsReport {
  const dead = d.stats.filter((s) => s.dead).length;
  const c = d.classes;
  const classes = c ? { labels: c.source, classes: c.names, class_counts: Array.from(c.stats.samples) } : {};
  const b = d.baseline;
  const baseline = b
    ? { baseline: { source: b.source, names: b.names, dead: b.stats.filter((s) => s.dead).length, newly_dead: b.newlyDead, revived: b.revived } }
    : {};
  const qs = REPORT_QUANTILES.map(Number);
  const buffer = new Float64Array(d.streamed ? 0 : d.matrix.rows);
  // streamed: found as the file was read
  const streamed = d.streamed?.quantiles;
  const quantiles = (j: number) => {
    const values = streamed ? Array.from(streamed.subarray(j * qs.length, (j + 1) * qs.length)) : finiteQuantiles(column(d.matrix, j, buffer), qs);
    return Object.fromEntries(REPORT_QUANTILES.map((key, k) => [key, num(values[k]!)])) as Record<QuantileKey, number | null>;
  };
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
    ...classes,
    ...baseline,
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
      quantiles: quantiles(index),
      ...(c
        ? {
            class_means: c.names.map((_, k) => num(c.stats.mean[k * c.stats.cols + index]!)),
            preferred_class: c.preferred[index]! < 0 ? null : c.names[c.preferred[index]!]!,
            selectivity: num(c.selectivity[index]!),
          }
        : {}),
      ...(b
        ? {
            baseline: {
              mean: num(b.stats[index]!.mean),
              std: num(b.stats[index]!.std),
              dead: b.stats[index]!.dead,
              delta_mean: num(s.mean - b.stats[index]!.mean),
            },
          }
        : {}),
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
  if (r.classes !== undefined) {
    const top = r.per_neuron
      .filter((n) => n.selectivity !== null && n.selectivity !== undefined)
      .sort((a, b) => b.selectivity! - a.selectivity! || a.index - b.index)
      .slice(0, 5);
    lines.push(
      top.length === 0
        ? `no neuron prefers a class (${counted(r.classes.length, "class", "classes")})`
        : `most selective (${counted(r.classes.length, "class", "classes")}): ${top.map((n) => `${n.index} (class ${n.preferred_class ?? "none"}, ${n.selectivity!.toFixed(2)})`).join(", ")}`,
    );
  }
  if (r.baseline !== undefined) {
    const { newly_dead: gone, revived, source } = r.baseline;
    const list = (what: string, ns: number[]) => (ns.length === 0 ? [] : [`${what} ${ns.slice(0, 12).join(", ")}${ns.length > 12 ? ", ..." : ""}`]);
    const which = [...list("newly dead", gone), ...list("revived", revived)];
    lines.push(`${counted(gone.length, "neuron")} newly dead, ${revived.length} revived (vs ${source})${which.length > 0 ? `: ${which.join("; ")}` : ""}`);
  }
  if (r.parts !== undefined && r.quantiles !== undefined) {
    lines.push(`merged from ${counted(r.parts, "part")}: quantiles from sketches (${r.quantiles.method}, ±${+(100 * r.quantiles.relative_accuracy).toPrecision(6)}%), the rest exact`);
  }
  if (r.nonfinite > 0) lines.push(`${counted(r.nonfinite, "non-finite value")} (NaN, ±Infinity) left out of plots and statistics`);
  return lines.join("\n") + "\n";
}
