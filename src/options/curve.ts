import { z } from "zod";
import { activations, findActivation, suggestActivation } from "../core/activations/index.js";
import { axisSpanProblem } from "../render/charts/axis-range.js";
import { finiteNumber, grid, integer, outputFields, parseNumber, stringList, styleFields } from "./common.js";

export const CURVE_FORMATS = ["png", "svg", "pdf", "csv", "json"] as const;
export type CurveFormat = (typeof CURVE_FORMATS)[number];

/** Default |f′| threshold for `--saturation` given without a value. */
export const DEFAULT_SATURATION_EPS = 0.05;

const range = z
  .union([z.string(), z.tuple([finiteNumber, finiteNumber])])
  .transform((v, ctx): [number, number] => {
    const parts = typeof v === "string" ? v.split(",").map(parseNumber) : v;
    const [min, max] = parts;
    if (parts.length !== 2 || min === undefined || max === undefined || !Number.isFinite(min) || !Number.isFinite(max)) {
      ctx.addIssue({ code: "custom", message: `'${String(v)}' is not MIN,MAX (expected two numbers, e.g. -10,10)` });
      return z.NEVER;
    }
    if (min >= max) {
      ctx.addIssue({ code: "custom", message: `'${String(v)}' has MIN >= MAX (expected MIN < MAX, e.g. -10,10)` });
      return z.NEVER;
    }
    const problem = axisSpanProblem(min, max);
    if (problem) {
      ctx.addIssue({ code: "custom", message: `'${String(v)}' ${problem}` });
      return z.NEVER;
    }
    return [min, max];
  });

/** `NAME=V1,V2` strings (flags) or an object of values / value lists (JSON): name -> values as typed. */
const params = z
  .union([
    z.array(z.string()),
    z.record(z.string(), z.union([z.number(), z.string(), z.array(z.union([z.number(), z.string()]))])),
  ])
  .transform((v, ctx) => {
    const out: Record<string, (number | string)[]> = {};
    const entries: [string, unknown][] = [];
    if (Array.isArray(v)) {
      for (const item of v) {
        const eq = item.indexOf("=");
        if (eq <= 0 || eq === item.length - 1) {
          ctx.addIssue({ code: "custom", message: `'${item}' is not NAME=VALUE (expected e.g. alpha=0.5 or alpha=0.5,1,2)` });
          return z.NEVER;
        }
        entries.push([item.slice(0, eq).trim(), item.slice(eq + 1).split(",").map((s) => s.trim())]);
      }
    } else {
      for (const [name, value] of Object.entries(v)) entries.push([name, Array.isArray(value) ? value : [value]]);
    }
    for (const [name, values] of entries) {
      if (name in out) {
        ctx.addIssue({ code: "custom", message: `parameter '${name}' is given twice (expected NAME=V1,V2 for a sweep)` });
        return z.NEVER;
      }
      out[name] = values as (number | string)[];
    }
    return out;
  });

const saturation = z
  .union([z.boolean(), z.number(), z.string()])
  .transform((v, ctx): number | null => {
    if (v === false) return null;
    if (v === true) return DEFAULT_SATURATION_EPS;
    const n = typeof v === "number" ? v : parseNumber(v);
    if (!(n > 0) || !Number.isFinite(n)) {
      ctx.addIssue({ code: "custom", message: `'${String(v)}' is not a positive number (expected an |f′| threshold such as 0.05)` });
      return z.NEVER;
    }
    return n;
  });

/**
 * The options of `actviz curve`: what its flags produce, and what a manifest job of kind
 * "curve" holds. Catalogue checks (function names, parameter names, kinds, constraints) are part
 * of the schema, so a manifest gets the same messages, with a JSON path, as the command line.
 */
export const curveOptionsSchema = z
  .object({
    fn: stringList.pipe(z.array(z.string()).min(1, "no function given (expected --fn NAME, e.g. --fn relu)")),
    range: range.default([-10, 10]),
    samples: integer(2, 10_000_000).default(1001),
    param: params.default({}),
    derivative: z.boolean().default(false),
    saturation: saturation.default(null),
    overlay: z.boolean().default(false),
    grid: grid.optional(),
    format: stringList.pipe(z.array(z.enum(CURVE_FORMATS)).min(1)).default(["png"]),
    ...styleFields,
    ...outputFields,
  })
  .strict()
  .superRefine((o, ctx) => {
    if (o.grid && o.overlay) ctx.addIssue({ code: "custom", path: ["grid"], message: "--grid and --overlay both lay out the curves (expected one of them)" });
  })
  .transform((o, ctx) => {
    const fns = expandFunctions(o.fn, ctx);
    const param = typeParams(fns, o.param, ctx);
    return { ...o, fn: fns, param, format: [...new Set(o.format)] };
  });

export type CurveOptionsInput = z.input<typeof curveOptionsSchema>;
export type CurveOptions = z.output<typeof curveOptionsSchema>;

type Ctx = z.RefinementCtx;

/** "all" expands to the catalogue; aliases become canonical names; unknown names suggest the nearest. */
function expandFunctions(names: readonly string[], ctx: Ctx): string[] {
  const out: string[] = [];
  for (const name of names) {
    if (name.toLowerCase() === "all") {
      out.push(...activations.map((a) => a.name));
      continue;
    }
    const act = findActivation(name);
    if (!act) {
      const near = suggestActivation(name);
      ctx.addIssue({
        code: "custom",
        path: ["fn"],
        message: `unknown function '${name}' (${near ? `did you mean '${near}'? ` : ""}see 'actviz list')`,
      });
      continue;
    }
    out.push(act.name);
  }
  return [...new Set(out)];
}

/**
 * Types each parameter's values by the catalogue: numbers for numeric parameters, names for
 * choices. A parameter must belong to at least one selected function.
 */
function typeParams(fns: readonly string[], given: Record<string, (number | string)[]>, ctx: Ctx) {
  const out: Record<string, (number | string)[]> = {};
  const selected = fns.map((n) => findActivation(n)).filter((a) => a !== undefined);
  for (const [name, values] of Object.entries(given)) {
    const spec = selected.flatMap((a) => a.params).find((p) => p.name === name);
    if (!spec) {
      const known = [...new Set(selected.flatMap((a) => a.params.map((p) => p.name)))];
      const who = selected.length === 1 ? selected[0]!.name : "none of the selected functions";
      ctx.addIssue({
        code: "custom",
        path: ["param", name],
        message:
          `${who} ${selected.length === 1 ? "has no" : "has a"} parameter '${name}' ` +
          (known.length ? `(expected one of ${known.join(", ")})` : "(it takes no parameters)"),
      });
      continue;
    }
    const typed: (number | string)[] = [];
    for (const value of values) {
      if (spec.kind === "choice") {
        const s = String(value);
        if (!spec.choices?.includes(s)) {
          ctx.addIssue({ code: "custom", path: ["param", name], message: `'${s}' is not a value of ${name} (expected one of ${spec.choices?.join(", ")})` });
        }
        typed.push(s);
      } else {
        const n = typeof value === "number" ? value : parseNumber(value);
        if (!Number.isFinite(n)) {
          ctx.addIssue({ code: "custom", path: ["param", name], message: `'${String(value)}' is not a number (expected ${name}=NUMBER, e.g. ${name}=${String(spec.default)})` });
        }
        typed.push(n);
      }
    }
    out[name] = [...new Set(typed)];
  }
  return out;
}
