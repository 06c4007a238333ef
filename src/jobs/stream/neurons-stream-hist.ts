import { autoBinsOf, histogramCount, histogramEdges, type Histogram } from "../../core/histogram.js";
import type { Matrix } from "../../core/matrix.js";
import type { ColumnStats } from "../../core/stats.js";
import { drawableRange } from "../../render/charts/axis-range.js";

/**
 * The histograms `--plot hist` draws of the selected neurons, counted in a stream: the edges
 * the in-memory chart would bin with (--bins, or auto from the count, range and quartiles; the
 * finite range widened to a drawable one; half the bins while they cannot have distinct finite
 * edges), then the counts added block by block.
 */
export function streamedHistograms(selected: readonly number[], stats: readonly ColumnStats[], bins: number | "auto", quartiles: (j: number) => [number, number], range?: (j: number) => [number, number] | undefined): { add(block: Matrix): void; result(): Map<number, Histogram> } {
  const histograms = new Map<number, Histogram>();
  for (const j of selected) {
    const s = stats[j]!;
    const b = bins === "auto" ? autoBinsOf(s.count, s.min, s.max, () => quartiles(j)) : bins;
    histograms.set(j, emptyHistogram(s, b, range?.(j)));
  }
  return {
    add(block) {
      for (const [j, h] of histograms) histogramCount(block.data, j, block.cols, block.rows, h.edges, h.counts);
    },
    result: () => histograms,
  };
}

/** safeHistogram's bins and edges (neurons-job.ts) for a column of these statistics (or over `range`, as given to it), no value counted yet. */
function emptyHistogram(s: ColumnStats, bins: number, range?: [number, number]): Histogram {
  let [lo, hi] = range ?? (s.count > 0 ? [s.min, s.max] : [0, 1]);
  if (lo < hi) {
    const r = drawableRange({ min: lo, max: hi });
    [lo, hi] = [r.min, r.max];
  }
  for (let b = bins, tries = 0; tries < 64; b = Math.max(1, Math.floor(b / 2)), tries++) {
    try {
      return { edges: histogramEdges(lo, hi, b), counts: new Float64Array(b) };
    } catch (err) {
      if (b === 1) throw err;
    }
  }
  throw new RangeError(`no histogram of ${bins} or fewer bins fits the data`);
}
