import { parseIndexList } from "../core/selection.js";
import { UsageError } from "../errors.js";
import type { NeuronsOptions, PlotKind } from "../options/neurons.js";
import { sampleRange } from "./neurons-data.js";

/** In a name pattern, stands for a run of one or more digits (NUL is in no path). */
export const DIGITS = "\0";

/** The plots drawn as one file whatever the data: the file stem is the kind. */
const ONE_FILE: readonly PlotKind[] = ["heatmap", "summary", "class-heatmap"];

/** The file stem of item `i` of `count` (a neuron, a sample's maps): `neuron-007`, padded to the widest index. */
export function itemStem(prefix: string, i: number, count: number): string {
  return `${prefix}-${String(i).padStart(String(Math.max(0, count - 1)).length, "0")}`;
}

/** The file stem of page `page` (1-based) of `pages` grids: `neuron-grid`, or `neuron-grid-2` when there are several. */
export function gridStem(prefix: string, page: number, pages: number): string {
  return pages === 1 ? `${prefix}-grid` : `${prefix}-grid-${page}`;
}

/** The stem prefix of a line or histogram plot's files. */
export function plotPrefix(kind: "line" | "hist"): string {
  return kind === "line" ? "neuron" : "hist";
}

/**
 * The chart files (names under `o.out`, in order, as chartFileNames gives them) of a neurons run
 * of an activations file, from its options and, when a header gave it, the shape of the tensor
 * read; undefined when they depend on the data's values (`--top` with one file per neuron) or
 * on a shape not known. Never throws: what cannot be named now is named by the full read.
 */
export function plannedChartNames(o: NeuronsOptions, shape?: readonly number[]): string[] | undefined {
  const stems: string[] = [];
  const columns = shape && columnsOf(shape, o);
  for (const kind of o.plot) {
    if (ONE_FILE.includes(kind)) {
      stems.push(kind);
      continue;
    }
    if (shape === undefined || columns === undefined) return undefined;
    if (kind === "maps") {
      const samples = mapsSamples(shape, o);
      if (samples === undefined) return undefined;
      stems.push(...samples.map((s) => itemStem("maps", s, shape[0]!)));
      continue;
    }
    const chosen = chosenColumns(o, columns);
    if (chosen === undefined) return undefined;
    if ((kind === "line" || kind === "hist") && o.grid) {
      const pages = Math.ceil(chosen.count / (o.grid.rows * o.grid.cols));
      for (let page = 1; page <= pages; page++) stems.push(gridStem(plotPrefix(kind), page, pages));
      continue;
    }
    if (chosen.list === undefined) return undefined;
    const prefix = kind === "classes" ? "classes" : plotPrefix(kind as "line" | "hist");
    stems.push(...chosen.list.map((i) => itemStem(prefix, i, columns)));
  }
  return stems.flatMap((stem) => o.format.map((format) => `${stem}.${format}`));
}

/**
 * The error prepareNeurons will throw for `--neurons` on a tensor of `shape` (an index beyond
 * its columns, a malformed list), found from the shape alone; undefined when there is none or
 * the shape does not tell.
 */
export function neuronListError(o: NeuronsOptions, shape: readonly number[]): UsageError | undefined {
  const columns = columnsOf(shape, o);
  if (o.neurons === undefined || columns === undefined) return undefined;
  try {
    parseIndexList(o.neurons, columns);
    return undefined;
  } catch (err) {
    if (err instanceof RangeError || err instanceof TypeError) return new UsageError(`--neurons: ${err.message}`, "E_SELECT", { cause: err });
    throw err;
  }
}

/**
 * Patterns (DIGITS for a run of digits) that every chart file of a neurons run matches, under
 * `o.out`, from its options alone; `layered` for runs that write `layer-<n>/` folders
 * (`--layer all`). A pattern without DIGITS is the file's very name.
 */
export function chartNamePatterns(o: NeuronsOptions, layered: boolean): string[] {
  const stems = o.plot.flatMap((kind): string[] => {
    if (ONE_FILE.includes(kind)) return [kind];
    if (kind === "maps" || kind === "classes") return [`${kind}-${DIGITS}`];
    const prefix = plotPrefix(kind as "line" | "hist");
    return o.grid ? [`${prefix}-grid`, `${prefix}-grid-${DIGITS}`] : [`${prefix}-${DIGITS}`];
  });
  const folder = layered ? `layer-${DIGITS}/` : "";
  return stems.flatMap((stem) => o.format.map((format) => `${folder}${stem}.${format}`));
}

/** The columns prepareNeurons makes of `shape` (toSamplesByChannels), or undefined where it would refuse it. */
function columnsOf(shape: readonly number[], o: NeuronsOptions): number | undefined {
  const rank = shape.length;
  if (rank === 0 || shape[0] === 0) return undefined;
  if (rank === 1) return 1;
  const axis = o.channelAxis < 0 ? o.channelAxis + rank : o.channelAxis;
  if (!Number.isInteger(axis) || axis <= 0 || axis >= rank) return undefined;
  return shape[axis]! > 0 ? shape[axis] : undefined;
}

/** How many columns `--neurons` / `--top` / all choose, and which when that needs no data. */
function chosenColumns(o: NeuronsOptions, columns: number): { count: number; list?: number[] } | undefined {
  if (o.neurons !== undefined) {
    try {
      const list = parseIndexList(o.neurons, columns);
      return { count: list.length, list };
    } catch {
      return undefined;
    }
  }
  if (o.top !== undefined) return { count: Math.min(o.top, columns) };
  return { count: columns, list: Array.from({ length: columns }, (_, i) => i) };
}

/** The samples `--plot maps` draws of a rank-4 file (mapsTasks): the first, or `--samples`. */
function mapsSamples(shape: readonly number[], o: NeuronsOptions): number[] | undefined {
  if (shape.length !== 4) return undefined;
  const n = shape[0]!;
  try {
    const [a, b] = o.samples === undefined ? [0, Math.min(1, n)] : sampleRange(o.samples, n);
    return Array.from({ length: b - a }, (_, i) => a + i);
  } catch {
    return undefined;
  }
}
