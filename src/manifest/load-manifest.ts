import { readFile } from "node:fs/promises";
import { dirname, isAbsolute, posix, relative, resolve, sep } from "node:path";
import type { z } from "zod";
import { ActvizError, UsageError } from "../errors.js";
import type { CheckFailedError } from "../errors.js";
import { DIGITS } from "../jobs/neurons-names.js";
import type { CurveOptions } from "../options/curve.js";
import type { Renderer } from "../render/engine/render-queue.js";
import { FIGURE_COMMANDS, isFigureCommand, schemaKeys } from "./figure-commands.js";
import type { FigureCommand } from "./figure-commands.js";
import { parseJsonLocated } from "./parse-json-located.js";
import { jsonPathSteps } from "../text/json-path.js";
import type { SharedLoads } from "./neurons-figure.js";
import { FileClaims, shownPattern } from "./file-claims.js";

/** One rendered file of a figure: its path relative to the manifest's folder ('/'-separated). */
export interface FigureFile {
  path: string;
  data: Uint8Array | string;
}

/** A figure whose data is read and whose passes are run: every file it makes is known. */
export interface LoadedFigure {
  /** Paths of the files it makes, relative to the manifest's folder, in order. */
  files: string[];
  render(renderer: Renderer): Promise<FigureFile[]>;
  /** After `render`: the figure's CI gate (`failOnDead`, `failOnNewDead`) when one failed. */
  gate?: () => CheckFailedError | undefined;
}

/**
 * A checked figure, planned from its options and its inputs' headers: nothing of its data is
 * read until `load`, which `render` calls only for the figures it draws.
 */
export interface PlannedFigure {
  /** Position in the manifest's `figures`. */
  index: number;
  command: FigureCommand;
  /** How errors name it: `figures[2] (neurons data/acts.npy)`. */
  label: string;
  /** The options as written (defaults merged), for captions. */
  given: Record<string, unknown>;
  /** Its `out` folder, relative to the manifest's folder. */
  out: string;
  /**
   * Paths of the files it makes, relative to the manifest's folder, in order, when they follow
   * from the options and headers; undefined when they depend on the data (`--top` with a file
   * per neuron, a layer's width, an input whose header is not read): known after `load`.
   */
  files?: string[];
  /** Patterns every file it may make matches (DIGITS: a run of digits); `files` when those are known. */
  claims: string[];
  /** The manifest's `caption` for it, for the gallery. */
  caption?: string;
  /** Reads its data and runs its passes (each figure's load in manifest order, so a pass or a read is shared). */
  load(): Promise<LoadedFigure>;
}

export interface Manifest {
  /** The manifest's folder: inputs and outputs are relative to it. */
  dir: string;
  /** Its `title`, for the gallery. */
  title?: string;
  figures: PlannedFigure[];
}

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
  const claims = new FileClaims();
  // what the figures' loads share: a forward pass that several figures draw (same weights,
  // input and flags) is computed once, and figures of the same input in a row read it once
  const shared: SharedLoads = { passes: new Map() };
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
    const under = (name: string) => posix.join(out, name.split(sep).join("/"));

    let planned: { files?: string[]; claims: string[]; load: PlannedFigure["load"] };
    if (cmd === "curve") {
      const options = { ...(o as unknown as CurveOptions), ...font, out: resolve(dir, out), quiet: true };
      const { curveFileNames } = await import("../jobs/curve/curve-job.js");
      let files: string[];
      try {
        files = curveFileNames(options).map(under);
      } catch (err) {
        return fail(at, err instanceof Error ? err.message : String(err), err);
      }
      const render = async (renderer: Renderer) => {
        const { curveJob } = await import("../jobs/curve/curve-job.js");
        return (await curveJob(options, renderer)).map((f) => ({ path: under(f.name), data: f.data }));
      };
      planned = { files, claims: files, load: async () => ({ files, render }) };
    } else {
      const { planNeuronsFigure } = await import("./neurons-figure.js");
      planned = await planNeuronsFigure(o, { dir, out, font, label, shared, inside, where, fail });
    }
    for (const claim of planned.claims) {
      const first = claims.owner(claim);
      if (first === undefined) continue;
      if (!claim.includes(DIGITS) && !first.claim.includes(DIGITS)) fail(at, `writes '${claim}', as does ${first.at} (expected each file made by one figure)`);
      fail(at, `may write '${shownPattern(claim)}', as may ${first.at} ('${shownPattern(first.claim)}') (expected each file made by one figure: another out folder for one of them)`);
    }
    for (const claim of planned.claims) claims.add(claim, at);
    figures.push({ index, command: cmd, label, given, out, ...planned, ...(typeof caption === "string" ? { caption } : {}) });
  }
  return { dir, ...(typeof doc.title === "string" ? { title: doc.title } : {}), figures };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
