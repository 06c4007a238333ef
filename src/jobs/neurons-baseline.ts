import { basename } from "node:path";
import type { Matrix } from "../core/matrix.js";
import type { ColumnStats } from "../core/stats.js";
import { InputError } from "../errors.js";
import type { NeuronData } from "./neurons-data.js";
import type { StreamedBaseline } from "./stream/neurons-stream-baseline.js";

/** The baseline of `--baseline` / `--baseline-weights`: the same samples and neurons from another checkpoint or run. */
export interface NeuronBaseline {
  /** The baseline file as given (the activations, or the other checkpoint's weights). */
  source: string;
  /** How charts and the summary name the two: `--names CURRENT,BASELINE`, else the file stems. */
  names: [current: string, baseline: string];
  /** [samples, neurons], the same shape as the current matrix. */
  matrix: Matrix;
  /** Statistics of every baseline neuron (the same threshold and bounds as the current ones). */
  stats: ColumnStats[];
  /** Dead now but not in the baseline, and the reverse; ascending. */
  newlyDead: number[];
  revived: number[];
  /** Read in blocks (neurons-stream-baseline.ts): `matrix` has the shape and no data, these stand for what the charts take of it. */
  streamed?: StreamedBaseline;
}

/** "runs/epoch-3.npz" -> "epoch-3"; stdin -> "stdin". */
export function fileStem(path: string): string {
  if (path === "-" || path === "<stdin>") return "stdin";
  const base = basename(path.replace(/[\\/]+$/, ""));
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(0, dot) : base;
}

/**
 * The baseline compared with the current data: its matrix must have the current one's shape
 * after reading and selection (InputError naming both shapes otherwise); dead neurons are
 * compared neuron by neuron. `current` names the current data's file (for the default name).
 */
export function compareBaseline(current: NeuronData, base: NeuronData, source: string, currentFile: string, names?: readonly string[]): NeuronBaseline {
  const [a, b] = [current.matrix, base.matrix];
  if (a.rows !== b.rows || a.cols !== b.cols) {
    const what = current.layer ? `${current.layer.name}'s output` : "";
    throw new InputError(
      `${source}: ${what ? `${what} ` : ""}is [${b.rows}, ${b.cols}] (samples, neurons) after reading and selection, but ${current.source}${what ? `'s ${what}` : ""} is [${a.rows}, ${a.cols}] (expected the same samples and neurons)`,
      "E_SHAPE",
    );
  }
  const newlyDead: number[] = [];
  const revived: number[] = [];
  current.stats.forEach((s, j) => {
    const was = base.stats[j]!.dead;
    if (s.dead && !was) newlyDead.push(j);
    if (!s.dead && was) revived.push(j);
  });
  return {
    source,
    names: names ? [names[0]!, names[1]!] : defaultNames(currentFile, source),
    matrix: b,
    stats: base.stats,
    newlyDead,
    revived,
  };
}

/** The file stems, or "current" and "baseline" when the stems are the same. */
function defaultNames(current: string, baseline: string): [string, string] {
  const [a, b] = [fileStem(current), fileStem(baseline)];
  return a === b ? ["current", "baseline"] : [a, b];
}
