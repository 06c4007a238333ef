import { Command, CommanderError } from "commander";
import type { OutputConfiguration } from "commander";
import { createRequire } from "node:module";
import type { CliIO } from "./cli-io.js";
import { processIO } from "./cli-io.js";
import { curveCommand } from "./curve-command.js";
import { layersCommand } from "./layers-command.js";
import { listCommand } from "./list-command.js";
import { mergeCommand } from "./merge-command.js";
import { neuronsCommand } from "./neurons-command.js";
import { renderCommand, schemaCommand } from "./render-command.js";
import { formatError } from "./report-error.js";
import { runCleanupsSync } from "../output/signal-cleanup.js";

// for a test's entry script only (test/cli/support/hooked-bin.mjs): the bundle's own instance
export { testSeams } from "../test-seams.js";

const { version } = createRequire(import.meta.url)("../../package.json") as { version: string };

const EXAMPLES = `
Examples:
  $ actviz curve --fn relu --range -10,10
  $ actviz curve --fn sigmoid,tanh --derivative --saturation --format png,svg
  $ actviz neurons acts.npy --plot line,hist,heatmap,summary --stats report.json
  $ actviz neurons --weights model.safetensors --input x.npy --activation relu --plot heatmap
  $ actviz neurons shard-0.npy --partial part-0.json
  $ actviz merge parts/*.json --stats report.json --plot summary --fail-on-dead 10
  $ actviz list
  $ actviz layers model.safetensors
  $ actviz render docs/actviz.config.json --check

Exit codes: 0 success, 1 a check failed (--fail-on-dead, render --check), 2 bad usage or bad input, 70 internal error.
Run 'actviz <command> --help' for a command's flags.`;

/**
 * For the bin: on Ctrl-C (SIGINT) or SIGTERM, removes the temporary files of the charts drawn
 * so far, so an interrupted run leaves nothing behind, and exits as the signal would (130, 143).
 * Not part of main: tests run main in-process, where the process's signals are not ours.
 */
export function cleanUpOnSignals(): void {
  for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
    process.once(signal, () => {
      runCleanupsSync();
      // a progress bar hides the terminal's cursor until it stops: show it again
      if (process.stderr.isTTY) process.stderr.write("\x1b[?25h\n");
      process.exit(code);
    });
  }
}

/**
 * The whole CLI as a function: argv in (without node and script), exit code out. Nothing here
 * calls process.exit, so output is never cut short, and tests call it in-process.
 */
export async function main(argv: readonly string[], io: CliIO = processIO): Promise<number> {
  const debug = argv.includes("--debug");
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit 0; help shown for a missing command, and every parse error, exit 2
      return err.code === "commander.helpDisplayed" || err.code === "commander.version" ? 0 : 2;
    }
    const { line, exitCode } = formatError(err, debug);
    io.stderr.write(line + "\n");
    // a SIGINT or SIGTERM that came while a chart spun until its budget ran out is only queued:
    // turn the event loop once more so its handler runs (clean-up, exit 130/143) before we return
    if ((err as { code?: unknown }).code === "E_CHART_TIMEOUT") await new Promise((resolve) => setTimeout(resolve, 50));
    return exitCode;
  }
}

/** The names of the CLI's commands, in the order its help lists them (for the build's help texts). */
export function commandNames(): string[] {
  return buildProgram(processIO).commands.map((cmd) => cmd.name());
}

/** The commander program of the CLI, writing to `io`, with exits turned into exceptions. */
function buildProgram(io: CliIO): Command {
  const defaultOutput = new Command().configureOutput();
  const program = new Command("actviz")
    .description("Charts of neural-network activation functions and neuron activations.")
    .version(version, "-V, --version")
    .option("--debug", "show stack traces on errors")
    .addHelpText("after", EXAMPLES)
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => (io.writeText ? io.writeText(s) : io.stdout.write(s)),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) => write(`actviz: ${s.replace(/^error: /, "").trimEnd()}\n`),
      // commander asks process.stdout (setting it up) for the help's width and colours: into no
      // terminal, the answers are its own for a non-terminal (no width; our help has no colour
      // codes to strip), without asking
      ...(io.stdoutIsNoTerminal ? noTerminalOutput(io.stdoutIsNoTerminal, defaultOutput) : {}),
    });
  program.addCommand(curveCommand(io));
  program.addCommand(neuronsCommand(io));
  program.addCommand(mergeCommand(io));
  program.addCommand(listCommand(io));
  program.addCommand(layersCommand(io));
  program.addCommand(renderCommand(io));
  program.addCommand(schemaCommand(io));
  for (const cmd of program.commands) {
    cmd.option("--debug", "show stack traces on errors");
    cmd.configureOutput(program.configureOutput()).showSuggestionAfterError(true);
  }
  program.exitOverride();
  for (const cmd of program.commands) cmd.exitOverride();
  return program;
}

/** Commander's stdout width and colour questions answered without process.stdout when it is no terminal. */
function noTerminalOutput(noTerminal: () => boolean, defaults: OutputConfiguration): OutputConfiguration {
  return {
    getOutHelpWidth: () => (noTerminal() ? undefined : defaults.getOutHelpWidth?.()),
    getOutHasColors: () => (noTerminal() ? false : defaults.getOutHasColors?.()),
  } as OutputConfiguration;
}
