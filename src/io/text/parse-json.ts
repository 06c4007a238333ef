import { decodeText } from "./decode-text.js";
import { inputError } from "../input-error.js";
import { JsonSyntaxError, parseJsonLenient } from "./parse-json-lenient.js";

/**
 * A JSON document's bytes as a value: UTF-8, and JSON with the NaN, Infinity and -Infinity that
 * Python's json writes. InputError E_PARSE naming the byte (not UTF-8) or the line:column of bad
 * syntax, with `what` as the expectation ("a JSON array of rows").
 */
export function parseJson(bytes: Uint8Array, source: string, what: string): unknown {
  const text = decodeText(bytes, source, "a UTF-8 JSON document");
  if (text.trim() === "") throw inputError(source, "", "file is empty", what, "E_EMPTY");
  try {
    return JSON.parse(text);
  } catch {
    // the slow path, for the extension and for a line:column in the error
    try {
      // TextDecoder has already dropped a byte-order mark
      return parseJsonLenient(text);
    } catch (cause) {
      if (!(cause instanceof JsonSyntaxError)) throw cause;
      throw inputError(source, `${cause.line}:${cause.column}`, `found ${cause.found}`, cause.expected, "E_PARSE", cause);
    }
  }
}
