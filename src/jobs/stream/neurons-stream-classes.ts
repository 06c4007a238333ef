import { classOrder } from "../../core/class-order.js";
import { classMeans, classStatsAccumulator, classStdAccumulator } from "../../core/class-stats.js";
import type { Matrix } from "../../core/matrix.js";
import { classesWith, type NeuronClasses, type SampleClasses } from "../neurons-classes.js";

/** One pass over a streamed run's chosen rows, block by block, in order. */
export type Pass = (use: (block: Matrix) => void) => Promise<void>;

/**
 * The per-class statistics of a streamed run with --labels, keyed by each block's rows (the
 * labels are small: every row's class is known before the first pass): `add` every block of
 * the statistics pass; `finish` runs one more pass when a class's sum is not finite (a NaN or
 * ±Infinity in its cells, recomputed as a running mean of the finite values), then gives the
 * classes, each neuron's preferred class and selectivity, as neuronClasses of the matrix would
 * (classStatsAccumulator: the same bits).
 */
export function streamClasses(classes: SampleClasses, cols: number): { add(block: Matrix): void; finish(pass: Pass): Promise<NeuronClasses> } {
  const acc = classStatsAccumulator(classes.names.length, cols);
  let row = 0;
  const rowsOf = (block: Matrix) => classes.of.subarray(row, (row += block.rows));
  return {
    add: (block) => acc.add(block, rowsOf(block)),
    async finish(pass) {
      if (acc.needsPass()) {
        row = 0;
        await pass((block) => acc.fix(block, rowsOf(block)));
      }
      return classesWith(classes, acc.result());
    },
  };
}

/** The heatmap's rows sorted by class (classOrder: position -> row), as heatmapSpec sorts them. */
export function classRowOrder(classes: NeuronClasses): Int32Array {
  return classOrder(classes.of, classes.names.length).order;
}

/**
 * Each selected neuron's standard deviation per class (the whiskers of `--plot classes`), as
 * classStd of its column gives it, in two passes: the scales, then the scaled squares.
 */
export async function streamClassStds(classes: NeuronClasses, selected: readonly number[], pass: Pass): Promise<Map<number, Float64Array>> {
  const accs = selected.map((j) => [j, classStdAccumulator(classMeans(classes.stats, j))] as const);
  const { of } = classes;
  for (const step of ["scale", "add"] as const) {
    let row = 0;
    await pass(({ rows, cols, data }) => {
      for (const [j, acc] of accs) {
        const use = acc[step];
        for (let r = 0; r < rows; r++) use(data[r * cols + j]!, of[row + r]!);
      }
      row += rows;
    });
  }
  return new Map(accs.map(([j, acc]) => [j, acc.result()]));
}
