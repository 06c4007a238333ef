import { findActivation, resolveParams } from "../../core/activations/index.js";
import type { Activation, BoundActivation, Params } from "../../core/activations/index.js";
import { UsageError } from "../../errors.js";
import type { CurveOptions } from "../../options/curve.js";
import { displayName } from "../../text/labels.js";

/** One curve to draw: a function with complete parameters. */
export interface CurveEntry {
  act: Activation;
  params: Params;
  bound: BoundActivation;
  /** Only the parameters the user set, in catalogue order: what names files and legends. */
  changed: Readonly<Record<string, number | string>>;
}

/** One output figure: its file stem and the curves it holds. */
export interface CurveFigure {
  stem: string;
  entries: CurveEntry[];
}

/**
 * Turns validated options into figures: one per function (a sweep draws one curve per
 * parameter value, in one figure), or a single "overlay" figure with every curve.
 */
export function planCurves(o: CurveOptions): CurveFigure[] {
  const perFn = o.fn.map((name) => {
    const act = findActivation(name);
    if (!act) throw new UsageError(`--fn: unknown function '${name}'`);
    const own = act.params.filter((p) => p.name in o.param);
    const combos = cartesian(own.map((p) => o.param[p.name]!.map((v) => [p.name, v] as const)));
    const entries = combos.map((combo) => {
      const changed = Object.fromEntries(combo);
      let params: Params;
      try {
        params = resolveParams(act, changed);
      } catch (err) {
        throw new UsageError(`--param: ${(err as Error).message}`, "E_PARAM", { cause: err });
      }
      return { act, params, bound: act.bind(params), changed };
    });
    return { stem: fileStem(act.name, own.map((p) => [p.name, o.param[p.name]!] as const)), entries };
  });
  if (o.overlay) return [{ stem: "overlay", entries: perFn.flatMap((f) => f.entries) }];
  return perFn;
}

/**
 * The documented, filesystem-safe file stem: the function name, then `_NAME=VALUE` for each
 * parameter given on the command line, sweep values joined by commas
 * (`elu_alpha=0.5,1,2`, `leaky_relu_negative_slope=0.2`). Characters other than letters,
 * digits and `._=,+-` are replaced by `-`.
 */
export function fileStem(fn: string, given: readonly (readonly [string, readonly (number | string)[]])[]): string {
  const parts = given.map(([name, values]) => `_${name}=${values.map(String).join(",")}`);
  return (fn + parts.join("")).replace(/[^A-Za-z0-9._=,+-]/g, "-");
}

/** A legend label: the display name, the varied parameters, or both. */
export function entryLabel(entry: CurveEntry, figure: CurveFigure): string {
  const sameFn = figure.entries.every((e) => e.act === entry.act);
  const params = Object.entries(entry.changed).map(([k, v]) => `${k}=${String(v)}`).join(", ");
  if (sameFn) return params || displayName(entry.act.name);
  return params ? `${displayName(entry.act.name)} (${params})` : displayName(entry.act.name);
}

function cartesian<T>(lists: readonly (readonly T[])[]): T[][] {
  return lists.reduce<T[][]>((acc, list) => acc.flatMap((prefix) => list.map((v) => [...prefix, v])), [[]]);
}
