import type { Activation, ParamSpec, ParamValue, Params } from "./types.js";

function describe(value: unknown): string {
  return typeof value === "string" ? `string '${value}'` : `${typeof value} ${String(value)}`;
}

function checkOne(act: Activation, spec: ParamSpec, value: unknown): ParamValue {
  if (spec.kind === "choice") {
    if (typeof value !== "string") {
      throw new TypeError(`${act.name}: ${spec.name} must be a string (got ${describe(value)})`);
    }
    const choices = spec.choices ?? [];
    if (!choices.includes(value)) {
      throw new RangeError(
        `${act.name}: ${spec.name} must be one of ${choices.join(", ")} (got '${value}')`,
      );
    }
    return value;
  }
  if (typeof value !== "number") {
    throw new TypeError(`${act.name}: ${spec.name} must be a number (got ${describe(value)})`);
  }
  if (!Number.isFinite(value)) {
    throw new RangeError(`${act.name}: ${spec.name} must be finite (got ${value})`);
  }
  if (spec.constraint === "positive" && !(value > 0)) {
    throw new RangeError(`${act.name}: ${spec.name} must be positive (got ${value})`);
  }
  if (spec.constraint === "nonnegative" && !(value >= 0)) {
    throw new RangeError(`${act.name}: ${spec.name} must be nonnegative (got ${value})`);
  }
  return value;
}

/**
 * The complete parameters of `act`: `given` merged over the defaults, in the order of
 * `act.params`, frozen. Throws TypeError for an unknown name or a value of the wrong kind, and
 * RangeError for a non-finite number, a constraint violation, a choice outside `choices`, or
 * parameters that are inconsistent together (hardtanh min_val > max_val; checked by `bind`).
 * Numeric strings are not parsed: the CLI passes numbers for kind "number".
 */
export function resolveParams(act: Activation, given: Readonly<Record<string, ParamValue>>): Params {
  for (const key of Object.keys(given)) {
    if (!act.params.some((spec) => spec.name === key)) {
      const expected =
        act.params.length === 0
          ? "it takes none"
          : `expected one of ${act.params.map((spec) => spec.name).join(", ")}`;
      throw new TypeError(`${act.name} has no parameter '${key}' (${expected})`);
    }
  }
  const resolved: Record<string, ParamValue> = {};
  for (const spec of act.params) {
    const value = Object.hasOwn(given, spec.name) ? given[spec.name] : spec.default;
    resolved[spec.name] = checkOne(act, spec, value);
  }
  Object.freeze(resolved);
  act.bind(resolved); // cross-parameter checks live in bind
  return resolved;
}

/** Reads a number parameter inside `bind`/`kinks`; TypeError when `p` is incomplete. */
export function numberParam(p: Params, name: string): number {
  const value = p[name];
  if (typeof value !== "number") {
    throw new TypeError(`parameter ${name} must be a number (got ${describe(value)}); use resolveParams`);
  }
  return value;
}

/** Reads a choice parameter inside `bind`/`kinks`; TypeError when `p` is incomplete. */
export function choiceParam(p: Params, name: string): string {
  const value = p[name];
  if (typeof value !== "string") {
    throw new TypeError(`parameter ${name} must be a string (got ${describe(value)}); use resolveParams`);
  }
  return value;
}
