import { InputError } from "../errors.js";
import type { NeuronsOptions } from "../options/neurons.js";
import type { NeuronData } from "./neurons-data.js";

/**
 * Refuses, before anything is drawn or written, data whose range no linear axis can show:
 * a neuron whose values span more than the largest double (max − min overflows, e.g. from
 * −1.8e308 to 1.8e308), or, for the plots that share one axis between neurons (grids, the
 * summary, the heatmap and its colour scale centred on 0), such a span across the selected
 * neurons. Throws InputError naming the file and the neuron(s). Narrow spans (constants,
 * subnormals) are fine: their axis is widened (see drawableRange).
 */
export function checkDrawableRanges(d: NeuronData, o: NeuronsOptions): void {
  if (o.plot.length === 0) return;
  // computed activations (--weights) are named by the input and the layer they come out of
  const source = d.layer ? `${d.source} (${d.layer.name} of ${d.layer.weights})` : d.source;
  let lo = { value: Infinity, neuron: -1 };
  let hi = { value: -Infinity, neuron: -1 };
  for (const i of d.selected) {
    const s = d.stats[i]!;
    if (!(s.count > 0)) continue;
    if (!Number.isFinite(s.max - s.min)) {
      throw new InputError(`${source}: neuron ${i}: values span [${s.min}, ${s.max}], wider than an axis can show (expected max - min at most ${Number.MAX_VALUE})`, "E_RANGE");
    }
    if (s.min < lo.value) lo = { value: s.min, neuron: i };
    if (s.max > hi.value) hi = { value: s.max, neuron: i };
  }
  checkBaselineRanges(d, o, source);
  checkClassMeanRange(d, o, source);
  const shared = o.grid !== undefined || o.plot.includes("summary") || o.plot.includes("heatmap");
  if (!shared || lo.neuron < 0) return;
  // the heatmap's diverging colour scale spans ±max|v| when values have both signs
  const width = lo.value < 0 && hi.value > 0 && o.plot.includes("heatmap") ? 2 * Math.max(-lo.value, hi.value) : hi.value - lo.value;
  if (!Number.isFinite(width)) {
    // finite hi - lo: only the heatmap's colour scale, centred on 0, is too wide
    const centred = Number.isFinite(hi.value - lo.value);
    const who = lo.neuron === hi.neuron ? `neuron ${lo.neuron}` : `neurons ${lo.neuron} and ${hi.neuron}`;
    const span = `values span [${lo.value}, ${hi.value}]${lo.neuron === hi.neuron ? "" : " together"}`;
    throw new InputError(
      centred
        ? `${source}: ${who}: ${span}, and the heatmap's colour scale, centred on 0, would span ±${Math.max(-lo.value, hi.value)}: wider than it can show (expected a scale of at most ${Number.MAX_VALUE}; plot ${lo.neuron === hi.neuron ? "it" : "them"} without heatmap, or pick other --neurons)`
        : `${source}: ${who}: ${span}, wider than one axis or colour scale can show (expected a span of at most ${Number.MAX_VALUE}; plot them apart with --neurons, or without --grid)`,
      "E_RANGE",
    );
  }
}

const tooWide = (what: string) => new InputError(what, "E_RANGE");

/**
 * With a baseline, a neuron's charts share one axis between it and its baseline (hist's bins,
 * line's y), the summary and grids one axis for all, and the heatmap's difference a colour scale
 * centred on 0 (of at most ±2·max|v|): each must stay a span an axis can show.
 */
function checkBaselineRanges(d: NeuronData, o: NeuronsOptions, source: string): void {
  const b = d.baseline;
  if (!b) return;
  let lo = Infinity;
  let hi = -Infinity;
  for (const i of d.selected) {
    const [s, t] = [d.stats[i]!, b.stats[i]!];
    const min = Math.min(s.count > 0 ? s.min : Infinity, t.count > 0 ? t.min : Infinity);
    const max = Math.max(s.count > 0 ? s.max : -Infinity, t.count > 0 ? t.max : -Infinity);
    if (!(min <= max)) continue;
    if (!Number.isFinite(max - min)) {
      throw tooWide(`${source}: neuron ${i}: values span [${min}, ${max}] with the baseline ${b.source}, wider than one axis can show (expected max - min at most ${Number.MAX_VALUE})`);
    }
    lo = Math.min(lo, min);
    hi = Math.max(hi, max);
  }
  if (!(lo <= hi)) return;
  if ((o.grid !== undefined || o.plot.includes("summary")) && !Number.isFinite(hi - lo)) {
    throw tooWide(`${source}: the chosen neurons and their baseline span [${lo}, ${hi}], wider than one axis can show (expected a span of at most ${Number.MAX_VALUE}; plot them apart with --neurons, or without --grid and summary)`);
  }
  const m = Math.max(-lo, hi);
  if (o.plot.includes("heatmap") && !Number.isFinite(4 * m)) {
    throw tooWide(`${source}: values up to ±${m} with the baseline: the difference heatmap's scale, centred on 0, could span ±${2 * m} (expected values within ±${Number.MAX_VALUE / 4}; plot without heatmap)`);
  }
}

/** The class heatmap's colour scale (centred on 0 when the class means have both signs) must be drawable. */
function checkClassMeanRange(d: NeuronData, o: NeuronsOptions, source: string): void {
  const c = d.classes;
  if (!c || !o.plot.includes("class-heatmap")) return;
  let lo = Infinity;
  let hi = -Infinity;
  for (const i of d.selected) {
    for (let k = 0; k < c.names.length; k++) {
      const v = c.stats.mean[k * c.stats.cols + i]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  const width = lo < 0 && hi > 0 ? 2 * Math.max(-lo, hi) : hi - lo;
  if (lo <= hi && !Number.isFinite(width)) {
    throw tooWide(`${source}: class means span [${lo}, ${hi}]: the class heatmap's colour scale${lo < 0 && hi > 0 ? ", centred on 0," : ""} would be wider than it can show (expected a span of at most ${Number.MAX_VALUE}; plot without class-heatmap, or pick other --neurons)`);
  }
}
