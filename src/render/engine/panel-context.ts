/** A rectangle in CSS pixels. */
export interface PanelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The stand-in canvas a panel chart draws on: its size, and the shifted context. */
export interface PanelCanvas {
  width: number;
  height: number;
  style: Record<string, string>;
  /** node-canvas's surface type of the shared canvas ("image", "svg", "pdf"), when it has one. */
  type?: string;
  getContext(kind: string): unknown;
}

type Context = Record<string | symbol, unknown> & {
  setTransform(a: number, b: number, c: number, d: number, e: number, f: number): void;
};

/**
 * A canvas stand-in that makes Chart.js draw into `box` of a shared context: its context is
 * a proxy of `ctx` in which setTransform and resetTransform are shifted by the box offset (in
 * device pixels: box times `ratio`) and clearRect does nothing (Chart.js clears its canvas when
 * drawing and on destroy, which would wipe the neighbours). Everything else goes to `ctx`
 * unchanged, so an SVG or PDF context stays vector.
 */
export function panelCanvas(ctx: object, box: PanelBox, ratio: number): PanelCanvas {
  const target = ctx as Context;
  const dx = box.x * ratio;
  const dy = box.y * ratio;
  // Chart.js takes the chart's CSS size from the canvas it is given and multiplies it by the
  // pixel ratio itself (retinaScale): the stand-in is the box's CSS size
  const canvas: PanelCanvas = {
    width: Math.floor(box.width),
    height: Math.floor(box.height),
    style: {},
    getContext: () => proxy,
  };
  const surface = (target as { canvas?: { type?: unknown } }).canvas?.type;
  if (typeof surface === "string") canvas.type = surface;
  const overrides: Record<string, unknown> = {
    canvas,
    setTransform: (a: number, b: number, c: number, d: number, e: number, f: number) => target.setTransform(a, b, c, d, e + dx, f + dy),
    resetTransform: () => target.setTransform(1, 0, 0, 1, dx, dy),
    clearRect: () => undefined,
  };
  const proxy: object = new Proxy(target, {
    get(t, prop) {
      if (typeof prop === "string" && prop in overrides) return overrides[prop];
      const value = Reflect.get(t, prop, t);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(t) : value;
    },
    set(t, prop, value) {
      return Reflect.set(t, prop, value, t);
    },
  });
  return canvas;
}
