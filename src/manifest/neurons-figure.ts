import { stat } from "node:fs/promises";
import { join, posix, relative, resolve, sep } from "node:path";
import { ActvizError } from "../errors.js";
import type { NeuronData } from "../jobs/neurons-data.js";
import { DIGITS, chartNamePatterns, neuronListError, plannedChartNames } from "../jobs/neurons-names.js";
import type { PassCache } from "../jobs/neurons-runs.js";
import type { NeuronsOptions } from "../options/neurons.js";
import type { FigureFile, LoadedFigure } from "./load-manifest.js";
import { shownPattern } from "./file-claims.js";
import { patternsOverlap } from "./path-pattern.js";

/** What the loads of one manifest's figures share. */
export interface SharedLoads {
  /** Layers' outputs, so a pass several figures draw is run once. */
  passes: PassCache;
  /** The last file read: figures of the same input in a row read it once. */
  lastRead?: { file: string; bytes: Uint8Array };
}

/** What the manifest's checks know of a figure: its folder, paths and how to report. */
export interface FigureContext {
  /** The manifest's folder. */
  dir: string;
  /** The figure's `out`, relative to `dir`. */
  out: string;
  font: { font?: string };
  label: string;
  shared: SharedLoads;
  /** An option's path relative to `dir`, refused when it leaves it. */
  inside: (key: string) => string;
  /** An option's place in the manifest, for messages. */
  where: (path: readonly PropertyKey[]) => string;
  fail: (where: string, what: string, cause?: unknown) => never;
}

const EXPECTED = {
  input: "an activations or input file",
  weights: "a weights file or a folder of .npy files",
  labels: "a labels file",
  baseline: "an activations file",
  baselineWeights: "a weights file or a folder of .npy files",
} as const;

/**
 * Plans a neurons figure without reading its data: its files exist (inputs, weights, labels,
 * baseline), the headers of those in .npy or .safetensors are whole and match their sizes, and
 * its file names follow from its options and its input's header, or stay deferred to `load`,
 * with patterns covering them. `load` reads the data and runs the passes.
 */
export async function planNeuronsFigure(o: Record<string, unknown>, c: FigureContext): Promise<{ files?: string[]; claims: string[]; load: () => Promise<LoadedFigure> }> {
  const { dir, out, label, shared, inside, where, fail } = c;
  const abs = (rel: string) => resolve(dir, rel);
  const fromAbs = (path: string) => relative(dir, path).split(sep).join("/");
  const stats = o.stats === undefined ? {} : { stats: abs(inside("stats")) };
  const exported = o.export === undefined ? {} : { export: abs(inside("export")) };
  const partial = o.partial === undefined ? {} : { partial: abs(inside("partial")) };
  // an input (and weights) may live anywhere (they are only read); named as the manifest spells them
  const options = { ...(o as unknown as NeuronsOptions), ...c.font, ...stats, ...exported, ...partial, input: o.input as string, out: abs(out), quiet: true } as NeuronsOptions;

  const { readTensorHeader } = await import("../io/read-header.js");
  let shape: number[] | undefined;
  for (const key of ["input", "weights", "labels", "baseline", "baselineWeights"] as const) {
    const value = o[key] as string | undefined;
    if (value === undefined) continue;
    const folder = key === "weights" || key === "baselineWeights";
    let isFile = false;
    try {
      const st = await stat(abs(value));
      isFile = st.isFile();
      if (!isFile && !(folder && st.isDirectory())) throw new Error("not a file");
    } catch (err) {
      fail(where([key]), `'${value}' is not a readable ${folder ? "file or folder" : "file"} (expected ${EXPECTED[key]}, relative to the manifest)`, err);
    }
    // headers: the activations (as readTensor reads them) and safetensors weights; labels exist only
    if (!isFile || key === "labels") continue;
    const how = folder ? { formats: ["safetensors"] as const } : { ...(key === "input" && options.inputFormat ? { format: options.inputFormat } : {}), ...(options.key ? { key: options.key } : {}) };
    try {
      const header = await readTensorHeader(abs(value), { source: value, ...how });
      if (key === "input") shape = header?.shape;
    } catch (err) {
      if (err instanceof ActvizError) fail(label, err.message, err);
      fail(where([key]), `'${value}' is not a readable file (expected ${EXPECTED[key]}, relative to the manifest)`, err);
    }
  }

  const weights = options.weights !== undefined;
  // a flag the header can check: --neurons against the input's columns
  const selection = !weights && shape ? neuronListError(options, shape) : undefined;
  if (selection) fail(label, selection.message, selection);
  const extra = [options.stats, options.export, options.partial].filter((f): f is string => f !== undefined).map(fromAbs);
  const patterns = chartNamePatterns(options, weights && options.layer?.kind === "all").map((name) => posix.join(out, name));
  // fixed names (heatmap, summary) are known even from weights; else from the input's header
  const charts = !patterns.some((p) => p.includes(DIGITS)) ? patterns : weights ? undefined : plannedChartNames(options, shape)?.map((name) => posix.join(out, name));
  const files = charts && [...charts, ...extra];
  const claims = files ?? [...patterns, ...extra];

  const load = async (): Promise<LoadedFigure> => {
    const [job, { neuronsRuns }, { neuronsOutputs }, { readBytes }, { neuronsGates }] = await Promise.all([
      import("../jobs/neurons-job.js"),
      import("../jobs/neurons-runs.js"),
      import("../jobs/neurons-outputs.js"),
      import("../io/read-bytes.js"),
      import("../jobs/neurons-gates.js"),
    ]);
    const readInput = async (path: string) => {
      // figures of the same input in a row read it once (only the last file read is kept)
      const file = abs(path);
      if (shared.lastRead?.file !== file) shared.lastRead = { file, bytes: new Uint8Array(await readBytes(file)) };
      return shared.lastRead.bytes;
    };
    const weightsPath = o.weights === undefined ? undefined : abs(o.weights as string);
    const baselinePath = o.baselineWeights === undefined ? undefined : abs(o.baselineWeights as string);
    const runs = await neuronsRuns(options, readInput, weightsPath, shared.passes, baselinePath);
    const loaded: { data: NeuronData; options: NeuronsOptions }[] = [];
    for (const run of runs) loaded.push({ data: await run.load(), options: run.options });
    const made: string[] = [];
    for (const { data, options: ro } of loaded) made.push(...(await job.chartFileNames(data, ro)).map((name) => fromAbs(join(ro.out, name))));
    made.push(...extra);
    // the plan promised these names (or names these patterns cover): the manifest's check of
    // one figure per file rests on it, so a difference is a bug
    const unplanned = files ? (made.length === files.length && made.every((p, i) => p === files[i]) ? [] : made) : made.filter((p) => !claims.some((claim) => patternsOverlap(claim, p)));
    if (unplanned.length > 0) throw new Error(`${label} makes ${unplanned.slice(0, 3).join(", ")}, not the files planned (${claims.slice(0, 3).map(shownPattern).join(", ")})`);
    const gates = neuronsGates(options);
    return {
      files: made,
      render: async (renderer) => {
        const files: FigureFile[] = [];
        for (const { data, options: ro } of loaded) {
          gates.add(await neuronsOutputs(data, ro, { renderer, emit: async (path, body) => void files.push({ path: fromAbs(path), data: body }) }));
        }
        return files;
      },
      gate: () => gates.error(),
    };
  };
  return { ...(files ? { files } : {}), claims, load };
}
