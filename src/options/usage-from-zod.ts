import type { z } from "zod";
import { UsageError } from "../errors.js";

/**
 * Turns a zod failure on flag-built options into a UsageError naming the flag, the value and
 * the expected form: `--range: '5,1' has MIN >= MAX (expected MIN < MAX, e.g. -10,10)`.
 * `where` maps an issue path to its place: a flag for the command line, a JSON path for a manifest.
 */
export function usageFromZod(error: z.ZodError, where: (path: readonly PropertyKey[]) => string): UsageError {
  const issue = error.issues[0]!;
  return new UsageError(`${where(issue.path)}: ${describeIssue(issue)}`, "E_OPTION", { cause: error });
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
