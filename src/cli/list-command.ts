import { Command } from "commander";
import type { CliIO } from "./cli-io.js";

/** `actviz list [--json]`: the catalogue, without loading any chart code. */
export function listCommand(io: CliIO): Command {
  return new Command("list")
    .description("list the activation functions: names, aliases, parameters, formula, output range")
    .option("--json", "machine-readable JSON")
    .addHelpText("after", "\nExamples:\n  $ actviz list\n  $ actviz list --json | jq '.[].name'")
    .action(async (flags: { json?: boolean }) => {
      const { catalogueJson, catalogueTable } = await import("./catalogue-text.js");
      io.stdout.write(flags.json ? catalogueJson() : catalogueTable());
    });
}

