import { classStats, type ClassStats } from "../core/class-stats.js";
import type { Matrix } from "../core/matrix.js";
import { selectivity } from "../core/selectivity.js";
import { InputError, UsageError } from "../errors.js";
import { inputError } from "../io/input-error.js";
import { readLabels, type LabelList } from "../io/text/read-labels.js";
import { counted } from "../text/counted.js";

/** The labels of `--labels`, read and checked against `--class-names`, before any sample is chosen. */
export interface LabelSet {
  /** The file as the user named it ("<stdin>" for -). */
  source: string;
  list: LabelList;
  classNames?: readonly string[];
}

/** Each chosen sample's class, and the classes in report order. */
export interface SampleClasses {
  source: string;
  /** Class names, as the report spells them: integers in ascending order, strings by first appearance. */
  names: string[];
  /** Row i of the matrix is of class `of[i]` (an index into names). */
  of: Int32Array;
}

/** What NeuronData holds with labels: the classes, their statistics, and each neuron's preference. */
export interface NeuronClasses extends SampleClasses {
  stats: ClassStats;
  /** Per neuron: the preferred class (index into names), -1 for none. */
  preferred: Int32Array;
  /** Per neuron: the class selectivity index, NaN when it is undefined (μmax + μrest ≤ 0). */
  selectivity: Float64Array;
}

/**
 * Reads a labels file (see readLabels) and checks every integer label has a name when
 * `--class-names` is given (InputError naming the line) and that string labels get none.
 */
export function readLabelSet(bytes: Uint8Array, path: string, classNames?: readonly string[]): LabelSet {
  const source = path === "-" ? "<stdin>" : path;
  const list = readLabels(bytes, source);
  if (classNames !== undefined) {
    if (list.kind === "string") {
      throw new UsageError(`--class-names: ${source} holds class names already ('${list.values[0]}' at ${list.place(0)}) (expected --class-names only for integer labels 0..K-1)`, "E_LABELS");
    }
    const bad = list.values.findIndex((v) => !(v >= 0 && v < classNames.length));
    if (bad >= 0) {
      throw inputError(source, list.place(bad), `label ${list.values[bad]} has no name in --class-names (${counted(classNames.length, "name")}, for 0-${classNames.length - 1})`, `integer labels 0-${classNames.length - 1}, or more --class-names`, "E_LABELS");
    }
  }
  return { source, list, ...(classNames ? { classNames } : {}) };
}

/**
 * The classes of samples [a, b) of `samples` input samples. InputError when the file has not
 * one label per sample, naming both counts.
 */
export function sampleClasses(labels: LabelSet, samples: number, a: number, b: number, input: string): SampleClasses {
  const { list } = labels;
  if (list.values.length !== samples) {
    throw new InputError(`${labels.source}: ${counted(list.values.length, "label")} for ${counted(samples, "sample")} of ${input} (expected one label per sample)`, "E_LABELS");
  }
  const of = new Int32Array(b - a);
  if (list.kind === "integer") {
    const values = list.values.slice(a, b);
    const names = labels.classNames;
    const distinct = names ? names.map((_, i) => i) : [...new Set(values)].sort((x, y) => x - y);
    const index = new Map(distinct.map((v, i) => [v, i]));
    values.forEach((v, i) => (of[i] = index.get(v)!));
    return { source: labels.source, names: names ? [...names] : distinct.map(String), of };
  }
  const index = new Map<string, number>();
  for (let i = a; i < b; i++) {
    const v = list.values[i]!;
    let c = index.get(v);
    if (c === undefined) index.set(v, (c = index.size));
    of[i - a] = c;
  }
  return { source: labels.source, names: [...index.keys()], of };
}

/** Class statistics of every neuron, and each neuron's preferred class and selectivity. */
export function neuronClasses(m: Matrix, classes: SampleClasses): NeuronClasses {
  return classesWith(classes, classStats(m, classes.of, classes.names.length));
}

/** The classes with their statistics (from classStats, or its accumulator), and each neuron's preferred class and selectivity. */
export function classesWith(classes: SampleClasses, stats: ClassStats): NeuronClasses {
  const { cols } = stats;
  const preferred = new Int32Array(cols);
  const index = new Float64Array(cols);
  const means = new Float64Array(stats.classes);
  for (let j = 0; j < cols; j++) {
    for (let c = 0; c < stats.classes; c++) means[c] = stats.mean[c * cols + j]!;
    const s = selectivity(means);
    preferred[j] = s.preferred;
    index[j] = s.index;
  }
  return { ...classes, stats, preferred, selectivity: index };
}

/**
 * The classes of rows [a, b) of a [rows, neurons] matrix made of `inputs` input samples: one
 * label per sample, repeated for `--reduce flatten`'s rows (every position of a sample a row,
 * sample-major) when the rows are more than the samples and the labels one per sample.
 */
export function rowClasses(labels: LabelSet, inputs: number, rows: number, a: number, b: number, source: string): SampleClasses {
  const perSample = rows !== inputs && labels.list.values.length === inputs && inputs > 0 ? rows / inputs : 1;
  if (perSample === 1) return sampleClasses(labels, rows, a, b, source);
  // every sample holding a row of [a, b) has its label once, in order: the same classes, in the
  // same order, as its labels repeated (repeatLabels), without a list as long as the rows
  const first = Math.floor(a / perSample);
  const end = b > a ? Math.ceil(b / perSample) : first;
  const samples = sampleClasses(labels, inputs, first, end, source);
  const of = new Int32Array(b - a);
  for (let i = 0; i < of.length; i++) of[i] = samples.of[Math.floor((a + i) / perSample) - first]!;
  return { ...samples, of };
}

/** Labels a to b of a checked set (the samples a `--weights` pass computed), places kept. */
export function sliceLabels(labels: LabelSet, a: number, b: number): LabelSet {
  const { list } = labels;
  const place = (i: number) => list.place(i + a);
  const sliced: LabelList = list.kind === "integer" ? { kind: "integer", values: list.values.slice(a, b), place } : { kind: "string", values: list.values.slice(a, b), place };
  return { ...labels, list: sliced };
}

/**
 * Each label repeated `times` times in a row: the labels of `--reduce flatten`'s rows, where
 * every position of an input sample became a sample of its own (sample-major).
 */
export function repeatLabels(labels: LabelSet, times: number): LabelSet {
  const { list } = labels;
  const place = (i: number) => list.place(Math.floor(i / times));
  const repeat = <T,>(values: readonly T[]) => values.flatMap((v) => new Array<T>(times).fill(v));
  const repeated: LabelList = list.kind === "integer" ? { kind: "integer", values: repeat(list.values), place } : { kind: "string", values: repeat(list.values), place };
  return { ...labels, list: repeated };
}
