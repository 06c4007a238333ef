import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runMain } from "./capture.js";
import { tempDir } from "../temp-dir.js";

const WHOLE = "fixtures/numpy/merge/whole.npy";
let dir = "";
tempDir("actviz-partial-", (d) => (dir = d));

interface Part {
  format: string; version: number; source: string; samples: number; first_sample: number; neurons: number; names: (string | null)[];
  layer: { name: string; number: number; function: string } | null;
  statistics: { activation: string | null; inactive_threshold: number; saturation_eps: number; saturation_bounds: unknown; channels: unknown };
  sketch: { method: string; relative_accuracy: number };
  per_neuron: { count: number; nonfinite: number; saturated: number | null }[];
}

describe("actviz neurons --partial FILE", () => {
  it("writes the part (format, version, samples, neurons, names, the statistics options, a sketch per neuron) and, unless --plot is given, no chart", async () => {
    const path = join(dir, "part.json");
    const r = await runMain(["neurons", WHOLE, "--activation", "sigmoid", "--out", dir, "--partial", path]);
    expect(r.code).toBe(0);
    expect(r.stdout()).toBe(`${path}\n`);
    expect(readdirSync(dir)).toEqual(["part.json"]);
    const p = JSON.parse(readFileSync(path, "utf8")) as Part;
    expect(p).toMatchObject({ format: "actviz-partial", version: 1, source: WHOLE, samples: 1000, first_sample: 0, neurons: 8, layer: null });
    expect(p.names).toEqual(Array(8).fill(null));
    expect(p.statistics).toEqual({ activation: "sigmoid", inactive_threshold: 0, saturation_eps: 0.01, saturation_bounds: { min: 0, max: 1 }, channels: null });
    expect(p.sketch).toMatchObject({ method: "ddsketch", relative_accuracy: 0.01 });
    for (const n of p.per_neuron) expect(n.count + n.nonfinite).toBe(1000);
  });

  it("--partial with --plot draws the charts too", async () => {
    const r = await runMain(["neurons", WHOLE, "--plot", "summary", "--out", dir, "--partial", join(dir, "p.json"), "-q"]);
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(["p.json", "summary.png"]);
  });

  it("--partial - writes the part to stdout, and nothing else there", async () => {
    const r = await runMain(["neurons", WHOLE, "--samples", "100:300", "--partial", "-"]);
    expect(r.code).toBe(0);
    const p = JSON.parse(r.stdout()) as Part;
    expect([p.samples, p.first_sample, p.statistics.activation, p.per_neuron[0]!.saturated]).toEqual([200, 100, null, null]);
  });

  it("records a CSV header's names and a rank-4 input's channel reduction", async () => {
    const csv = JSON.parse((await runMain(["neurons", "fixtures/io/text/header.csv", "--partial", "-"])).stdout()) as Part;
    expect(csv.names).toEqual(["n0", "n1", "n2"]);
    const conv = JSON.parse((await runMain(["neurons", "fixtures/examples/conv-features.npy", "--reduce", "max", "--partial", "-"])).stdout()) as Part;
    expect([conv.neurons, conv.statistics.channels]).toEqual([6, { axis: 1, reduce: "max" }]);
  });

  it("from weights: records the layer, and two halves of the input merge into one pass's report, layer included", async () => {
    const base = ["--weights", "fixtures/examples/digits-mlp.safetensors", "--input", "fixtures/examples/digits-inputs.npy", "--activation", "relu", "--layer", "1"];
    const [a, b] = [join(dir, "a.json"), join(dir, "b.json")];
    expect((await runMain(["neurons", ...base, "--samples", ":200", "--partial", a, "-q"])).code).toBe(0);
    expect((await runMain(["neurons", ...base, "--samples", "200:", "--partial", b, "-q"])).code).toBe(0);
    expect((JSON.parse(readFileSync(a, "utf8")) as Part).layer).toMatchObject({ number: 1, function: "relu" });
    const one = JSON.parse((await runMain(["neurons", ...base, "--plot", "none", "--stats", "-", "-q"])).stdout()) as { layer: unknown; dead: number; per_neuron: { mean: number | null }[] };
    const merged = JSON.parse((await runMain(["merge", a, b, "--stats", "-", "-q"])).stdout()) as typeof one;
    expect(merged.layer).toEqual(one.layer);
    expect(merged.dead).toBe(one.dead);
    merged.per_neuron.forEach((n, j) => {
      const m = one.per_neuron[j]!.mean;
      if (m === null) expect(n.mean).toBeNull();
      else expect(Math.abs(n.mean! - m)).toBeLessThanOrEqual(1e-9 * Math.max(Math.abs(m), 1e-300));
    });
  });

  it("parts of a rank-4 input reduced otherwise are not merged", async () => {
    const conv = "fixtures/examples/conv-features.npy";
    const [a, b] = [join(dir, "mean.json"), join(dir, "max.json")];
    await runMain(["neurons", conv, "--partial", a]);
    await runMain(["neurons", conv, "--reduce", "max", "--partial", b]);
    const r = await runMain(["merge", a, b]);
    expect(r.code).toBe(2);
    expect(r.stderr()).toMatch(/^actviz: .*max\.json: channels \{"axis":1,"reduce":"max"\} \(expected \{"axis":1,"reduce":"mean"\}, as in .*mean\.json; parts must agree to be merged\)\n$/);
  });

  it("is refused, in one line and before anything is written, where a part has no place: --labels, --baseline, --layer all", async () => {
    const path = join(dir, "never.json");
    const cases: [string[], RegExp][] = [
      [[WHOLE, "--labels", "fixtures/examples/digits-labels.npy", "--partial", path], /^actviz: --labels: class statistics with --partial \(expected/],
      [[WHOLE, "--baseline", WHOLE, "--partial", path], /^actviz: --baseline: a baseline with --partial \(expected/],
      [["--weights", "fixtures/examples/digits-mlp.safetensors", "--input", "fixtures/examples/digits-inputs.npy", "--layer", "all", "--partial", path], /^actviz: --layer: --layer all with --partial \(expected/],
      [[WHOLE, "--stats", "-", "--partial", "-"], /^actviz: --partial: --partial - and another output both write to stdout/],
    ];
    for (const [args, message] of cases) {
      const r = await runMain(["neurons", ...args]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr().split("\n").filter(Boolean), args.join(" ")).toHaveLength(1);
      expect(r.stderr()).toMatch(message);
      expect(existsSync(path)).toBe(false);
    }
  });
});
