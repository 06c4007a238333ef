/** The path methods strokeCrosses uses (a canvas 2D context). */
interface PathContext {
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
}

/**
 * Adds an x-shaped cross of half-width `arm` at (x, y) for each x of `xs` to the current path
 * (the caller sets the stroke and strokes it): the mark of a dead neuron above the plot.
 */
export function crossPaths(ctx: PathContext, xs: readonly number[], y: number, arm: number): void {
  for (const x of xs) {
    ctx.moveTo(x - arm, y - arm);
    ctx.lineTo(x + arm, y + arm);
    ctx.moveTo(x - arm, y + arm);
    ctx.lineTo(x + arm, y - arm);
  }
}
