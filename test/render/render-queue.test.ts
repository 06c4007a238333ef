import { describe, expect, it } from "vitest";
import { createRenderer } from "../../src/render/engine/render-queue.js";
import { renderJob } from "../../src/render/engine/chart-spec.js";
import type { ChartSpec, RenderJob } from "../../src/render/engine/chart-spec.js";

const style = { theme: "light" as const, fontFamily: "", width: 320, height: 200 };
const text = { title: "t", xLabel: "x", yLabel: "y" };
const x = Float64Array.from({ length: 50 }, (_, i) => i - 25);
const y = x.map((v) => Math.tanh(v / 5));
const specs: ChartSpec[] = [
  { kind: "curve", series: [{ label: "tanh", x, y, dashed: false, colorIndex: 0 }], bands: [], text, style },
  { kind: "line", x, y, text, style, options: {} },
  { kind: "hist", histogram: { edges: Float64Array.from([0, 1, 2]), counts: Float64Array.from([3, 5]) }, text, style, options: {} },
  { kind: "summary", items: [{ label: "0", box: { q1: 0, median: 1, q3: 2, whiskerLow: 0, whiskerHigh: 3, min: 0, max: 3 }, dead: false }], text, style, options: {} },
  { kind: "heatmap", matrix: { rows: 4, cols: 3, data: Float64Array.from({ length: 12 }, (_, i) => i) }, options: {}, text, style },
];
const png = (chart: ChartSpec): RenderJob => ({ chart, target: { format: "png", width: 320, height: 200, scale: 1 } });
const isPng = (b: Uint8Array) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47;

describe("renderJob(job) and createRenderer()", () => {
  it.each(specs.map((s) => [s.kind, s] as const))("renderJob renders a %s spec to a PNG", async (_kind, spec) => {
    expect(isPng(await renderJob(png(spec)))).toBe(true);
  });

  it("renderJob renders a grid of specs into one image of the target size", async () => {
    const bytes = await renderJob({ grid: [specs[1]!, specs[1]!], shape: { rows: 1, cols: 2 }, frame: { title: "g", theme: "light", fontFamily: "" }, target: { format: "png", width: 640, height: 200, scale: 1 } });
    expect(Buffer.from(bytes).readUInt32BE(16)).toBe(640);
  });

  it("a renderer returns each job's bytes, equal to rendering it alone, whatever the submission order", async () => {
    const alone = await Promise.all(specs.map(async (s) => Buffer.from(await renderJob(png(s)))));
    const r = await createRenderer();
    const together = await Promise.all(specs.map((s) => r.render(png(s))));
    await r.close();
    together.forEach((b, i) => expect(Buffer.compare(Buffer.from(b), alone[i]!), specs[i]!.kind).toBe(0));
  });

  it("a failing job rejects alone; the jobs after it still render", async () => {
    const r = await createRenderer();
    const bad = r.render({ chart: specs[0]!, target: { format: "gif" as "png", width: 320, height: 200, scale: 1 } });
    const good = r.render(png(specs[1]!));
    await expect(bad).rejects.toThrow();
    expect(isPng(await good)).toBe(true);
    await r.close();
  });
});
