import type { z } from "zod";
import { usageFromZod } from "../options/usage-from-zod.js";

/**
 * Commander's parsed flags through a command's options schema: the one place flags become the
 * typed options (`actviz render` passes each figure's JSON object through the same schema). Flags not
 * given are left out so the schema's defaults apply.
 */
export function parseFlags<T>(schema: { safeParse(raw: unknown, params: { reportInput: boolean }): z.ZodSafeParseResult<T> }, flags: Record<string, unknown>): T {
  const raw = Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined));
  const result = schema.safeParse(raw, { reportInput: true });
  if (!result.success) throw usageFromZod(result.error, flagName);
  return result.data;
}

/** `["xLabel"]` -> `--x-label`; `["param", "alpha"]` -> `--param alpha`. */
export function flagName(path: readonly PropertyKey[]): string {
  const [key, sub] = path;
  const flag = `--${String(key ?? "").replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  return key === "param" && sub !== undefined ? `${flag} ${String(sub)}` : flag;
}
