import { type Command, Option } from "commander";

/** What the shared flags say that differs by command: the defaults of the titles, what --quiet silences. */
export interface StyleHelp {
  out: string;
  title: string;
  xLabel: string;
  yLabel: string;
  quiet: string;
  font: string;
}

/**
 * The flags every image-making command shares (the options schema's styleFields and
 * outputFields): declared once, in one order, each command saying only its own defaults.
 */
export function addStyleOptions(cmd: Command, help: StyleHelp): Command {
  return cmd
    .option("-o, --out <dir>", help.out)
    .option("--width <px>", "chart width in CSS pixels (default: 800)")
    .option("--height <px>", "chart height in CSS pixels (default: 500)")
    .option("--scale <ratio>", "pixel ratio for hi-dpi PNG, e.g. 2 (default: 1)")
    .option("--title <text>", help.title)
    .option("--x-label <text>", help.xLabel)
    .option("--y-label <text>", help.yLabel)
    .addOption(new Option("--lang <lang>", "language of the default labels (default: en)").choices(["en", "zh"]))
    .addOption(new Option("--theme <theme>", "colours (default: light)").choices(["light", "dark"]))
    .option("--font <file>", help.font)
    .option("-q, --quiet", help.quiet);
}
