import { ActvizError } from "../errors.js";

/** The one stderr line for an error, and its exit code. Bugs keep their stack with --debug. */
export function formatError(err: unknown, debug: boolean): { line: string; exitCode: number } {
  if (err instanceof ActvizError) {
    return { line: `actviz: ${err.message}${debug && err.stack ? `\n${err.stack}` : ""}`, exitCode: err.exitCode };
  }
  const e = err as Error;
  const detail = debug ? `\n${e?.stack ?? String(err)}` : " (run with --debug for the stack trace; this is a bug, please report it)";
  return { line: `actviz: internal error: ${e?.message ?? String(err)}${detail}`, exitCode: 70 };
}
