import { CheckFailedError } from "../errors.js";
import type { NeuronsOptions } from "../options/neurons.js";
import { counted } from "../text/counted.js";
import type { StatsReport } from "./neurons-report.js";

/**
 * The CI gates of `neurons` (`--fail-on-dead PCT`, `--fail-on-new-dead N`) over the reports of
 * one run (one per layer with `--layer all`): `add` each report, then `error()` is the one
 * CheckFailedError (exit 1) naming every report above a gate, or undefined. The command and
 * `actviz render` both raise it after everything is written.
 */
export function neuronsGates(o: Pick<NeuronsOptions, "failOnDead" | "failOnNewDead">) {
  const dead: string[] = [];
  const newDead: string[] = [];
  return {
    add(stats: StatsReport): void {
      const where = stats.layer ? `layer ${stats.layer.number} (${stats.layer.name}): ` : "";
      if (o.failOnDead !== undefined && 100 * stats.dead_fraction > o.failOnDead) {
        dead.push(`${where}${stats.dead} of ${stats.neurons} neurons dead (${(100 * stats.dead_fraction).toFixed(1)}%)`);
      }
      const newlyDead = stats.baseline?.newly_dead.length ?? 0;
      if (o.failOnNewDead !== undefined && newlyDead > o.failOnNewDead) {
        newDead.push(`${where}${counted(newlyDead, "neuron")} newly dead (${stats.baseline!.newly_dead.join(", ")}) vs ${stats.baseline!.source}`);
      }
    },
    error(): CheckFailedError | undefined {
      const gates: string[] = [];
      if (dead.length > 0) gates.push(`${dead.join("; ")}, above --fail-on-dead ${o.failOnDead} (expected at most ${o.failOnDead}%)`);
      if (newDead.length > 0) gates.push(`${newDead.join("; ")}, above --fail-on-new-dead ${o.failOnNewDead} (expected at most ${counted(o.failOnNewDead!, "newly dead neuron")})`);
      return gates.length > 0 ? new CheckFailedError(gates.join("; "), dead.length > 0 ? "E_DEAD" : "E_NEW_DEAD") : undefined;
    },
  };
}
