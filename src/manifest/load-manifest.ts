import { readFile, stat } from "node:fs/promises";
import { dirname, isAbsolute, join, posix, relative, resolve, sep } from "node:path";
import type { z } from "zod";
import { ActvizError, UsageError } from "../errors.js";
import type { CurveOptions } from "../options/curve.js";
import type { NeuronData } from "../jobs/neurons-data.js";
import type { NeuronsOptions } from "../options/neurons.js";
import type { Renderer } from "../render/engine/render-queue.js";
import { FIGURE_COMMANDS, isFigureCommand, schemaKeys } from "./figure-commands.js";
import type { FigureCommand } from "./figure-commands.js";
import { parseJsonLocated } from "./parse-json-located.js";
import { jsonPathSteps } from "../text/json-path.js";
import type { PassCache } from "../jobs/neurons-runs.js";

/** One rendered file of a figure: its path relative to the manifest's folder ('/'-separated). */
export interface FigureFile {
  path: string;
  data: Uint8Array | string;
}

/** A checked figure, ready to draw: every file it will make is known. */
export interface PlannedFigure {
  /** Position in the manifest's `figures`. */
  index: number;
  command: FigureCommand;
  /** How errors name it: `figures[2] (neurons data/acts.npy)`. */
  label: string;
  /** The options as written (defaults merged), for captions. */
  given: Record<string, unknown>;
  /** Paths of the files it makes, relative to the manifest's folder, in order. */
  files: string[];
  /** The manifest's `caption` for it, for the gallery. */
  caption?: string;
  render(renderer: Renderer): Promise<FigureFile[]>;
}

export interface Manifest {
  /** The manifest's folder: inputs and outputs are relative to it. */
  dir: string;
  /** Its `title`, for the gallery. */
  title?: string;
  figures: PlannedFigure[];
}

/**
 * Reads and checks a whole manifest before anything is drawn: JSON syntax (line:column), its
 * shape, every figure through its command's own options schema (errors by JSON path), paths
 * that stay inside the manifest's folder, inputs that exist and parse, and no two figures
 * writing one file. Throws a UsageError (or the reader's InputError) prefixed with the manifest.
 */
export async function loadManifest(file: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`${file}: cannot read the manifest: ${code === "ENOENT" ? "no such file" : code ?? String(err)} (expected a JSON file such as actviz.config.json)`, "E_MANIFEST", { cause: err });
  }
  const dir = dirname(resolve(file));
  const fail = (where: string, what: string, cause?: unknown): never => {
    throw new UsageError(`${file}: ${where}: ${what}`, "E_MANIFEST", cause === undefined ? undefined : { cause });
  };
  const doc = parseJsonLocated(text, file);
  if (!isObject(doc)) return fail("$", "not an object (expected {\"figures\": [...]})");
  for (const key of Object.keys(doc)) {
    if (key !== "defaults" && key !== "figures" && key !== "$schema" && key !== "title") fail(key, "unknown key (expected title, defaults, figures)");
  }
  if (doc.title !== undefined && typeof doc.title !== "string") fail("title", "not a string (expected the gallery's title)");
  const defaults = doc.defaults ?? {};
  if (!isObject(defaults)) fail("defaults", "not an object (expected option: value pairs)");
  if (!Array.isArray(doc.figures) || doc.figures.length === 0) fail("figures", "missing or empty (expected an array of figures)");

  const schemas = new Map<FigureCommand, { schema: z.ZodType; keys: Set<string> }>();
  for (const command of Object.keys(FIGURE_COMMANDS) as FigureCommand[]) {
    const schema = (await FIGURE_COMMANDS[command]()) as z.ZodType;
    schemas.set(command, { schema, keys: new Set(schemaKeys(schema)) });
  }
  for (const key of Object.keys(defaults as object)) {
    if (![...schemas.values()].some((s) => s.keys.has(key))) fail(`defaults.${key}`, `unknown option (expected an option of ${[...schemas.keys()].join(" or ")})`);
  }

  const figures: PlannedFigure[] = [];
  const owner = new Map<string, string>();
  // a forward pass that several figures draw (same weights, input and flags) is computed once
  const passes: PassCache = new Map();
  let lastRead: { file: string; bytes: Uint8Array } | undefined;
  for (const [index, raw] of (doc.figures as unknown[]).entries()) {
    const at = `figures[${index}]`;
    if (!isObject(raw)) fail(at, "not an object (expected {\"command\": \"curve\", ...})");
    const { command, caption, ...own } = raw as Record<string, unknown>;
    if (caption !== undefined && typeof caption !== "string") fail(`${at}.caption`, "not a string (expected a sentence for the gallery)");
    if (!isFigureCommand(command)) {
      fail(`${at}.command`, `${command === undefined ? "missing" : `'${String(command)}' is not a command`} (expected one of ${[...schemas.keys()].join(", ")})`);
    }
    const cmd = command as FigureCommand;
    const { schema, keys } = schemas.get(cmd)!;
    const inherited = Object.fromEntries(Object.entries(defaults as object).filter(([k]) => keys.has(k) && !(k in own)));
    const given = { ...own, ...inherited }; // the figure's own options first, for captions
    // a key's place: the figure's own, or the defaults it came from
    const where = (path: readonly PropertyKey[]) => {
      const rest = jsonPathSteps(path.slice(1));
      const key = path[0];
      if (key === undefined) return at;
      return key in inherited ? `defaults.${String(key)}${rest} (in ${at})` : `${at}.${String(key)}${rest}`;
    };
    const unknown = Object.keys(own).filter((k) => !keys.has(k));
    if (unknown.length > 0) fail(where([unknown[0]!]), `unknown option for ${cmd} (expected one of ${[...keys].join(", ")})`);
    for (const key of ["out", "stats", "export", "partial", "input", "labels", "baseline"]) {
      if (given[key] === "-") fail(where([key]), `'-' (stdout/stdin) has no place in a manifest (expected a path relative to the manifest)`);
    }
    const parsed = schema.safeParse(given, { reportInput: true });
    if (!parsed.success) {
      const { usageFromZod } = await import("../options/usage-from-zod.js");
      throw new UsageError(`${file}: ${usageFromZod(parsed.error, where).message}`, "E_MANIFEST", { cause: parsed.error });
    }
    const o = parsed.data as Record<string, unknown>;
    // paths as the manifest's folder sees them; refused when they leave it
    const inside = (key: string): string => {
      const value = o[key] as string;
      const rel = relative(dir, resolve(dir, value));
      if (rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel)) fail(where([key]), `'${value}' is outside the manifest's folder (expected a path inside it)`);
      return rel.split(sep).join("/") || ".";
    };
    const out = inside("out");
    const font = o.font === undefined ? {} : { font: resolve(dir, o.font as string) };
    if (font.font !== undefined) {
      try {
        const { useFontFile } = await import("../render/engine/fonts.js");
        useFontFile(font.font);
      } catch (err) {
        // the reader names the resolved path as a flag; the manifest names the value as written
        const what = err instanceof ActvizError ? err.message.replace(/^--font [^:]*: /, "") : String(err);
        fail(where(["font"]), `'${String(o.font)}': ${what}`, err);
      }
    }
    const label = `${at} (${cmd} ${cmd === "curve" ? (o.fn as string[]).join(",") : o.weights === undefined ? String(o.input) : `${String(o.weights)} on ${String(o.input)}`})`;
    const abs = (rel: string) => resolve(dir, rel);
    const under = (name: string) => posix.join(out, name.split(sep).join("/"));
    const fromAbs = (path: string) => relative(dir, path).split(sep).join("/");

    let files: string[];
    let render: PlannedFigure["render"];
    if (cmd === "curve") {
      const options = { ...(o as unknown as CurveOptions), ...font, out: abs(out), quiet: true };
      const { curveFileNames } = await import("../jobs/curve/curve-job.js");
      try {
        files = curveFileNames(options).map(under);
      } catch (err) {
        return fail(at, err instanceof Error ? err.message : String(err), err);
      }
      render = async (renderer) => {
        const { curveJob } = await import("../jobs/curve/curve-job.js");
        return (await curveJob(options, renderer)).map((f) => ({ path: under(f.name), data: f.data }));
      };
    } else {
      const stats = o.stats === undefined ? {} : { stats: abs(inside("stats")) };
      const exported = o.export === undefined ? {} : { export: abs(inside("export")) };
      const partial = o.partial === undefined ? {} : { partial: abs(inside("partial")) };
      // an input (and weights) may live anywhere (they are only read); named as the manifest spells them
      const input = o.input as string;
      const options = { ...(o as unknown as NeuronsOptions), ...font, ...stats, ...exported, ...partial, input, out: abs(out), quiet: true } as NeuronsOptions;
      const expected = {
        input: "an activations or input file",
        weights: "a weights file or a folder of .npy files",
        labels: "a labels file",
        baseline: "an activations file",
        baselineWeights: "a weights file or a folder of .npy files",
      } as const;
      for (const key of ["input", "weights", "labels", "baseline", "baselineWeights"] as const) {
        if (o[key] === undefined) continue;
        const folder = key === "weights" || key === "baselineWeights";
        try {
          const st = await stat(abs(o[key] as string));
          if (!st.isFile() && !(folder && st.isDirectory())) throw new Error("not a file");
        } catch (err) {
          fail(where([key]), `'${String(o[key])}' is not a readable ${folder ? "file or folder" : "file"} (expected ${expected[key]}, relative to the manifest)`, err);
        }
      }
      const [{ readFile: read }, job, { neuronsRuns }] = await Promise.all([import("node:fs/promises"), import("../jobs/neurons-job.js"), import("../jobs/neurons-runs.js")]);
      const loaded: { data: NeuronData; options: NeuronsOptions }[] = [];
      try {
        const readInput = async (path: string) => {
          // figures of the same input in a row read it once (only the last file read is kept)
          const file = abs(path);
          if (lastRead?.file !== file) lastRead = { file, bytes: new Uint8Array(await read(file)) };
          return lastRead.bytes;
        };
        const runs = await neuronsRuns(options, readInput, o.weights === undefined ? undefined : abs(o.weights as string), passes, o.baselineWeights === undefined ? undefined : abs(o.baselineWeights as string));
        for (const run of runs) loaded.push({ data: await run.load(), options: run.options });
      } catch (err) {
        if (err instanceof ActvizError) fail(label, err.message, err);
        throw err;
      }
      files = [];
      for (const { data, options: ro } of loaded) files.push(...(await job.chartFileNames(data, ro)).map((name) => fromAbs(join(ro.out, name))));
      if (options.stats !== undefined) files.push(fromAbs(options.stats));
      if (options.export !== undefined) files.push(fromAbs(options.export));
      if (options.partial !== undefined) files.push(fromAbs(options.partial));
      render = async (renderer) => {
        const { neuronsOutputs } = await import("../jobs/neurons-outputs.js");
        const made: FigureFile[] = [];
        for (const { data, options: ro } of loaded) {
          await neuronsOutputs(data, ro, { renderer, emit: async (path, body) => void made.push({ path: fromAbs(path), data: body }) });
        }
        return made;
      };
    }
    for (const path of files) {
      const first = owner.get(path);
      if (first !== undefined) fail(at, `writes '${path}', as does ${first} (expected each file made by one figure)`);
      owner.set(path, at);
    }
    figures.push({ index, command: cmd, label, given, files, render, ...(typeof caption === "string" ? { caption } : {}) });
  }
  return { dir, ...(typeof doc.title === "string" ? { title: doc.title } : {}), figures };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
