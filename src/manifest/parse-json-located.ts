import { UsageError } from "../errors.js";

/**
 * JSON.parse with the place of a syntax error as line:column (V8 reports a character
 * position, or nothing, depending on the error).
 */
export function parseJsonLocated(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    const at = /position (\d+)/.exec(message);
    const pos = at ? Number(at[1]) : text.length;
    const before = text.slice(0, pos).split("\n");
    const line = before.length;
    const column = before[before.length - 1]!.length + 1;
    const what = message.replace(/ in JSON at position \d+.*$/s, "").replace(/^JSON\.parse: /, "");
    throw new UsageError(`${source}:${line}:${column}: malformed JSON: ${what} (expected a JSON object with "figures")`, "E_MANIFEST_JSON", { cause: err });
  }
}
