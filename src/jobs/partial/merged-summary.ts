import { sketchQuantiles, sketchValuesWithin } from "../../core/partial/quantile-sketch.js";
import type { BoxStats } from "../../core/quantiles.js";
import { InputError } from "../../errors.js";
import type { MergeOptions } from "../../options/merge.js";
import type { PercentileBands } from "../../render/charts/percentile-bands-chart.js";
import type { ChartSpec } from "../../render/engine/chart-spec.js";
import { neuronWords } from "../../text/labels.js";
import { BOXES_MAX } from "../neurons-job.js";
import type { MergedNeuron, MergedParts } from "./merge-parts.js";

/**
 * A box from a neuron's merged statistics, as boxStats draws one from its values: quartiles from
 * the sketch, whiskers at the sketch's most extreme values within 1.5 IQR of the box (clamped
 * so they never cross into it), min and max exact. All NaN for a neuron with no finite value.
 */
export function sketchBox(n: MergedNeuron, m: MergedParts): BoxStats {
  if (n.count === 0) return { q1: NaN, median: NaN, q3: NaN, whiskerLow: NaN, whiskerHigh: NaN, min: NaN, max: NaN };
  const [q1, median, q3] = sketchQuantiles(n.sketch, m.mapping, n, [0.25, 0.5, 0.75]) as [number, number, number];
  const iqr = q3 - q1;
  const { low, high } = sketchValuesWithin(n.sketch, m.mapping, n, q1 - 1.5 * iqr, q3 + 1.5 * iqr);
  const whiskerLow = low === low ? Math.min(low, q1) : q1;
  const whiskerHigh = high === high ? Math.max(high, q3) : q3;
  return { q1, median, q3, whiskerLow, whiskerHigh, min: n.min, max: n.max };
}

/**
 * The summary chart of merged parts, from their statistics alone (no matrix): a box per neuron,
 * or above BOXES_MAX neurons percentile bands, as `actviz neurons --plot summary` draws them, the
 * line under the title saying that the quartiles (percentiles) come from sketches.
 */
export function mergedSummarySpec(m: MergedParts, o: MergeOptions, source: string): ChartSpec {
  const f = m.first;
  const w = neuronWords(o.lang, f.layer?.function === "softmax" ? "class" : f.statistics.channels ? "channel" : "neuron");
  let lo = Infinity;
  let hi = -Infinity;
  for (const n of m.neurons) {
    if (n.count === 0) continue;
    lo = Math.min(lo, n.min);
    hi = Math.max(hi, n.max);
  }
  if (lo <= hi && !Number.isFinite(hi - lo)) {
    throw new InputError(`${source}: values span [${lo}, ${hi}], wider than one axis can show (expected a span of at most ${Number.MAX_VALUE})`, "E_RANGE");
  }
  const lead = o.title ?? (f.layer ? (f.layer.op !== undefined && f.layer.number === 0 ? `${f.layer.name} (${f.layer.op})` : w.layerTitle(f.layer.name, f.layer.number, f.layer.of)) : undefined);
  const pct = `±${+(100 * m.mapping.relativeAccuracy).toPrecision(6)} %`;
  const bands = m.neurons.length > BOXES_MAX;
  const text = {
    title: o.title ?? (lead ? `${lead}: ${w.summaryTitle}` : w.summaryTitle),
    xLabel: o.xLabel ?? w.neuronAxis,
    yLabel: o.yLabel ?? w.activation,
    note: w.sketchNote(m.parts, pct, bands),
  };
  const style = { theme: o.theme, fontFamily: "", width: o.width, height: o.height };
  const dead = (n: MergedNeuron) => n.count > 0 && n.inactive === n.count;
  if (!bands) return { kind: "summary", items: m.neurons.map((n, i) => ({ label: String(i), box: sketchBox(n, m), dead: dead(n) })), text, style, options: {} };
  const count = m.neurons.length;
  const b: PercentileBands = { neurons: m.neurons.map((_, i) => i), p05: new Float64Array(count), p25: new Float64Array(count), p50: new Float64Array(count), p75: new Float64Array(count), p95: new Float64Array(count), dead: m.neurons.map(dead) };
  m.neurons.forEach((n, i) => {
    const [q05, q25, q50, q75, q95] = sketchQuantiles(n.sketch, m.mapping, n, [0.05, 0.25, 0.5, 0.75, 0.95]) as [number, number, number, number, number];
    b.p05[i] = q05;
    b.p25[i] = q25;
    b.p50[i] = q50;
    b.p75[i] = q75;
    b.p95[i] = q95;
  });
  return { kind: "bands", bands: b, words: w.bands, text, style };
}
