import { z } from "zod";
import type { DenseThreads } from "../core/dense/dense-layer.js";
import { findActivation, suggestActivation } from "../core/activations/index.js";
import { parseActivationList } from "./activation-list.js";
import { IMAGE_FORMATS, finiteNumber, grid, integer, outputFields, parseNumber, percent, stringList, styleFields } from "./common.js";

export const PLOT_KINDS = ["line", "hist", "heatmap", "summary", "maps", "classes", "class-heatmap"] as const;
/** The plots that need `--labels`. */
const LABEL_PLOTS = ["classes", "class-heatmap"] as const;
export type PlotKind = (typeof PLOT_KINDS)[number];
export const INPUT_FORMATS = ["npy", "npz", "safetensors", "pt", "h5", "json", "csv", "tsv", "txt"] as const;
export const EXPORT_FORMATS = ["npy", "csv", "json"] as const;

/** `--layer`: 1-based N (1 = the first hidden layer), a layer name, output or all. */
const layerChoice = z.union([z.number(), z.string()]).transform((v, ctx): LayerChoice => {
  const t = String(v).trim();
  if (t === "output") return { kind: "output" };
  if (t === "all") return { kind: "all" };
  if (/^\d+$/.test(t)) {
    const index = Number(t);
    if (index < 1) {
      ctx.addIssue({ code: "custom", message: `'${t}' is not a layer (expected 1 for the first layer, a name, output or all)` });
      return z.NEVER;
    }
    return { kind: "index", index };
  }
  if (t === "") {
    ctx.addIssue({ code: "custom", message: "empty layer (expected N, a name, output or all)" });
    return z.NEVER;
  }
  return { kind: "name", name: t };
});

/** `--bins`: a count, or "auto": NumPy's rule, the larger count of Sturges' and Freedman-Diaconis'. */
const binCount = z.union([z.number(), z.string()]).transform((v, ctx): number | "auto" => {
  const t = String(v).trim();
  if (t === "auto") return "auto";
  const n = parseNumber(t);
  if (Number.isInteger(n) && n >= 1 && n <= 10_000) return n;
  ctx.addIssue({ code: "custom", message: `'${t}' is not a bin count (expected a whole number from 1 to 10000, or auto)` });
  return z.NEVER;
});

/** `--threads`: 1, 2 (the main thread and one helper) or auto. */
const threadCount = z.union([z.number(), z.string()]).transform((v, ctx): DenseThreads => {
  const t = String(v).trim();
  if (t === "auto") return "auto";
  if (t === "1" || t === "2") return Number(t) as 1 | 2;
  ctx.addIssue({ code: "custom", message: `'${t}' is not a thread count (expected 1, 2 or auto)` });
  return z.NEVER;
});

const WEIGHTS_ONLY = ["layers", "layer", "dtype", "bias", "weightLayout", "softmax", "threads"] as const;


/**
 * The options of `actviz neurons`: what its flags produce and what a manifest job of kind
 * "neurons" holds, validated by this one schema. Index lists (`neurons`, `samples`) are
 * checked against the data once it is read.
 */
export const neuronsOptionsSchema = z
  .object({
    input: z.string().min(1),
    inputFormat: z.enum(INPUT_FORMATS).optional(),
    key: z.string().min(1).optional(),
    channelAxis: integer(-32, 32).default(1),
    reduce: z.enum(["mean", "max", "flatten"]).default("mean"),
    // "none": statistics and export only, e.g. a CI gate with --fail-on-dead
    plot: stringList.pipe(z.array(z.enum([...PLOT_KINDS, "none"])).min(1)).default(["line"]),
    bins: binCount.default(30),
    yScale: z.enum(["linear", "log"]).default("linear"),
    // the heatmap's cells per pixel when there are more cells than pixels
    aggregate: z.enum(["mean", "max"]).default("mean"),
    grid: grid.optional(),
    neurons: z.string().min(1).optional(),
    top: integer(1, 1_000_000).optional(),
    by: z.enum(["variance", "mean", "max", "inactive", "selectivity"]).default("variance"),
    samples: z.string().min(1).optional(),
    // one label per input sample: per-class statistics, the classes plots
    labels: z.string().min(1).optional(),
    classNames: stringList.pipe(z.array(z.string()).min(1, "no class names (expected e.g. zero,one,two)")).optional(),
    // the same samples and neurons from another checkpoint or run: what training changed
    baseline: z.string().min(1).optional(),
    baselineWeights: z.string().min(1).optional(),
    names: stringList.pipe(z.array(z.string()).length(2, "expected two names: CURRENT,BASELINE")).optional(),
    failOnNewDead: integer(0, 1_000_000_000).optional(),
    stats: z.string().min(1).optional(),
    // a shard's mergeable statistics, for actviz merge
    partial: z.string().min(1).optional(),
    activation: z.string().min(1).optional(),
    inactiveThreshold: finiteNumber.default(0),
    saturationEps: finiteNumber.pipe(z.number().positive("expected a number above 0")).default(0.01),
    failOnDead: percent.optional(),
    export: z.string().min(1).optional(),
    exportFormat: z.enum(EXPORT_FORMATS).optional(),
    format: stringList.pipe(z.array(z.enum(IMAGE_FORMATS)).min(1)).default(["png"]),
    // From weights: `input` is then the model's input, the activations are computed.
    weights: z.string().min(1).optional(),
    layers: stringList.pipe(z.array(z.string()).min(1, "no layer names (expected e.g. fc1,fc2)")).optional(),
    layer: layerChoice.optional(),
    dtype: z.enum(["f64", "f32"]).optional(),
    bias: z.boolean().optional(),
    weightLayout: z.enum(["out-in", "in-out"]).optional(),
    softmax: z.boolean().optional(),
    threads: threadCount.optional(),
    ...styleFields,
    ...outputFields,
  })
  .strict()
  .superRefine((o, ctx) => {
    if (o.weights === undefined) {
      for (const key of WEIGHTS_ONLY) {
        if (o[key] !== undefined) {
          const what = key === "bias" ? "no bias (--no-bias) applies" : "applies";
          ctx.addIssue({ code: "custom", path: [key], message: `${what} to a forward pass only (expected --weights FILE|DIR with it)` });
        }
      }
    } else {
      if (o.activation !== undefined) {
        try {
          parseActivationList(o.activation);
        } catch (err) {
          ctx.addIssue({ code: "custom", path: ["activation"], message: (err as Error).message });
        }
      }
      if (o.layer?.kind === "all") {
        for (const key of ["stats", "export"] as const) {
          if (o[key] !== undefined) ctx.addIssue({ code: "custom", path: [key], message: `--${key} with --layer all (expected one --layer N, NAME or output; run once per layer)` });
        }
        if (o.out === "-") ctx.addIssue({ code: "custom", path: ["out"], message: "--out - with --layer all (expected a directory for the layer-<n>/ folders)" });
      }
    }
    if (o.weights === undefined && o.activation !== undefined && !findActivation(o.activation)) {
      const near = suggestActivation(o.activation);
      ctx.addIssue({ code: "custom", path: ["activation"], message: `unknown function '${o.activation}' (${near ? `did you mean '${near}'? ` : ""}see 'actviz list')` });
    }
    if (o.neurons !== undefined && o.top !== undefined) {
      ctx.addIssue({ code: "custom", path: ["top"], message: "--top and --neurons both select neurons (expected one of them)" });
    }
    if (o.export !== undefined && o.export !== "-" && o.exportFormat === undefined && !/\.(npy|csv|json)$/i.test(o.export)) {
      ctx.addIssue({ code: "custom", path: ["export"], message: `'${o.export}' has no .npy, .csv or .json extension (expected one, or --export-format)` });
    }
    if (o.labels === undefined) {
      const needs = (what: string, path: string) => ctx.addIssue({ code: "custom", path: [path], message: `${what} needs labels (expected --labels FILE with it)` });
      for (const kind of LABEL_PLOTS) if (o.plot.includes(kind)) needs(`--plot ${kind}`, "plot");
      if (o.by === "selectivity") needs("--by selectivity", "by");
      if (o.classNames !== undefined) needs("--class-names", "classNames");
    } else if (o.labels === "-" && o.input === "-") {
      ctx.addIssue({ code: "custom", path: ["labels"], message: "--labels - and the input both read stdin (expected a file for one of them)" });
    }
    if (o.baseline !== undefined && o.baselineWeights !== undefined) {
      ctx.addIssue({ code: "custom", path: ["baselineWeights"], message: "--baseline and --baseline-weights both give the baseline (expected one of them)" });
    }
    if (o.baselineWeights !== undefined && o.weights === undefined) {
      ctx.addIssue({ code: "custom", path: ["baselineWeights"], message: "compares two checkpoints' forward passes (expected --weights FILE with it; for activations files, --baseline FILE)" });
    }
    if (o.baseline !== undefined && o.weights !== undefined && o.layer?.kind === "all") {
      ctx.addIssue({ code: "custom", path: ["baseline"], message: "--baseline FILE holds one layer's activations, not --layer all's (expected one --layer, or --baseline-weights)" });
    }
    if (o.baseline === "-" && (o.input === "-" || o.labels === "-")) {
      ctx.addIssue({ code: "custom", path: ["baseline"], message: `--baseline - and ${o.input === "-" ? "the input" : "--labels -"} both read stdin (expected a file for one of them)` });
    }
    if (o.baseline === undefined && o.baselineWeights === undefined) {
      for (const [key, flag] of [["names", "--names"], ["failOnNewDead", "--fail-on-new-dead"]] as const) {
        if (o[key] !== undefined) ctx.addIssue({ code: "custom", path: [key], message: `${flag} needs a baseline (expected --baseline FILE or --baseline-weights FILE with it)` });
      }
    }
    if (o.plot.includes("none") && o.plot.length > 1) {
      ctx.addIssue({ code: "custom", path: ["plot"], message: `'${o.plot.join(",")}' mixes none with plots (expected none alone, or plot kinds)` });
    }
    if (o.partial !== undefined) {
      // what a part cannot hold: per-class statistics, a comparison, several layers' statistics
      const refuse = (path: string, what: string) => ctx.addIssue({ code: "custom", path: [path], message: `${what} with --partial (expected a part of one matrix's own statistics; run without it)` });
      if (o.labels !== undefined) refuse("labels", "class statistics");
      if (o.baseline !== undefined) refuse("baseline", "a baseline");
      if (o.baselineWeights !== undefined) refuse("baselineWeights", "a baseline");
      if (o.layer?.kind === "all") refuse("layer", "--layer all");
      const onStdout = [o.stats, o.export].filter((f) => f === "-").length + (o.partial === "-" ? 1 : 0);
      if (o.partial === "-" && onStdout > 1) ctx.addIssue({ code: "custom", path: ["partial"], message: "--partial - and another output both write to stdout (expected at most one of them on stdout)" });
      if (o.partial === "-" && o.out === "-" && !o.plot.includes("none")) ctx.addIssue({ code: "custom", path: ["partial"], message: "--partial - and --out - both write to stdout (expected at most one of them on stdout)" });
    }
    if (o.export === "-" && o.stats === "-") {
      ctx.addIssue({ code: "custom", path: ["export"], message: "--export - and --stats - both write to stdout (expected at most one of them on stdout)" });
    }
  })
  .transform((o) => ({
    ...o,
    plot: [...new Set(o.plot.filter((k): k is PlotKind => k !== "none"))],
    format: [...new Set(o.format)],
    // weights mode keeps the per-layer list as given (parseActivationList reads it)
    activation: o.activation === undefined || o.weights !== undefined ? o.activation : findActivation(o.activation)!.name,
  }));

/** Which layer's output `--layer` asks for. */
export type LayerChoice = { kind: "index"; index: number } | { kind: "name"; name: string } | { kind: "output" } | { kind: "all" };

export type NeuronsOptionsInput = z.input<typeof neuronsOptionsSchema>;
export type NeuronsOptions = z.output<typeof neuronsOptionsSchema>;
