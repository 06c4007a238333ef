import { describe, expect, it } from "vitest";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { writeNpy } from "../../src/io/npy/write-npy.js";
import { runMain } from "./capture.js";
import { tempDir } from "../temp-dir.js";

let dir: string;
tempDir("actviz-summary-", (d) => (dir = d));

describe("neurons: the stderr summary", () => {
  it("for ReLU, the most saturated line leaves out the dead neurons, which have their own line", async () => {
    const r = await runMain(["neurons", "fixtures/examples/digits-mlp-hidden.npy", "--activation", "relu", "--plot", "none"]);
    expect(r.code).toBe(0);
    expect(r.stderr()).toBe("10 of 128 neurons dead (7.8%) over 397 samples\nmost saturated (relu, dead neurons aside): 33 (99.5%), 56 (98.2%), 32 (98.0%), 7 (84.9%), 27 (73.3%)\n");
  });

  it("counts one non-finite value in the singular, and says when only dead neurons saturate", async () => {
    const file = join(dir, "a.npy");
    // neuron 0 dead (all 0), neuron 1 positive with one NaN
    await writeFile(file, writeNpy({ shape: [3, 2], data: Float64Array.from([0, 1, 0, NaN, 0, 2]) }));
    const r = await runMain(["neurons", file, "--activation", "relu", "--plot", "none"]);
    expect(r.stderr()).toBe("1 of 2 neurons dead (50.0%) over 3 samples\nno saturated values (relu) beyond the dead neurons\n1 non-finite value (NaN, ±Infinity) left out of plots and statistics\n");
  });
});
