import { classOrder } from "../core/class-order.js";
import { classMeans, classStd } from "../core/class-stats.js";
import { column, selectColumns } from "../core/matrix.js";
import type { ChartStyle } from "../render/charts/curve-chart.js";
import type { ChartSpec } from "../render/engine/chart-spec.js";
import type { neuronWords } from "../text/labels.js";
import type { NeuronData } from "./neurons-data.js";

/** What the chart builders of a run share: its words, style and titles. */
export interface ChartContext {
  w: ReturnType<typeof neuronWords>;
  style: ChartStyle;
  /** A per-neuron title, led by --title or the layer. */
  titled: (t: string) => string;
  /** A whole-layer chart's title (--title replaces it). */
  frameTitle: (t: string) => string;
  /** "Neuron 3", or with its header name. */
  label: (i: number) => string;
  /** How the heatmap merges cells into a pixel when there are more than pixels (--aggregate). */
  aggregate: "mean" | "max";
}

/**
 * The heatmap of the chosen neurons over the samples; with labels the samples sorted by class
 * (stable) in bands named under them; with a baseline the difference current − baseline on a
 * diverging scale centred on 0 (computed as the image is built).
 */
export function heatmapSpec(d: NeuronData, { w, style, frameTitle, aggregate }: ChartContext): ChartSpec {
  const c = d.classes;
  const sorted = c ? classOrder(c.of, c.names.length) : undefined;
  const b = d.baseline;
  // a softmax output: probabilities on [0, 1], every class ticked while there are at most 20
  const softmax = d.layer?.activation === "softmax" && !b;
  // streamed: the cells were aggregated as the file was read; the matrix gives only its shape
  const cells = d.streamed?.heatmap;
  return {
    kind: "heatmap",
    matrix: cells ? { rows: d.matrix.rows, cols: d.selected.length, data: d.matrix.data } : selectColumns(d.matrix, d.selected),
    options: {
      aggregate,
      ...(cells ? { downsampled: cells } : {}),
      ...(sorted ? { rowOrder: sorted.order, bands: { starts: sorted.starts, names: c!.names, separators: true } } : {}),
      // (streamed: the cells are differences already)
      ...(b ? { centred: true, ...(cells ? {} : { minus: selectColumns(b.matrix, d.selected) }) } : {}),
      ...(softmax ? { range: { min: 0, max: 1 }, ...(d.selected.length <= 20 ? { yTickLabels: d.selected.map(String) } : {}) } : {}),
    },
    text: {
      title: frameTitle(b ? w.differenceTitle(b.names[0], b.names[1]) : w.heatmapTitle),
      xLabel: c ? w.samplesByClass : w.sample,
      yLabel: w.neuronAxis,
      valueLabel: b ? w.differenceValue : softmax ? w.probability : w.activation,
      aggregated: w.aggregated,
    },
    style,
  };
}

/** Neurons (rows, in selection order) x classes (columns) of the per-class mean: a [classes, neurons] matrix. */
export function classHeatmapSpec(d: NeuronData, { w, style, frameTitle }: ChartContext): ChartSpec {
  const c = d.classes!;
  const k = c.names.length;
  const n = d.selected.length;
  const data = new Float64Array(k * n);
  for (let r = 0; r < k; r++) d.selected.forEach((j, p) => (data[r * n + p] = c.stats.mean[r * c.stats.cols + j]!));
  const identity = d.selected.every((j, p) => j === p);
  return {
    kind: "heatmap",
    matrix: { rows: k, cols: n, data },
    options: { bands: { starts: c.names.map((_, i) => i).concat(k), names: c.names, separators: false }, ...(identity ? {} : { yTickLabels: d.selected.map(String) }) },
    text: { title: frameTitle(w.classHeatmapTitle), xLabel: w.classAxis, yLabel: w.neuronAxis, valueLabel: w.classMean },
    style,
  };
}

/** Neuron i's mean per class with ±1 std whiskers; the title names its preferred class and selectivity. */
export function classBarsSpec(d: NeuronData, i: number, { w, style, titled, label }: ChartContext): ChartSpec {
  const c = d.classes!;
  const means = classMeans(c.stats, i);
  // streamed: found as the file was read
  const stds = d.streamed?.classStds?.get(i) ?? classStd(column(d.matrix, i), c.of, means);
  const preferred = c.preferred[i]!;
  const sel = c.selectivity[i]!;
  const title = titled(w.classesTitle(label(i), preferred < 0 ? null : c.names[preferred]!, Number.isNaN(sel) ? null : sel));
  return { kind: "class-bars", names: c.names, means: Array.from(means), stds: Array.from(stds), preferred, text: { title, xLabel: w.classAxis, yLabel: w.classMeanAxis }, style };
}
