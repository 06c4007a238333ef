import { inputError } from "./input-error.js";

/**
 * Picks the name to read among `names`: `key` if given (it must exist), else the only one.
 * `noun` is what the names are ("array", "tensor", "member"), for the messages.
 */
export function selectKey(names: readonly string[], key: string | undefined, source: string, noun: string): string {
  const listed = names.map((n) => `'${n}'`).join(", ");
  if (key !== undefined) {
    if (names.includes(key)) return key;
    throw inputError(source, `${noun} '${key}'`, "not found", names.length === 0 ? `a ${noun}, but there are none` : `one of ${listed}`, "E_KEY");
  }
  if (names.length === 1) return names[0]!;
  if (names.length === 0) throw inputError(source, "", `no ${noun}s`, `at least one ${noun}`, "E_EMPTY");
  throw inputError(source, "", `${names.length} ${noun}s and no key to choose one`, `a key, one of ${listed}`, "E_KEY");
}
