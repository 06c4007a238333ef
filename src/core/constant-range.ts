/**
 * The range NumPy gives a constant v (a histogram of equal values, a colour scale of one value):
 * [v - 0.5, v + 0.5]; far from 0 (|v| beyond ~2^52), where ±0.5 is lost to rounding,
 * v ∓ |v|·2^-20 instead, kept within ±Number.MAX_VALUE, so v stays strictly inside.
 */
export function constantRange(v: number): [number, number] {
  if (v - 0.5 < v && v < v + 0.5) return [v - 0.5, v + 0.5];
  const pad = Math.abs(v) * 2 ** -20;
  return [Math.max(-Number.MAX_VALUE, v - pad), Math.min(Number.MAX_VALUE, v + pad)];
}
