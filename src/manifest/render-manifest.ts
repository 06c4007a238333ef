import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, relative, resolve, sep } from "node:path";
import { ActvizError, UsageError } from "../errors.js";
import type { CheckFailedError } from "../errors.js";
import { AtomicFileSet, prepareDir } from "../output/write-atomic.js";
import { sameFile } from "./compare-file.js";
import type { CompareMode } from "./compare-file.js";
import { galleryPage } from "./gallery-page.js";
import { globRegExp } from "./glob-match.js";
import type { FigureFile, LoadedFigure, Manifest, PlannedFigure } from "./load-manifest.js";
import { inShard } from "./shard.js";
import type { StaleFile } from "./diff-report.js";

export type FileStatus = "written" | "unchanged" | "stale" | "missing";

export interface FileReport {
  /** Relative to the manifest's folder, '/'-separated. */
  path: string;
  bytes: number;
  sha256: string;
  status: FileStatus;
}

export interface RenderPlan {
  /** Compare with the files on disk and write nothing. */
  check: boolean;
  compare: CompareMode;
  /** For compare "pixels": the fraction of a PNG's pixels allowed to differ. */
  tolerance: number;
  shard?: { index: number; count: number };
  filter?: string;
  /** The gallery page's path (absolute, or relative to the current directory). */
  gallery?: string;
  /** With `check`: keep the bytes of stale and missing files, both sides (for `--diff`). */
  keepStale?: boolean;
}

export interface RenderResult {
  figures: number;
  files: FileReport[];
  /** Figures that failed while drawing: their label and error; their files are neither written nor compared. */
  failures: { label: string; error: unknown }[];
  /** Figures drawn (and written or compared) whose CI gate failed (`failOnDead`, `failOnNewDead`), in manifest order. */
  gates: { label: string; error: CheckFailedError }[];
  /** With `keepStale`: the stale and missing files, the committed bytes and the new ones. */
  stale: StaleFile[];
}

/**
 * The figures of a shard (by position: no data needed) that may match the filter, in manifest
 * order: those whose names are known and match, and those whose names are deferred (their load
 * tells; see renderManifest).
 */
export function selectFigures(figures: readonly PlannedFigure[], plan: Pick<RenderPlan, "shard" | "filter">): PlannedFigure[] {
  const glob = plan.filter === undefined ? undefined : globRegExp(plan.filter);
  return figures.filter((f, position) => (!plan.shard || inShard(position, plan.shard)) && (!glob || f.files === undefined || f.files.some((p) => glob.test(p))));
}

/**
 * Loads the selected figures (reads their data, runs their passes), one after another in
 * manifest order so that a pass or a read is shared, then draws them with one renderer and
 * writes what changed (all files as one atomic set) or, with `check`, only compares. Only these
 * figures' data is read. A figure whose names were deferred is loaded to match `--filter`, and
 * dropped when none of its files matches. Every result is placed by the figure's position, so
 * the report and the exit status never depend on which figure finished first. A figure that
 * fails to load or to draw is reported, and the others still run and are written.
 */
export async function renderManifest(manifest: Manifest, plan: RenderPlan): Promise<RenderResult> {
  const glob = plan.filter === undefined ? undefined : globRegExp(plan.filter);
  const failed: { index: number; label: string; error: unknown }[] = [];
  const chosen: { figure: PlannedFigure; loaded: LoadedFigure }[] = [];
  const owner = new Map<string, string>();
  for (const figure of selectFigures(manifest.figures, plan)) {
    try {
      const loaded = await figure.load();
      if (glob && figure.files === undefined && !loaded.files.some((p) => glob.test(p))) continue;
      for (const path of loaded.files) {
        const first = owner.get(path);
        if (first !== undefined) throw new UsageError(`writes '${path}', as does ${first} (expected each file made by one figure)`, "E_MANIFEST");
      }
      for (const path of loaded.files) owner.set(path, figure.label);
      chosen.push({ figure, loaded });
    } catch (error) {
      failed.push({ index: figure.index, label: figure.label, error });
    }
  }
  const loadFailures = failed.length;
  const { createRenderer } = await import("../render/engine/render-queue.js");
  const renderer = await createRenderer();
  let settled: PromiseSettledResult<FigureFile[]>[];
  try {
    settled = await Promise.allSettled(chosen.map((c) => c.loaded.render(renderer)));
  } finally {
    await renderer.close();
  }
  const made: FigureFile[] = [];
  const done: { figure: PlannedFigure; files: string[] }[] = [];
  const gates: RenderResult["gates"] = [];
  settled.forEach((r, i) => {
    const { figure, loaded } = chosen[i]!;
    if (r.status === "fulfilled") {
      made.push(...r.value);
      done.push({ figure, files: loaded.files });
      const gate = loaded.gate?.();
      if (gate) gates.push({ label: figure.label, error: gate });
    } else failed.push({ index: figure.index, label: figure.label, error: r.reason });
  });
  const failures = failed.sort((a, b) => a.index - b.index).map(({ label, error }) => ({ label, error }));
  if (plan.gallery !== undefined) {
    const page = relative(manifest.dir, resolve(plan.gallery)).split(sep).join("/");
    const figures = done.map(({ figure: f, files }) => ({ label: f.label, command: f.command, given: f.given, files, ...(f.caption ? { caption: f.caption } : {}) }));
    made.push({ path: page, data: galleryPage(figures, { manifestDir: manifest.dir, pageDir: dirname(resolve(plan.gallery)), ...(manifest.title ? { title: manifest.title } : {}) }) });
  }

  // node:crypto only when files are compared; required, as the CLI's bundle has no import() (see cli/bundle-loader.ts)
  const { createHash } = createRequire(import.meta.url)("node:crypto") as typeof import("node:crypto");
  const files: FileReport[] = [];
  const stale: StaleFile[] = [];
  for (const file of made) {
    const data = typeof file.data === "string" ? Buffer.from(file.data, "utf8") : file.data;
    let onDisk: Uint8Array | undefined;
    try {
      onDisk = await readFile(resolve(manifest.dir, file.path));
    } catch {
      onDisk = undefined;
    }
    const status: FileStatus =
      onDisk === undefined ? (plan.check ? "missing" : "written")
      : (await sameFile(file.path, data, onDisk, plan.compare, plan.tolerance)) ? "unchanged"
      : plan.check ? "stale" : "written";
    files.push({ path: file.path, bytes: data.byteLength, sha256: createHash("sha256").update(data).digest("hex"), status });
    if (plan.keepStale && (status === "stale" || status === "missing")) stale.push({ path: file.path, status, actual: data, ...(onDisk ? { expected: onDisk } : {}) });
  }

  if (!plan.check) {
    const toWrite = made.filter((_, i) => files[i]!.status === "written");
    for (const dir of new Set(toWrite.map((f) => dirname(resolve(manifest.dir, f.path))))) await prepareDir(dir, "out");
    const set = new AtomicFileSet();
    try {
      for (const f of toWrite) await set.add(resolve(manifest.dir, f.path), f.data);
      await set.commit();
    } catch (err) {
      await set.abort();
      throw err;
    }
  }
  return { figures: chosen.length + loadFailures, files, failures, gates, stale };
}

/** The exit code of a failed figure's error: its own, or 70 for a bug. */
export function failureExitCode(error: unknown): number {
  return error instanceof ActvizError ? error.exitCode : 70;
}
