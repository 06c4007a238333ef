import type { z } from "zod";

/**
 * The commands a manifest figure can run, each with the one options schema its flags use, loaded
 * on demand. A figure's keys are whatever that schema accepts: nothing here lists option names,
 * so a field added to a command's schema works in manifests too.
 */
export const FIGURE_COMMANDS = {
  curve: async () => (await import("../options/curve.js")).curveOptionsSchema,
  neurons: async () => (await import("../options/neurons.js")).neuronsOptionsSchema,
} as const;

export type FigureCommand = keyof typeof FIGURE_COMMANDS;

export function isFigureCommand(name: unknown): name is FigureCommand {
  return typeof name === "string" && Object.hasOwn(FIGURE_COMMANDS, name);
}

/** The keys an options schema accepts: its object's shape, through refinements and transforms. */
export function schemaKeys(schema: z.ZodType): string[] {
  let s: unknown = schema;
  for (let depth = 0; depth < 8 && s; depth++) {
    const def = (s as { _zod: { def: { type: string; in?: unknown; shape?: Record<string, unknown> } } })._zod.def;
    if (def.shape) return Object.keys(def.shape);
    s = def.type === "pipe" ? def.in : undefined;
  }
  throw new TypeError("options schema has no object shape");
}
