import { joinRuns, minMaxStream, type Series } from "../../core/decimate.js";
import type { Matrix } from "../../core/matrix.js";
import type { ColumnStats } from "../../core/stats.js";

/**
 * The line series of the selected neurons over `rows` samples (x from `x0`), computed from rows
 * as they are read, the same points lineSeries gives from the matrix: every value up to
 * `maxPoints` samples; past that, min-max decimation into maxPoints / 2 buckets
 * (minMaxDecimateGaps). A neuron without non-finite values is decimated in the first pass; one
 * with them has its runs of finite values found in the first pass and decimated in a second
 * (each run its share of the buckets). `endPass()` says whether every series is done.
 */
export function lineSeriesStream(selected: readonly number[], stats: readonly ColumnStats[], rows: number, x0: number, maxPoints: number) {
  const buckets = maxPoints / 2;
  const keepAll = rows <= maxPoints;
  const kept = new Map<number, Float64Array>();
  const finite = new Map<number, ReturnType<typeof minMaxStream>>();
  // neurons with gaps: their runs [start, end) (pass 1), then a stream per run (pass 2)
  const runs = new Map<number, [number, number][]>();
  const runStreams = new Map<number, ReturnType<typeof minMaxStream>[]>();
  for (const j of selected) {
    if (keepAll) kept.set(j, new Float64Array(rows));
    else if (stats[j]!.nonfinite === 0) finite.set(j, minMaxStream(rows, buckets, x0));
    else runs.set(j, []);
  }
  const cursor = new Map<number, number>();
  let pass = 0;
  let row = 0;
  const add = ({ rows: n, cols, data }: Matrix): void => {
    if (pass === 0) {
      for (const [j, values] of kept) for (let r = 0; r < n; r++) values[row + r] = data[r * cols + j]!;
      for (const [j, s] of finite) for (let r = 0; r < n; r++) s.add(data[r * cols + j]!);
      for (const [j, list] of runs) {
        for (let r = 0; r < n; r++) {
          const v = data[r * cols + j]!;
          if (v - v !== 0) continue;
          const k = row + r;
          const last = list[list.length - 1];
          if (last !== undefined && last[1] === k) last[1] = k + 1;
          else list.push([k, k + 1]);
        }
      }
    } else {
      for (const [j, streams] of runStreams) {
        const list = runs.get(j)!;
        // the run this block starts in (rows come in order: the cursor only moves forward)
        let at = cursor.get(j) ?? 0;
        for (let r = 0; r < n; r++) {
          const k = row + r;
          while (at < list.length && list[at]![1] <= k) at++;
          if (at < list.length && list[at]![0] <= k) streams[at]!.add(data[r * cols + j]!);
        }
        cursor.set(j, at);
      }
    }
    row += n;
  };
  return {
    add,
    /** Ends a pass; true when no other pass is needed. */
    endPass(): boolean {
      row = 0;
      pass++;
      if (pass === 1 && runs.size > 0) {
        // each run's share of the buckets, as minMaxDecimateGaps (joinRuns) gives it
        for (const [j, list] of runs) {
          const finite = list.reduce((sum, [start, end]) => sum + end - start, 0);
          runStreams.set(j, list.map(([start, end]) => minMaxStream(end - start, Math.max(1, Math.round((buckets * (end - start)) / finite)), x0 + start)));
        }
        return false;
      }
      return true;
    },
    result(): Map<number, Series> {
      const out = new Map<number, Series>();
      for (const j of selected) {
        const values = kept.get(j);
        if (values) out.set(j, { x: Float64Array.from(values, (_, i) => x0 + i), y: values });
        else if (finite.has(j)) out.set(j, finite.get(j)!.result());
        else {
          const list = runs.get(j)!;
          const streams = runStreams.get(j)!;
          let next = 0; // joinRuns asks for the runs in order
          out.set(j, joinRuns(rows, list, buckets, (k) => x0 + k, () => streams[next++]!.result()));
        }
      }
      return out;
    },
  };
}
