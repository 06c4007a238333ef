import { ActvizError } from "../errors.js";

/** The one stderr line for an error, and its exit code. Bugs keep their stack with --debug. */
export function formatError(err: unknown, debug: boolean): { line: string; exitCode: number } {
  if (err instanceof ActvizError) {
    return { line: `actviz: ${oneLine(err.message)}${debug && err.stack ? `\n${err.stack}` : ""}`, exitCode: err.exitCode };
  }
  const e = err as Error;
  const detail = debug ? `\n${e?.stack ?? String(err)}` : " (run with --debug for the stack trace; this is a bug, please report it)";
  return { line: `actviz: internal error: ${oneLine(e?.message ?? String(err))}${detail}`, exitCode: 70 };
}

/**
 * A message on one line: control characters a file brought into it (a dataset or key name with
 * a line break, say) written as escapes (\n, \r, \t, \u001b), so that every error stays one line.
 */
export function oneLine(message: string): string {
  return message.replace(/[\u0000-\u001f\u007f]/g, (c) => (c === "\n" ? "\\n" : c === "\r" ? "\\r" : c === "\t" ? "\\t" : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`));
}
