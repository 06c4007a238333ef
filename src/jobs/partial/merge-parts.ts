import { createHash } from "node:crypto";
import { InputError } from "../../errors.js";
import { mergeMoments } from "../../core/partial/moments.js";
import { mergeSketches, sketchQuantiles } from "../../core/partial/quantile-sketch.js";
import type { SketchBins, SketchMapping } from "../../core/partial/quantile-sketch.js";
import { REPORT_QUANTILES } from "../neurons-report.js";
import type { QuantileKey, StatsReport } from "../neurons-report.js";
import type { PartFile } from "./part-file.js";

/** One neuron's statistics over every part's samples. */
export interface MergedNeuron {
  count: number;
  nonfinite: number;
  /** NaN when no part had a finite value (as min and max). */
  mean: number;
  m2: number;
  min: number;
  max: number;
  inactive: number;
  saturated: number | null;
  sketch: SketchBins;
}

/** The parts reduced to one: what one pass over all their samples would have counted. */
export interface MergedParts {
  parts: number;
  /** The parts' sources, each once, in order. */
  sources: string[];
  samples: number;
  /** The file of the first part, and the part without its neurons: names, layer and statistics options, which every part shares. */
  firstFile: string;
  first: PartFile;
  mapping: SketchMapping;
  neurons: MergedNeuron[];
  /** Each part's fingerprint (see partPrint) and the file it came from. */
  prints: Map<string, string>;
}

/** A part and the file it came from (messages name it). */
export interface NamedPart {
  file: string;
  part: PartFile;
}

const show = (v: unknown) => (v === null ? "none" : typeof v === "string" ? `'${v}'` : JSON.stringify(v));

/**
 * The first way `b` differs from `a` in what makes parts mergeable: the neurons and their names,
 * the layer, the statistics options (activation, threshold, saturation, channel reduction), the
 * sketch's mapping. Undefined when they agree.
 */
function difference(a: PartFile, b: PartFile): string | undefined {
  if (b.neurons !== a.neurons) return `${b.neurons} neurons (expected ${a.neurons}`;
  const j = a.names.findIndex((name, i) => b.names[i] !== name);
  if (j >= 0) return `neuron ${j} is named ${show(b.names[j])} (expected ${show(a.names[j])}`;
  const { weights: _a, ...la } = a.layer ?? { weights: "" };
  const { weights: _b, ...lb } = b.layer ?? { weights: "" };
  if (JSON.stringify(la) !== JSON.stringify(lb)) return `layer ${show(b.layer ? lb : null)} (expected ${show(a.layer ? la : null)}`;
  const sa = a.statistics;
  const sb = b.statistics;
  if (sb.activation !== sa.activation) return `activation ${show(sb.activation)} (expected ${show(sa.activation)}`;
  if (sb.inactive_threshold !== sa.inactive_threshold) return `inactive threshold ${sb.inactive_threshold} (expected ${sa.inactive_threshold}`;
  if (JSON.stringify(sb.saturation_bounds) !== JSON.stringify(sa.saturation_bounds)) return `saturation bounds ${show(sb.saturation_bounds)} (expected ${show(sa.saturation_bounds)}`;
  if (sb.saturation_eps !== sa.saturation_eps) return `saturation eps ${sb.saturation_eps} (expected ${sa.saturation_eps}`;
  if (JSON.stringify(sb.channels) !== JSON.stringify(sa.channels)) return `channels ${show(sb.channels)} (expected ${show(sa.channels)}`;
  if (JSON.stringify(b.sketch) !== JSON.stringify(a.sketch)) return `sketch ${show(b.sketch)} (expected ${show(a.sketch)}`;
  return undefined;
}

/**
 * What tells a part given twice: its source, its samples (how many, from which row) and every
 * neuron's statistics, hashed. Two shards of different data never share it; the same part under
 * two names, or the same file named twice, does.
 */
function partPrint(p: PartFile): string {
  const hash = createHash("sha256");
  hash.update(JSON.stringify([p.source, p.samples, p.first_sample]));
  for (const n of p.per_neuron) hash.update(JSON.stringify([n.count, n.nonfinite, n.mean, n.m2, n.min, n.max, n.inactive, n.saturated]));
  return hash.digest("hex");
}

/** A part's own statistics, as merged ones (null, for no finite value or an overflow, as NaN). */
function neuronOf(n: PartFile["per_neuron"][number]): MergedNeuron {
  return { count: n.count, nonfinite: n.nonfinite, mean: n.mean ?? NaN, m2: n.m2 ?? NaN, min: n.min ?? NaN, max: n.max ?? NaN, inactive: n.inactive, saturated: n.saturated, sketch: n.sketch };
}

function mergeNeurons(acc: MergedNeuron, own: MergedNeuron): MergedNeuron {
  const moments = mergeMoments(acc, own);
  return {
    ...moments,
    mean: moments.count === 0 ? NaN : moments.mean,
    nonfinite: acc.nonfinite + own.nonfinite,
    // NaN (no finite value) on one side: the other's
    min: own.count === 0 ? acc.min : acc.count === 0 ? own.min : Math.min(acc.min, own.min),
    max: own.count === 0 ? acc.max : acc.count === 0 ? own.max : Math.max(acc.max, own.max),
    inactive: acc.inactive + own.inactive,
    saturated: acc.saturated === null || own.saturated === null ? null : acc.saturated + own.saturated,
    sketch: mergeSketches(acc.sketch, own.sketch),
  };
}

/**
 * Folds one more part into the merged ones (`undefined` before the first): checks that it agrees
 * with the first part (InputError naming it and how it differs otherwise), then adds counts,
 * merges moments by Chan's formula, min and max, and sketches bin by bin. Parts are folded one
 * at a time, so only one part and the running merge are in memory. Inputs are not modified.
 */
export function mergePart(acc: MergedParts | undefined, { file, part }: NamedPart): MergedParts {
  if (acc === undefined) {
    const s = part.sketch;
    return {
      parts: 1,
      firstFile: file,
      sources: [part.source],
      samples: part.samples,
      first: { ...part, per_neuron: [] },
      mapping: { relativeAccuracy: s.relative_accuracy, gamma: s.gamma, indexOffset: s.index_offset },
      neurons: part.per_neuron.map(neuronOf),
      prints: new Map([[partPrint(part), file]]),
    };
  }
  const diff = difference(acc.first, part);
  if (diff !== undefined) throw new InputError(`${file}: ${diff}, as in ${acc.firstFile}; parts must agree to be merged)`, "E_PART_MISMATCH");
  const print = partPrint(part);
  const twin = acc.prints.get(print);
  if (twin !== undefined) {
    throw new InputError(
      `${file}: the same part as ${twin} (source ${show(part.source)}, ${part.samples} samples from row ${part.first_sample}, every neuron's statistics equal; merged twice, its samples would count twice) (expected each shard's part once)`,
      "E_PART_DUPLICATE",
    );
  }
  acc.prints.set(print, file);
  return {
    ...acc,
    parts: acc.parts + 1,
    sources: acc.sources.includes(part.source) ? acc.sources : [...acc.sources, part.source],
    samples: acc.samples + part.samples,
    neurons: acc.neurons.map((n, j) => mergeNeurons(n, neuronOf(part.per_neuron[j]!))),
  };
}

/** The parts merged, in order (see mergePart). */
export function mergeParts(parts: readonly NamedPart[]): MergedParts {
  if (parts.length === 0) throw new RangeError("no parts to merge");
  return parts.reduce<MergedParts | undefined>(mergePart, undefined)!;
}

/** What the merged report says of its quantiles: how they were obtained, how close they are. */
export function quantileStatement(m: MergedParts): NonNullable<StatsReport["quantiles"]> {
  const pct = `${+(100 * m.mapping.relativeAccuracy).toPrecision(6)}%`;
  return {
    method: "ddsketch",
    relative_accuracy: m.mapping.relativeAccuracy,
    bound:
      `each quantile within ${pct} (relative) of np.quantile's (linear) when the two values it interpolates ` +
      `have the same sign, else within ${pct} of the larger of their magnitudes; zeros, min and max exact`,
  };
}

const num = (n: number) => (Number.isFinite(n) ? n : null);

/** The `--stats` report of the merged parts: a one-pass report's keys, `parts`, and the quantiles' statement. */
export function mergedReport(m: MergedParts): StatsReport {
  const f = m.first;
  const dead = m.neurons.filter((n) => n.count > 0 && n.inactive === n.count).length;
  const qs = REPORT_QUANTILES.map(Number);
  return {
    source: m.sources.join(", "),
    ...(f.layer ? { layer: f.layer } : {}),
    samples: m.samples,
    neurons: f.neurons,
    activation: f.statistics.activation,
    dead,
    dead_fraction: dead / f.neurons,
    nonfinite: m.neurons.reduce((sum, n) => sum + n.nonfinite, 0),
    parts: m.parts,
    quantiles: quantileStatement(m),
    per_neuron: m.neurons.map((n, index) => {
      const empty = n.count === 0;
      const values = sketchQuantiles(n.sketch, m.mapping, n, qs);
      return {
        index,
        name: f.names[index] ?? null,
        mean: empty ? null : num(n.mean),
        std: empty ? null : num(Math.sqrt(Math.max(0, n.m2) / n.count)),
        min: empty ? null : num(n.min),
        max: empty ? null : num(n.max),
        inactive_fraction: empty ? null : n.inactive / n.count,
        dead: !empty && n.inactive === n.count,
        saturated_fraction: n.saturated === null || empty ? null : n.saturated / n.count,
        nonfinite: n.nonfinite,
        quantiles: Object.fromEntries(REPORT_QUANTILES.map((key, k) => [key, num(values[k]!)])) as Record<QuantileKey, number | null>,
      };
    }),
  };
}
