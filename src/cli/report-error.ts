import type { z } from "zod";
import { ActvizError, UsageError } from "../errors.js";

/**
 * Turns a zod failure on flag-built options into a UsageError naming the flag, the value and
 * the expected form: `--range: '5,1' has MIN >= MAX (expected MIN < MAX, e.g. -10,10)`.
 * `where` maps an issue path to its place: a flag for the command line, a JSON path for a manifest.
 */
export function usageFromZod(error: z.ZodError, where: (path: readonly PropertyKey[]) => string): UsageError {
  const issue = error.issues[0]!;
  return new UsageError(`${where(issue.path)}: ${describeIssue(issue)}`, "E_OPTION", { cause: error });
}

/**
 * Commander's parsed flags through a command's options schema: the one place flags become the
 * typed options (a manifest job will pass its JSON object through the same schema). Flags not
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

/** `["jobs", 2, "range"]` -> `$.jobs[2].range`. */
export function jsonPath(path: readonly PropertyKey[]): string {
  return "$" + path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("");
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const input = (issue as { input?: unknown }).input;
  const shown = input === undefined ? "" : `'${Array.isArray(input) ? input.join(",") : String(input)}' `;
  switch (issue.code) {
    case "invalid_value":
      return `${shown}is not allowed (expected one of ${issue.values.map(String).join(", ")})`;
    case "invalid_type":
      return `${shown}is not valid (expected ${issue.expected})`;
    case "unrecognized_keys":
      return `unknown option${issue.keys.length > 1 ? "s" : ""} ${issue.keys.join(", ")}`;
    case "too_small":
      return issue.message.startsWith("no ") ? issue.message : `${shown}is too small (${issue.message})`;
    default:
      return issue.message;
  }
}

/** The one stderr line for an error, and its exit code. Bugs keep their stack with --debug. */
export function formatError(err: unknown, debug: boolean): { line: string; exitCode: number } {
  if (err instanceof ActvizError) {
    return { line: `actviz: ${err.message}${debug && err.stack ? `\n${err.stack}` : ""}`, exitCode: err.exitCode };
  }
  const e = err as Error;
  const detail = debug ? `\n${e?.stack ?? String(err)}` : " (run with --debug for the stack trace; this is a bug, please report it)";
  return { line: `actviz: internal error: ${e?.message ?? String(err)}${detail}`, exitCode: 70 };
}
