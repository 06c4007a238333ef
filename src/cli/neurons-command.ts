import { Command, Option } from "commander";
import { CheckFailedError, UsageError } from "../errors.js";
import type { NeuronsOptions } from "../options/neurons.js";
import { AtomicFileSet, prepareDir } from "../output/write-atomic.js";
import type { CliIO } from "./cli-io.js";
import { checkFont } from "./emit.js";
import { progressBar } from "./progress.js";
import { parseFlags } from "./report-error.js";

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

const EXAMPLES = `
Examples:
  $ actviz neurons acts.npy                          one line chart per neuron: neuron-000.png ...
  $ python dump.py | actviz neurons - --plot heatmap
  $ actviz neurons acts.npz --key fc1 --plot line,hist,heatmap,summary --out figs
  $ actviz neurons acts.npy --top 16 --by variance --grid 4x4
  $ actviz neurons acts.npy --activation relu --stats report.json --fail-on-dead 10
  $ actviz neurons feats.npy --channel-axis 1 --reduce mean --plot summary
  $ actviz neurons acts.csv --neurons 0-15,42 --samples 0:500 --export picked.npy

Input: .npy, .npz (--key), .safetensors (--key), JSON (array of rows, or --key member),
CSV/TSV (rows are samples; an optional header names the neurons). Shape [samples, neurons];
1-D is one neuron; higher rank uses --channel-axis and --reduce.`;

/** `actviz neurons`: activation files in, a chart per neuron out, dead and saturated units found. */
export function neuronsCommand(io: CliIO): Command {
  return new Command("neurons")
    .description("plot neuron activations from a file: one chart per neuron, histograms, a heatmap, a report")
    .argument("[file]", "activations file, or - for stdin (default: stdin when piped)")
    .addOption(new Option("--input-format <fmt>", "skip sniffing: npy, npz, safetensors, json, csv, tsv").choices(["npy", "npz", "safetensors", "json", "csv", "tsv"]))
    .option("--key <name>", "array (npz), tensor (safetensors) or member (JSON object) to read")
    .option("--channel-axis <n>", "for rank >= 3 (e.g. [N, C, H, W]): the channel axis (default: 1)")
    .addOption(new Option("--reduce <how>", "for rank >= 3: mean or max over the other axes, or flatten them into samples (default: mean)").choices(["mean", "max", "flatten"]))
    .option("--plot <kinds>", "line, hist, heatmap, summary, comma-separated; none for statistics only (default: line)", collect)
    .option("--bins <n>", "histogram bins (default: 30)")
    .option("--grid <RxC>", "small multiples: the selected neurons in R x C panels per image")
    .option("--neurons <list>", "neurons to plot, 0-based: 0-15,42")
    .option("--top <k>", "plot the k neurons ranked highest by --by")
    .addOption(new Option("--by <key>", "ranking for --top (default: variance)").choices(["variance", "mean", "max", "inactive"]))
    .option("--samples <A:B>", "samples A (inclusive) to B (exclusive), Python slice style: 0:1000, -500:")
    .option("--stats <file>", "write the per-neuron JSON report to FILE, or - for stdout")
    .option("--activation <name>", "the layer's activation (sigmoid, tanh, ...): enables saturated_fraction")
    .option("--inactive-threshold <x>", "a value <= x is inactive (default: 0)")
    .option("--saturation-eps <eps>", "within eps of a bound is saturated (default: 0.01)")
    .option("--fail-on-dead <pct>", "exit 1, after writing everything, when more than PCT% of neurons are dead")
    .option("--export <file>", "write the selected activation matrix to FILE (.npy, .csv, .json) or - for stdout")
    .addOption(new Option("--export-format <fmt>", "format of --export (default: by extension)").choices(["npy", "csv", "json"]))
    .option("--format <list>", "png, svg, pdf; comma-separated (default: png)", collect)
    .option("-o, --out <dir>", "output directory for charts, created if missing (default: .)")
    .option("--width <px>", "chart width in CSS pixels (default: 800)")
    .option("--height <px>", "chart height in CSS pixels (default: 500)")
    .option("--scale <ratio>", "pixel ratio for hi-dpi PNG (default: 1)")
    .option("--title <text>", "title (prefix of per-neuron titles)")
    .addOption(new Option("--lang <lang>", "language of the labels (default: en)").choices(["en", "zh"]))
    .addOption(new Option("--theme <theme>", "colours (default: light)").choices(["light", "dark"]))
    .option("--font <file>", "a TTF/OTF font file for all text")
    .option("-q, --quiet", "print neither the paths written nor the summary")
    .addHelpText("after", EXAMPLES)
    .action(async (file: string | undefined, flags: Record<string, unknown>) => {
      const input = file ?? (io.stdin.isTTY ? undefined : "-");
      if (input === undefined) throw new UsageError("no input (expected a FILE argument, or - / a pipe for stdin, e.g. actviz neurons acts.npy)");
      const options = await parseNeuronsFlags({ ...flags, input });
      await runNeurons(options, io);
    });
}

export async function parseNeuronsFlags(flags: Record<string, unknown>): Promise<NeuronsOptions> {
  const { neuronsOptionsSchema } = await import("../options/neurons.js");
  return parseFlags(neuronsOptionsSchema, flags);
}

async function runNeurons(o: NeuronsOptions, io: CliIO): Promise<void> {
  const [{ readBytes }, job, report, { neuronsOutputs }] = await Promise.all([
    import("../io/read-bytes.js"),
    import("../jobs/neurons-job.js"),
    import("../jobs/neurons-report.js"),
    import("../jobs/neurons-outputs.js"),
  ]);
  const bytes = await readBytes(o.input, io.stdin);
  const data = job.loadNeurons(bytes, o);
  const count = await job.chartCount(data, o);
  if (count > 0) await checkFont(o.font);
  if (o.out !== "-") {
    if (count > 0) await prepareDir(o.out);
  } else if (count !== 1 || o.stats === "-" || o.export === "-") {
    throw new UsageError(`--out -: this run makes ${count} charts (expected exactly one chart, and no other output on stdout)`, "E_STDOUT_MANY");
  }
  if (o.out === "-" && o.format.some((f) => f !== "svg") && io.stdout.isTTY) {
    throw new UsageError("--out -: refusing to write binary image data to a terminal (expected a redirect or a pipe)", "E_STDOUT_TTY");
  }

  // Charts go to temporary files as they are drawn (memory stays flat); everything is renamed
  // into place at the end, or removed when anything fails: all files or none.
  const set = new AtomicFileSet();
  const written: string[] = [];
  const stdout: (Uint8Array | string)[] = [];
  const bar = await progressBar(io, count, "charts");
  let stats: Awaited<ReturnType<typeof neuronsOutputs>>;
  try {
    stats = await neuronsOutputs(data, o, {
      onProgress: (done) => bar.update(done),
      emit: async (path, body) => {
        if (path === "-") stdout.push(body);
        else {
          await set.add(path, body);
          written.push(path);
        }
      },
    });
    bar.stop();
    await set.commit();
  } catch (err) {
    bar.stop();
    await set.abort();
    throw err;
  }

  for (const chunk of stdout) io.stdout.write(chunk);
  if (!o.quiet) {
    if (o.out !== "-" && o.stats !== "-" && o.export !== "-") io.stdout.write(written.map((p) => p + "\n").join(""));
    io.stderr.write(report.humanSummary(stats));
  }
  // the CI gate fails after everything is written
  if (o.failOnDead !== undefined && 100 * stats.dead_fraction > o.failOnDead) {
    throw new CheckFailedError(
      `${stats.dead} of ${stats.neurons} neurons dead (${(100 * stats.dead_fraction).toFixed(1)}%), above --fail-on-dead ${o.failOnDead} (expected at most ${o.failOnDead}%)`,
      "E_DEAD",
    );
  }
}
