import type { NeuronsOptions } from "../../options/neurons.js";
import type { NeuronData } from "../neurons-data.js";
import { sketchMapping, sketchValues } from "../../core/partial/quantile-sketch.js";
import type { SketchBins } from "../../core/partial/quantile-sketch.js";
import { column } from "../../core/matrix.js";

/** What `format` says in every part; `version` changes whenever a reader of the last one could misread a new one. */
export const PART_FORMAT = "actviz-partial";
export const PART_VERSION = 1;
/** The sketches' relative accuracy: a quantile is within 1 % of the value it estimates (zeros exact). */
export const SKETCH_ACCURACY = 0.01;

/** One neuron's mergeable statistics over a part's samples (non-finite values left out of all but `nonfinite`). */
export interface PartNeuron {
  /** Finite values. */
  count: number;
  nonfinite: number;
  /** Mean of the finite values; null when there is none (or it overflows, as a report's null). */
  mean: number | null;
  /** Σ (x − mean)² over the finite values (population variance = m2 / count); null when it overflows. */
  m2: number | null;
  min: number | null;
  max: number | null;
  /** Finite values <= the inactive threshold. */
  inactive: number;
  /** Finite values within eps of a saturation bound; null without bounds. */
  saturated: number | null;
  sketch: SketchBins;
}

/** The statistics-changing options: parts agree on every one, or they are not merged. */
export interface PartStatistics {
  activation: string | null;
  inactive_threshold: number;
  saturation_eps: number;
  saturation_bounds: { min: number | null; max: number | null } | null;
  /** For a rank >= 3 input: how its channels became the columns. */
  channels: { axis: number; reduce: string } | null;
}

/** `actviz neurons --partial FILE`: a shard's statistics that `actviz merge` reduces with the others. */
export interface PartFile {
  format: typeof PART_FORMAT;
  version: typeof PART_VERSION;
  /** The activations (or, from weights, the input) file. */
  source: string;
  /** Rows of this part (after --samples), and the input row the first of them was. */
  samples: number;
  first_sample: number;
  neurons: number;
  names: (string | null)[];
  /** From weights: the layer whose output this is. */
  layer: { number: number; name: string; of: number; function: string; weights: string; dtype: "f64" | "f32"; op?: string } | null;
  statistics: PartStatistics;
  sketch: { method: "ddsketch"; mapping: "logarithmic"; relative_accuracy: number; gamma: number; index_offset: number };
  per_neuron: PartNeuron[];
}

const orNull = (v: number) => (Number.isFinite(v) ? v : null);

/** The part of one run's matrix: statistics from its column statistics, a sketch per neuron. */
export function partFile(d: NeuronData, o: NeuronsOptions, activation: string | undefined): PartFile {
  const mapping = sketchMapping(SKETCH_ACCURACY);
  const buffer = new Float64Array(d.matrix.rows);
  const hasBounds = d.bounds !== null;
  const l = d.layer;
  return {
    format: PART_FORMAT,
    version: PART_VERSION,
    source: d.source,
    samples: d.matrix.rows,
    first_sample: d.firstSample,
    neurons: d.matrix.cols,
    names: d.names,
    layer: l ? { number: l.number, name: l.name, of: l.layers, function: l.activation, weights: l.weights, dtype: l.dtype, ...(l.op ? { op: l.op } : {}) } : null,
    statistics: {
      activation: activation ?? null,
      inactive_threshold: o.inactiveThreshold,
      saturation_eps: o.saturationEps,
      saturation_bounds: d.bounds ? { min: orNull(d.bounds.min), max: orNull(d.bounds.max) } : null,
      channels: d.unit === "channel" ? { axis: o.channelAxis, reduce: o.reduce } : null,
    },
    sketch: { method: "ddsketch", mapping: "logarithmic", relative_accuracy: mapping.relativeAccuracy, gamma: mapping.gamma, index_offset: mapping.indexOffset },
    per_neuron: d.stats.map((s, j) => {
      const n = s.count;
      return {
        count: n,
        nonfinite: s.nonfinite,
        mean: n === 0 ? null : orNull(s.mean),
        // the column statistics keep std = sqrt(m2 / n): m2 back within a few ulp
        m2: n === 0 ? 0 : orNull(s.std * s.std * n),
        min: n === 0 ? null : s.min,
        max: n === 0 ? null : s.max,
        inactive: n === 0 ? 0 : Math.round(s.inactiveFraction * n),
        saturated: !hasBounds ? null : n === 0 ? 0 : Math.round(s.saturatedFraction! * n),
        // streamed: sketched as the file was read (the same values in the same order)
        sketch: d.streamed?.sketches?.[j] ?? sketchValues(column(d.matrix, j, buffer), SKETCH_ACCURACY),
      };
    }),
  };
}
