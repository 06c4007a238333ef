/**
 * The class selectivity index of one neuron (Morcos et al. 2018, "On the importance of single
 * directions for generalization"): (μmax − μrest) / (μmax + μrest), μmax the largest class mean
 * and μrest the mean of the other class means. Classes whose mean is NaN (no finite value) are
 * left out. `preferred` is the class of μmax (the first on ties), -1 when fewer than one mean is
 * finite or all finite means are equal (a dead neuron prefers nothing); `index` is NaN when
 * μmax + μrest ≤ 0 (a dead neuron) or fewer than two means are finite.
 */
export function selectivity(means: ArrayLike<number>): { preferred: number; index: number } {
  let best = -1;
  let finite = 0;
  let equal = true;
  for (let c = 0; c < means.length; c++) {
    const v = means[c]!;
    if (Number.isNaN(v)) continue;
    if (best >= 0 && v !== means[best]) equal = false;
    if (best < 0 || v > means[best]!) best = c;
    finite++;
  }
  if (best < 0) return { preferred: -1, index: NaN };
  const max = means[best]!;
  const preferred = equal ? -1 : best;
  if (finite < 2) return { preferred, index: NaN };
  let others = 0;
  for (let c = 0; c < means.length; c++) if (c !== best && !Number.isNaN(means[c]!)) others += means[c]!;
  const rest = others / (finite - 1);
  const denom = max + rest;
  return { preferred, index: denom > 0 ? (max - rest) / denom : NaN };
}
