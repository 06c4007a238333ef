import { join } from "node:path";
import { Command } from "commander";
import { CheckFailedError, UsageError } from "../errors.js";
import type { MergeOptions } from "../options/merge.js";
import type { CliIO } from "./cli-io.js";
import { checkFont, checkStdoutTarget } from "./emit.js";
import { parseFlags } from "./parse-flags.js";
import { addStyleOptions } from "./style-options.js";

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

const EXAMPLES = `
Examples:
  $ actviz neurons shard-0.npy --partial part-0.json     on each machine, one part per shard
  $ actviz merge parts/*.json --stats report.json        one report, as one pass over every shard would give
  $ actviz merge parts/*.json --plot summary --out figs --fail-on-dead 10

Parts must agree on the neurons (count, names), the layer and the options that change statistics
(--activation, --inactive-threshold, --saturation-eps, --channel-axis/--reduce); the first part
that differs is named (exit 2), as is a part given twice (the same source, samples and
statistics: its samples would count twice). Counts, mean, std, min, max, dead and the fractions are exact
(one pass over all samples gives the same to 1e-9); quantiles come from DDSketch sketches, within
1 % (relative), and the report says so in its "quantiles" key.`;

/** `actviz merge`: parts written by `neurons --partial` in, the report and summary of all their samples out. */
export function mergeCommand(io: CliIO): Command {
  const cmd = new Command("merge")
    .description("merge the partial reports of shards (actviz neurons --partial) into one report and summary")
    .argument("<part...>", "part files written by actviz neurons --partial")
    .option("--stats <file>", "write the per-neuron JSON report to FILE, or - for stdout")
    .option("--plot <kinds>", "summary (boxes from the merged statistics), or none (default: none)", collect)
    .option("--fail-on-dead <pct>", "exit 1, after writing everything, when more than PCT% of neurons are dead")
    .option("--format <list>", "png, svg, pdf; comma-separated (default: png)", collect);
  return addStyleOptions(cmd, {
    out: "output directory for the summary, created if missing; '-' writes it to stdout (default: .)",
    title: "the summary's title (default: Activation distribution per neuron)",
    xLabel: "x axis title (default: Neuron)",
    yLabel: "y axis title (default: Activation)",
    font: "a TTF/OTF font file for all text (default: bundled Noto Sans SC)",
    quiet: "print neither the paths written nor the summary",
  })
    .addHelpText("after", EXAMPLES)
    .action(async (parts: string[], flags: Record<string, unknown>) => {
      if (parts.filter((p) => p === "-").length > 1) throw new UsageError("PART: '-' given twice (expected stdin for one part at most)");
      const { mergeOptionsSchema } = await import("../options/merge.js");
      await runMerge(parseFlags(mergeOptionsSchema, { ...flags, parts }), io);
    });
}

async function runMerge(o: MergeOptions, io: CliIO): Promise<void> {
  const [{ readBytes }, { readPart }, merge, { humanSummary }] = await Promise.all([
    import("../io/read-bytes.js"),
    import("../jobs/partial/read-part.js"),
    import("../jobs/partial/merge-parts.js"),
    import("../jobs/neurons-report.js"),
  ]);
  const charts = o.plot.length * o.format.length;
  if (o.out === "-" && charts > 0) checkStdoutTarget(charts, "output", o.format.some((f) => f !== "svg"), io);
  if (charts > 0) await checkFont(o.font);
  // every part is read, checked and folded in (one in memory at a time) before anything is written
  let merged: ReturnType<typeof merge.mergePart> | undefined;
  for (const path of o.parts) {
    const file = path === "-" ? "<stdin>" : path;
    merged = merge.mergePart(merged, { file, part: readPart(await readBytes(path, io.stdin), file) });
  }
  const report = merge.mergedReport(merged!);

  const files: { path: string; data: Uint8Array | string }[] = [];
  const stdout: (Uint8Array | string)[] = [];
  const put = (path: string, data: Uint8Array | string) => (path === "-" ? stdout.push(data) : files.push({ path, data }));
  // write-atomic (and node:fs/promises with it) loads when files are written, not at start-up
  const { prepareDir, writeAllAtomic } = await import("../output/write-atomic.js");
  if (charts > 0 && o.out !== "-") await prepareDir(o.out);
  if (charts > 0) {
    const { mergedSummarySpec } = await import("../jobs/partial/merged-summary.js");
    const chart = mergedSummarySpec(merged!, o, merged!.parts === 1 ? merged!.firstFile : `${merged!.firstFile} and ${merged!.parts - 1} more`);
    const { createRenderer } = await import("../render/engine/render-queue.js");
    const renderer = await createRenderer();
    try {
      for (const format of o.format) {
        const data = await renderer.render({ chart, target: { format, width: o.width, height: o.height, scale: o.scale }, ...(o.font ? { font: o.font } : {}) });
        put(o.out === "-" ? "-" : join(o.out, `summary.${format}`), data);
      }
    } finally {
      await renderer.close();
    }
  }
  if (o.stats !== undefined) put(o.stats, JSON.stringify(report, null, 2) + "\n");
  // all files or none
  await writeAllAtomic(files);

  for (const chunk of stdout) io.stdout.write(chunk);
  if (!o.quiet) {
    if (stdout.length === 0) io.stdout.write(files.map((f) => f.path + "\n").join(""));
    io.stderr.write(humanSummary(report));
  }
  if (o.failOnDead !== undefined && 100 * report.dead_fraction > o.failOnDead) {
    const pct = (100 * report.dead_fraction).toFixed(1);
    throw new CheckFailedError(`${report.dead} of ${report.neurons} neurons dead (${pct}%), above --fail-on-dead ${o.failOnDead} (expected at most ${o.failOnDead}%)`, "E_DEAD");
  }
}
