import { InputError } from "../errors.js";

/**
 * Builds the InputError every reader throws, in the house form
 * `<source>: <place>: <what> (expected <expected>)`.
 */
export function inputError(
  source: string,
  place: string,
  what: string,
  expected: string,
  code: string,
  cause?: unknown,
): InputError {
  const where = place === "" ? source : `${source}: ${place}`;
  return new InputError(`${where}: ${what} (expected ${expected})`, code, cause === undefined ? undefined : { cause });
}
