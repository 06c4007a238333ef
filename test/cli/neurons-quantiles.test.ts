import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { runMain } from "./capture.js";

// fixtures/numpy/make_report_quantiles.py: np.quantile over each column's finite values
const file = "fixtures/numpy/report-quantiles.npy";
const ref = JSON.parse(readFileSync("fixtures/numpy/report-quantiles.json", "utf8")) as { q: string[]; quantiles: Record<string, number | null>[] };
const kinds = ["random", "relu (zeros, ties)", "constant", "NaN and ±inf holding", "all zero", "subnormal", "all NaN", "heavy tails, ties", "one finite value"];

describe("actviz neurons --stats: per-neuron quantiles", () => {
  it("equal NumPy's np.quantile (linear) over the finite values, bit for bit, on every kind of column", async () => {
    const r = await runMain(["neurons", file, "--plot", "none", "--stats", "-"]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout()) as { per_neuron: { quantiles: Record<string, number | null> }[] };
    expect(report.per_neuron).toHaveLength(kinds.length);
    report.per_neuron.forEach((n, j) => {
      expect(Object.keys(n.quantiles), kinds[j]).toEqual(ref.q);
      for (const q of ref.q) expect(n.quantiles[q], `${kinds[j]} column, q=${q}`).toBe(ref.quantiles[j]![q]);
    });
    // the all-NaN column has none; the others have numbers
    expect(Object.values(report.per_neuron[6]!.quantiles).every((v) => v === null)).toBe(true);
    expect(report.per_neuron[5]!.quantiles["0.01"]).toBeLessThan(0);
  });

  it("are the quartiles the summary's boxes draw (0.25, 0.5, 0.75)", async () => {
    const { boxStats } = await import("../../src/core/quantiles.js");
    const { readNpy } = await import("../../src/io/npy/read-npy.js");
    const t = readNpy(new Uint8Array(readFileSync(file)), file);
    const cols = t.shape[1]!;
    const r = await runMain(["neurons", file, "--plot", "none", "--stats", "-"]);
    const report = JSON.parse(r.stdout()) as { per_neuron: { quantiles: Record<string, number | null> }[] };
    for (let j = 0; j < cols; j++) {
      const column = Array.from({ length: t.shape[0]! }, (_, i) => Number(t.data[i * cols + j]));
      const box = boxStats(column);
      const q = report.per_neuron[j]!.quantiles;
      if (Number.isNaN(box.median)) continue;
      expect([q["0.25"], q["0.5"], q["0.75"]]).toEqual([box.q1, box.median, box.q3]);
    }
  });
});
