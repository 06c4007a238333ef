import { findActivation, resolveParams, suggestActivation } from "../core/activations/index.js";
import type { Params, ParamValue } from "../core/activations/index.js";
import { parseNumber } from "./common.js";

/** One layer's activation: a catalogue name ("none": the identity) and its complete parameters. */
export interface LayerActivation {
  name: string;
  params: Params;
}

/**
 * Parses `--activation` in weights mode: one function for every hidden layer, or one per layer,
 * comma-separated, each `NAME` or `NAME:PARAM=V` (`leaky_relu:negative_slope=0.2,tanh,none`).
 * An item with `=` and no `:` continues the previous function's parameters
 * (`hardtanh:min_val=-2,max_val=2`). Values are typed as `curve --param` types them: numbers
 * with parseNumber, choices as given; resolveParams checks names, kinds and constraints.
 * Throws Error with a one-line message.
 */
export function parseActivationList(spec: string): LayerActivation[] {
  const items: { name: string; given: [string, string][] }[] = [];
  for (const raw of spec.split(",").map((s) => s.trim())) {
    if (raw === "") throw new Error(`'${spec}' has an empty item (expected NAME[:PARAM=V],...)`);
    const colon = raw.indexOf(":");
    if (colon < 0 && raw.includes("=")) {
      const last = items[items.length - 1];
      if (!last || last.given.length === 0) throw new Error(`'${raw}' is a parameter without a function (expected NAME:${raw})`);
      last.given.push(pair(raw));
      continue;
    }
    const name = colon < 0 ? raw : raw.slice(0, colon).trim();
    items.push({ name, given: colon < 0 ? [] : [pair(raw.slice(colon + 1))] });
  }
  return items.map(({ name, given }) => resolveLayerActivation(name, Object.fromEntries(given)));
}

/** A name and raw parameter values (strings from a flag, or numbers from JSON) checked against the catalogue. */
export function resolveLayerActivation(name: string, given: Readonly<Record<string, string | number>>): LayerActivation {
  if (name === "none") {
    if (Object.keys(given).length > 0) throw new Error(`${name} takes no parameters`);
    return { name: "none", params: {} };
  }
  const act = findActivation(name);
  if (!act) {
    const near = suggestActivation(name);
    throw new Error(`unknown function '${name}' (${near ? `did you mean '${near}'? ` : ""}expected a name from 'actviz list', or none)`);
  }
  const typed: Record<string, ParamValue> = {};
  for (const [key, value] of Object.entries(given)) {
    const spec = act.params.find((p) => p.name === key);
    typed[key] = spec?.kind === "number" && typeof value === "string" ? parseNumber(value) : value;
  }
  try {
    return { name: act.name, params: resolveParams(act, typed) };
  } catch (err) {
    throw new Error((err as Error).message.replace(/\(got NaN\)/, "(expected a number)"));
  }
}

function pair(text: string): [string, string] {
  const eq = text.indexOf("=");
  if (eq <= 0 || eq === text.length - 1) throw new Error(`'${text}' is not PARAM=VALUE (expected e.g. negative_slope=0.2)`);
  return [text.slice(0, eq).trim(), text.slice(eq + 1).trim()];
}
