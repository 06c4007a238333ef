import { Command, Option } from "commander";
import { dirname, join, relative, resolve, sep } from "node:path";
import { ActvizError, CheckFailedError, UsageError } from "../errors.js";
import type { CliIO } from "./cli-io.js";
import { oneLine } from "./report-error.js";
import { counted } from "../text/counted.js";

const EXAMPLES = `
Examples:
  $ actviz render                              every figure of ./actviz.config.json
  $ actviz render docs/actviz.config.json --check     exit 1 when a file is stale or missing
  $ actviz render --check --diff check-diff    and write what changed, side by side, for a CI artifact
  $ actviz render --shard 2/4 --json           the second of four slices, a JSON summary
  $ actviz render --filter 'figs/zh/**' --gallery
  $ actviz schema > actviz.schema.json         the manifest's JSON Schema, for editors

Paths in the manifest (input, weights, out, stats, export, font) are relative to its folder.
Exit codes: 0 done (or nothing stale), 1 --check found stale or missing files,
2 a bad manifest (nothing is drawn) or a figure failed.`;

/** `actviz render [FILE]`: every figure of a manifest, drawn with one renderer, written or checked. */
export function renderCommand(io: CliIO): Command {
  return new Command("render")
    .description("draw every figure of a manifest (actviz.config.json), or check that the files on disk are up to date")
    .argument("[file]", "the manifest (default: actviz.config.json)")
    .option("--check", "render in memory and compare: list stale or missing files, exit 1 if any; writes nothing")
    .addOption(new Option("--compare <how>", "what unchanged means: bytes, or pixels (PNG decoded, SVG normalised) (default: bytes)").choices(["bytes", "pixels"]))
    .option("--tolerance <fraction>", "with --compare pixels: fraction of a PNG's pixels that may differ (default: 0)")
    .option("--diff <dir>", "with --check: write each stale file as committed and as drawn now (and a diff image of PNGs) under DIR, with DIR/index.html showing them")
    .option("--json", "print a JSON summary on stdout: {files: [{path, bytes, sha256, status}], ...}")
    .option("--shard <I/N>", "only the I-th of N disjoint slices of the figures (for a CI matrix)")
    .option("--filter <glob>", "only the figures with an output matching GLOB (relative to the manifest: 'figs/**/*.svg')")
    .option("--gallery [file]", "also write an HTML page of every figure (default: gallery.html beside the manifest)")
    .option("-q, --quiet", "do not print the paths written, nor --check's line when all is up to date")
    .addHelpText("after", EXAMPLES)
    .action(async (file: string | undefined, flags: Record<string, unknown>) => {
      await runRender(file ?? "actviz.config.json", flags, io);
    });
}

/** `actviz schema`: the manifest's JSON Schema, generated from the options schemas. */
export function schemaCommand(io: CliIO): Command {
  return new Command("schema")
    .description("print the JSON Schema of an actviz.config.json manifest (for editors)")
    .action(async () => {
      const { manifestJsonSchema } = await import("../manifest/manifest-json-schema.js");
      io.stdout.write(JSON.stringify(await manifestJsonSchema(), null, 2) + "\n");
    });
}

async function runRender(file: string, flags: Record<string, unknown>, io: CliIO): Promise<void> {
  const [{ parseShard }, { loadManifest }, { renderManifest, failureExitCode }] = await Promise.all([
    import("../manifest/shard.js"),
    import("../manifest/load-manifest.js"),
    import("../manifest/render-manifest.js"),
  ]);
  const shard = flags.shard === undefined ? undefined : parseShard(String(flags.shard));
  const tolerance = flags.tolerance === undefined ? 0 : Number(flags.tolerance);
  if (!(tolerance >= 0 && tolerance <= 1) || String(flags.tolerance ?? "0").trim() === "") {
    throw new UsageError(`--tolerance: '${String(flags.tolerance)}' is not a fraction (expected a number from 0 to 1, e.g. 0.001)`);
  }
  if (flags.tolerance !== undefined && flags.compare !== "pixels") throw new UsageError("--tolerance: only applies to --compare pixels (expected --compare pixels too)");
  if (flags.diff !== undefined && flags.check !== true) throw new UsageError("--diff: only applies to --check (expected --check too)");
  if (flags.gallery !== undefined && shard && shard.count > 1) {
    throw new UsageError("--gallery: a shard holds only some figures (expected --gallery in a run without --shard)");
  }
  const manifest = await loadManifest(file);
  const gallery = flags.gallery === undefined ? undefined : flags.gallery === true ? resolve(dirname(resolve(file)), "gallery.html") : String(flags.gallery);
  const check = flags.check === true;
  const result = await renderManifest(manifest, {
    check,
    compare: flags.compare === "pixels" ? "pixels" : "bytes",
    tolerance,
    ...(shard ? { shard } : {}),
    ...(flags.filter !== undefined ? { filter: String(flags.filter) } : {}),
    ...(gallery !== undefined ? { gallery } : {}),
    keepStale: flags.diff !== undefined,
  });

  const outdated = result.files.filter((f) => f.status === "stale" || f.status === "missing");
  // printed for people: paths they can open from here (the JSON summary keeps them relative to the manifest)
  const shown = (path: string) => relative(process.cwd(), resolve(manifest.dir, path)).split(sep).join("/") || ".";
  if (flags.json === true) {
    const count = (s: string) => result.files.filter((f) => f.status === s).length;
    const summary = {
      files: result.files,
      figures: result.figures,
      written: count("written"),
      unchanged: count("unchanged"),
      stale: count("stale"),
      missing: count("missing"),
      failed: result.failures.map((f) => ({ figure: f.label, error: (f.error as Error)?.message ?? String(f.error) })),
    };
    io.stdout.write(JSON.stringify(summary, null, 2) + "\n");
  } else if (check) {
    io.stdout.write(outdated.map((f) => `${f.status}\t${shown(f.path)}\n`).join(""));
    if (outdated.length === 0 && result.failures.length === 0 && flags.quiet !== true) {
      io.stderr.write(`${counted(result.files.length, "file")} up to date (${counted(result.figures, "figure")})\n`);
    }
  } else if (flags.quiet !== true) {
    io.stdout.write(result.files.filter((f) => f.status === "written").map((f) => shown(f.path) + "\n").join(""));
  }

  if (flags.diff !== undefined && result.stale.length > 0) {
    const [{ diffReport }, { prepareDir, writeAllAtomic }] = await Promise.all([import("../manifest/diff-report.js"), import("../output/write-atomic.js")]);
    const dir = String(flags.diff);
    const report = await diffReport(result.stale);
    for (const folder of new Set(report.map((f) => dirname(join(dir, f.path))))) await prepareDir(folder, "--diff");
    await writeAllAtomic(report.map((f) => ({ path: join(dir, f.path), data: f.data })));
    io.stderr.write(`${counted(result.stale.length, "stale file")}: see ${join(dir, "index.html")}\n`);
  }
  if (result.failures.length > 0) {
    for (const f of result.failures) {
      const message = f.error instanceof ActvizError ? f.error.message : `internal error: ${(f.error as Error)?.message ?? String(f.error)}`;
      io.stderr.write(`actviz: ${f.label}: ${oneLine(message)}\n`);
    }
    const code = Math.max(...result.failures.map((f) => failureExitCode(f.error)));
    throw new ActvizError(
      `render: ${result.failures.length} of ${counted(result.figures, "figure")} failed (${check ? "the others were checked" : "the others were written"})`,
      "E_FIGURE",
      code,
    );
  }
  // the figures' CI gates (failOnDead, failOnNewDead) fail after everything is written or checked
  for (const g of result.gates) io.stderr.write(`actviz: ${g.label}: ${oneLine(g.error.message)}\n`);
  if (check && outdated.length > 0) {
    throw new CheckFailedError(
      `render --check: ${outdated.length} of ${counted(result.files.length, "file")} stale or missing (expected none; run 'actviz render ${file}' and commit the result)`,
      "E_STALE",
    );
  }
  if (result.gates.length > 0) {
    throw new CheckFailedError(`render: ${result.gates.length} of ${counted(result.figures, "figure")} above their CI gate (failOnDead, failOnNewDead)`, result.gates[0]!.error.code);
  }
}
