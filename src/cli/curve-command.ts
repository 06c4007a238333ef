import { Command, Option } from "commander";
import type { CurveOptions } from "../options/curve.js";
import { UsageError } from "../errors.js";
import type { CliIO } from "./cli-io.js";
import { parseFlags } from "./parse-flags.js";
import { addStyleOptions } from "./style-options.js";
import { checkFont, emitOutputs } from "./emit.js";

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

const EXAMPLES = `
Examples:
  $ actviz curve --fn relu --range -10,10           relu.png in the current directory
  $ actviz curve --fn sigmoid,tanh --derivative --saturation --out figs
  $ actviz curve --fn elu --param alpha=0.5,1,2     one chart, one curve per alpha
  $ actviz curve --fn all --grid 5x8 --range -5,5 --width 1600 --height 1000
  $ actviz curve --fn all --overlay --range -5,5    every function in overlay.png
  $ actviz curve --fn gelu --format svg,csv,json    the figure and the numbers behind it
  $ actviz curve --fn sigmoid --lang zh             "Sigmoid函数", "输入值", "输出值"
  $ actviz curve --fn tanh --format svg --out - > tanh.svg

Files are named <fn>.<ext>; parameters you set are appended as _NAME=VALUE
(sweeps join values with commas: elu_alpha=0.5,1,2.png). See 'actviz list' for names.`;

/** `actviz curve`: flags in, the shared options schema, then the pure job. */
export function curveCommand(io: CliIO): Command {
  const cmd = new Command("curve")
    .description("plot activation functions, their derivatives and saturation zones")
    .option("--fn <names>", "function name(s), comma-separated or repeated; 'all' for the catalogue", collect)
    .option("--range <min,max>", "x range (default: -10,10)")
    .option("--samples <n>", "evenly spaced samples, both ends included (default: 1001)")
    .option("--param <name=values>", "a parameter; NAME=V1,V2,V3 sweeps it (repeatable)", collect)
    .option("--derivative", "also draw f′ as a dashed series")
    .option("--saturation [eps]", "shade where |f′(x)| < eps (default eps: 0.05)")
    .option("--overlay", "all functions in one chart (overlay.<ext>)")
    .option("--grid <RxC>", "small multiples: one panel per function in R x C panels per image (grid.<ext>), sharing their axes")
    .option("--format <list>", "png, svg, pdf, csv, json; comma-separated (default: png)", collect);
  return addStyleOptions(cmd, {
    out: "output directory, created if missing; '-' writes the one output to stdout (default: .)",
    title: "chart title (default: the function's name)",
    xLabel: "x axis title (default: Input / 输入值)",
    yLabel: "y axis title (default: Output / 输出值)",
    font: "a TTF/OTF font file for all text (default: bundled Noto Sans SC)",
    quiet: "do not print the paths written",
  })
    .addHelpText("after", EXAMPLES)
    .action(async (flags: Record<string, unknown>) => {
      const options = await parseCurveFlags(flags);
      await runCurve(options, io);
    });
}

/**
 * Commander's flags -> the one options type, through the one schema. The schema (zod and the
 * catalogue) is loaded here, not at start-up, so `--help` and `list` stay fast.
 */
export async function parseCurveFlags(flags: Record<string, unknown>): Promise<CurveOptions> {
  if (flags.fn === undefined) throw new UsageError("--fn: no function given (expected --fn NAME, e.g. --fn relu; see 'actviz list')");
  const { curveOptionsSchema } = await import("../options/curve.js");
  return parseFlags(curveOptionsSchema, flags);
}

async function runCurve(options: CurveOptions, io: CliIO): Promise<void> {
  const binary = options.format.some((f) => f === "png" || f === "pdf");
  if (options.format.some((f) => f === "png" || f === "svg" || f === "pdf")) await checkFont(options.font);
  const { curveJob, curveFileNames } = await import("../jobs/curve/curve-job.js");
  const count = curveFileNames(options).length;
  await emitOutputs({ out: options.out, quiet: options.quiet, count, binary }, () => curveJob(options), io);
}
