import { Command, Option } from "commander";
import { UsageError } from "../errors.js";
import type { NeuronsOptions } from "../options/neurons.js";
import type { CliIO } from "./cli-io.js";
import { checkFont, checkStdoutTarget } from "./emit.js";
import { progressAfter, progressBar } from "./progress.js";
import { parseFlags } from "./parse-flags.js";
import { addStyleOptions } from "./style-options.js";
import { neuronsGates } from "../jobs/neurons-gates.js";

/** A forward pass gets a progress bar once it has taken this long (ms). */
const PASS_BAR_AFTER_MS = 1000;

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

const EXAMPLES = `
Examples:
  $ actviz neurons acts.npy                          one line chart per neuron: neuron-000.png ...
  $ python dump.py | actviz neurons - --plot heatmap
  $ actviz neurons acts.npz --key fc1 --plot line,hist,heatmap,summary --out figs
  $ actviz neurons acts.npy --top 16 --by variance --grid 4x4
  $ actviz neurons acts.npy --activation relu --stats report.json --fail-on-dead 10
  $ actviz neurons shard-3.npy --activation relu --partial part-3.json   then: actviz merge part-*.json
  $ actviz neurons feats.npy --channel-axis 1 --reduce mean --plot summary
  $ actviz neurons acts.csv --neurons 0-15,42 --samples 0:500 --export picked.npy
  $ actviz neurons --weights mlp.safetensors --input x.npy --activation relu --layer 1
  $ actviz neurons acts.npy --labels y.npy --plot heatmap,class-heatmap --top 8 --by selectivity
  $ actviz neurons --weights final.safetensors --baseline-weights early.safetensors --input x.npy --activation relu --fail-on-new-dead 0
  $ actviz neurons --weights mlp.json --input - --layer all --plot heatmap --out layers
  $ actviz neurons --weights model.keras --input x.npy --layer output --softmax
  $ actviz neurons --weights cnn.onnx --input x.npy --layer /conv1/Conv_output_0 --plot summary

Input: .npy, .npz (--key), .safetensors (--key), .pt/.pth (--key, a dotted name), HDF5 (--key
layer1/relu), JSON (array of rows, or --key member), CSV/TSV (rows are samples; an optional
header names the neurons), whitespace-separated text (np.savetxt). Shape [samples, neurons];
1-D is one neuron; higher rank uses --channel-axis and --reduce.
With --weights the activations are computed: y = act(x W^T + b) layer by layer; --activation
names the hidden layers' function (relu), or one per layer (relu,tanh,none).
With --weights model.onnx, ONNX Runtime (npm install onnxruntime-node@1.31.1) computes any
tensor of the graph: --layer NAME, N (the N-th activation op's output), output or all.`;

/** `actviz neurons`: activation files in, a chart per neuron out, dead and saturated units found. */
export function neuronsCommand(io: CliIO): Command {
  const cmd = new Command("neurons")
    .description("plot neuron activations from a file: one chart per neuron, histograms, a heatmap, a report")
    .argument("[file]", "activations file, or - for stdin (default: stdin when piped)")
    .addOption(new Option("--input-format <fmt>", "skip sniffing: npy, npz, safetensors, pt, h5, json, csv, tsv, txt").choices(["npy", "npz", "safetensors", "pt", "h5", "json", "csv", "tsv", "txt"]))
    .option("--key <name>", "array (npz), tensor (safetensors, .pt by dotted name), dataset path (HDF5: layer1/relu) or member (JSON object) to read")
    .option("--channel-axis <n>", "for rank >= 3 (e.g. [N, C, H, W]): the channel axis (default: 1)")
    .addOption(new Option("--reduce <how>", "for rank >= 3: mean or max over the other axes, or flatten them into samples (default: mean)").choices(["mean", "max", "flatten"]))
    .option("--plot <kinds>", "line, hist, heatmap, summary, maps (feature maps of rank-4 data), classes, class-heatmap (with --labels), comma-separated; none for statistics only (default: line)", collect)
    .option("--bins <n>", "histogram bins: a count, or auto (NumPy's rule: the larger of Sturges' and Freedman-Diaconis') (default: 30)")
    .addOption(new Option("--aggregate <how>", "heatmap with more samples or neurons than pixels: each pixel the mean, or the max (a lone spike stays visible) of its cells (default: mean)").choices(["mean", "max"]))
    .addOption(new Option("--y-scale <scale>", "histogram count axis: linear, or log (ReLU's zero bin no longer dwarfs the rest) (default: linear)").choices(["linear", "log"]))
    .option("--grid <RxC>", "small multiples: the selected neurons in R x C panels per image")
    .option("--neurons <list>", "neurons to plot, 0-based: 0-15,42")
    .option("--top <k>", "plot the k neurons ranked highest by --by")
    .addOption(new Option("--by <key>", "ranking for --top (default: variance; selectivity needs --labels)").choices(["variance", "mean", "max", "inactive", "selectivity"]))
    .option("--samples <A:B>", "samples A (inclusive) to B (exclusive), Python slice style: 0:1000, -500:")
    .option("--labels <file>", "one class label per input sample (.npy of integers, text or CSV with one per line, a JSON array), or - for stdin")
    .option("--class-names <names>", "names of the integer labels 0..K-1: zero,one,two")
    .option("--baseline <file>", "the same samples and neurons from another checkpoint or run: what changed (dead, revived, means)")
    .option("--baseline-weights <file>", "with --weights: another checkpoint of the same model; the same --input goes through both")
    .option("--names <current,baseline>", "with a baseline: how charts and the summary name the two (default: the file stems)")
    .option("--fail-on-new-dead <n>", "with a baseline: exit 1, after writing everything, when more than N neurons are newly dead")
    .option("--stats <file>", "write the per-neuron JSON report to FILE, or - for stdout")
    .option("--partial <file>", "write this shard's mergeable statistics (a part for actviz merge) to FILE, or - for stdout; charts default to none")
    .option("--activation <name>", "the layer's activation (sigmoid, tanh, ...): enables saturated_fraction; with --weights, the hidden layers' function or one per layer (relu,tanh,none)")
    .option("--inactive-threshold <x>", "a value <= x is inactive (default: 0)")
    .option("--saturation-eps <eps>", "within eps of a bound is saturated (default: 0.01)")
    .option("--fail-on-dead <pct>", "exit 1, after writing everything, when more than PCT% of neurons are dead")
    .option("--export <file>", "write the selected activation matrix to FILE (.npy, .csv, .json) or - for stdout")
    .addOption(new Option("--export-format <fmt>", "format of --export (default: by extension)").choices(["npy", "csv", "json"]))
    .option("--format <list>", "png, svg, pdf; comma-separated (default: png)", collect)
    .option("--weights <path>", "compute the activations: a dense MLP's weights (.safetensors, .pt/.pth, .npz, Keras .h5/.keras, a folder of .npy, JSON), or an ONNX model (.onnx)")
    .option("--input <file>", "with --weights: the model's input [samples, features] (images flattened), or - for stdin")
    .option("--layer <which>", "with --weights: N (1 = first hidden layer; ONNX: the N-th activation op's output), a layer or ONNX tensor name, output, or all (layer-<n>/ folders) (default: 1)")
    .option("--layers <names>", "with --weights: the layer order, e.g. fc1,fc2,fc3 (default: natural sort of the tensor names)")
    .addOption(new Option("--dtype <dtype>", "with --weights: f64, or f32 to round everything to float32 like a float32 framework (default: f64)").choices(["f64", "f32"]))
    .option("--no-bias", "with --weights: the model has no bias tensors")
    .addOption(new Option("--weight-layout <layout>", "with --weights: out-in (PyTorch [out, in]) or in-out (Keras [in, out]) (default: out-in)").choices(["out-in", "in-out"]))
    .option("--softmax", "with --weights --layer output: probabilities instead of logits")
    .option("--threads <n>", "with --weights: 1, 2 (a helper thread takes every other block of rows) or auto: 2 while it pays, measured as the pass runs (default: auto)");
  return addStyleOptions(cmd, {
    out: "output directory for charts, created if missing; '-' writes a single chart to stdout (default: .)",
    title: "title (prefix of per-neuron titles; default: the file, or the computed layer)",
    xLabel: "x axis title of every chart (default: what the chart shows: Sample, Activation, Neuron...)",
    yLabel: "y axis title of every chart (default: what the chart shows: Activation, Count, Neuron...)",
    font: "a TTF/OTF font file for all text (default: bundled Noto Sans SC)",
    quiet: "print neither the paths written nor the summary",
  })
    .addHelpText("after", EXAMPLES)
    .action(async (file: string | undefined, flags: Record<string, unknown>) => {
      if (file !== undefined && flags.input !== undefined) {
        throw new UsageError(`'${file}' and --input ${String(flags.input)} both name the input (expected one of them)`);
      }
      if (flags.weights !== undefined && flags.input === undefined && file === undefined && io.stdin.isTTY) {
        throw new UsageError("--weights: no input (expected --input FILE, or --input - / a pipe for stdin)");
      }
      const input = (flags.input as string | undefined) ?? file ?? (io.stdin.isTTY ? undefined : "-");
      if (input === undefined) throw new UsageError("no input (expected a FILE argument, or - / a pipe for stdin, e.g. actviz neurons acts.npy)");
      // commander sets bias: true unless --no-bias; only --no-bias is an option given
      const { bias, ...rest } = flags;
      // a part is for merging: no charts unless asked for
      if (rest.partial !== undefined && rest.plot === undefined) rest.plot = ["none"];
      const options = await parseNeuronsFlags({ ...rest, ...(bias === false ? { bias: false } : {}), input });
      await runNeurons(options, io);
    });
}

export async function parseNeuronsFlags(flags: Record<string, unknown>): Promise<NeuronsOptions> {
  const { neuronsOptionsSchema } = await import("../options/neurons.js");
  return parseFlags(neuronsOptionsSchema, flags);
}

async function runNeurons(o: NeuronsOptions, io: CliIO): Promise<void> {
  const [{ readBytes }, job, report, { neuronsOutputs }, { neuronsRuns }] = await Promise.all([
    import("../io/read-bytes.js"),
    import("../jobs/neurons-job.js"),
    import("../jobs/neurons-report.js"),
    import("../jobs/neurons-outputs.js"),
    import("../jobs/neurons-runs.js"),
  ]);
  const { fileSource } = await import("../io/byte-source.js");
  // a big .npy or .safetensors is read in blocks (bounded memory) when the options allow
  const runs = await neuronsRuns(o, (path) => readBytes(path, io.stdin), o.weights, undefined, o.baselineWeights, { open: fileSource });
  if (o.out === "-") {
    const data = await runs[0]!.load();
    // everything bound for stdout: the charts (of every layer), the report, the export
    const charts = (await job.chartCount(data, o)) * runs.length;
    checkStdoutTarget(charts + (o.stats === "-" ? 1 : 0) + (o.export === "-" ? 1 : 0) + (o.partial === "-" ? 1 : 0), "output", o.format.some((f) => f !== "svg"), io);
    runs[0] = { load: async () => data, options: o };
  }

  // Charts go to temporary files as they are drawn (memory stays flat); everything is renamed
  // into place at the end, or removed when anything fails: all files or none. With --layer all,
  // one layer's activations are in memory at a time.
  // write-atomic (and node:fs/promises with it) loads when files are written, not at start-up
  const { AtomicFileSet, prepareDir } = await import("../output/write-atomic.js");
  const set = new AtomicFileSet();
  const written: string[] = [];
  const stdout: (Uint8Array | string | AsyncIterable<Uint8Array | string>)[] = [];
  const summaries: string[] = [];
  const gates = neuronsGates(o);
  try {
    for (const run of runs) {
      const pass = progressAfter(io, PASS_BAR_AFTER_MS, run.progress ?? "forward pass");
      let data: Awaited<ReturnType<typeof run.load>>;
      try {
        data = await run.load((done, rows) => pass.update(done, rows));
      } finally {
        pass.stop();
      }
      const ro = run.options;
      const count = await job.chartCount(data, ro);
      if (count > 0) await checkFont(ro.font);
      if (ro.out !== "-" && count > 0) await prepareDir(ro.out);
      const bar = await progressBar(io, count, "charts");
      let stats: Awaited<ReturnType<typeof neuronsOutputs>>;
      try {
        stats = await neuronsOutputs(data, ro, {
          onProgress: (done) => bar.update(done),
          emit: async (path, body) => {
            if (path === "-") stdout.push(body);
            else {
              await set.add(path, body);
              written.push(path);
            }
          },
          // a streamed --export: written as its blocks are read again (to stdout: after the rest, as it comes)
          emitChunks: async (path, chunks) => {
            if (path === "-") stdout.push(chunks);
            else {
              await set.add(path, chunks);
              written.push(path);
            }
          },
        });
      } finally {
        bar.stop();
      }
      summaries.push(report.humanSummary(stats));
      gates.add(stats);
    }
    await set.commit();
  } catch (err) {
    await set.abort();
    throw err;
  }

  for (const chunk of stdout) {
    if (typeof chunk === "string" || chunk instanceof Uint8Array) io.stdout.write(chunk);
    else for await (const piece of chunk) await new Promise<void>((resolve, reject) => io.stdout.write(piece, (err) => (err && (err as NodeJS.ErrnoException).code !== "EPIPE" ? reject(err) : resolve())));
  }
  if (!o.quiet) {
    if (o.out !== "-" && o.stats !== "-" && o.export !== "-" && o.partial !== "-") io.stdout.write(written.map((p) => p + "\n").join(""));
    io.stderr.write(summaries.join(""));
  }
  // the CI gate fails after everything is written
  const gate = gates.error();
  if (gate) throw gate;
}
