// Runs the renderer in a separate node process (from a type-stripped copy of src/render):
// SVG and PDF must be the same bytes there as here, and merely loading the render modules
// must not load canvas or Chart.js (so `actviz --help` and `actviz list` stay light).
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useBundledFont } from "../../src/render/engine/fonts.js";
import { renderChart } from "../../src/render/engine/renderer.js";
import { bandsDarkChart, reluChart, sigmoidChart } from "./support/charts.js";
import { ROOT, transpileForChild } from "./support/transpile.js";

const outDir = join(ROOT, "test", ".output", `child-${process.pid}`);
let child: { lazy: { canvas: boolean; chartjs: boolean }; svg: string; pdf: string; png: string; bands: string };

beforeAll(() => {
  const script = transpileForChild(outDir);
  child = JSON.parse(execFileSync(process.execPath, [script], { encoding: "utf8", maxBuffer: 64 << 20 }));
});
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe("renderChart(...) in another process", () => {
  const family = useBundledFont();
  const target = (format: "png" | "svg" | "pdf") => ({ format, width: 480, height: 300, scale: 1 });

  it("importing renderer, curve-chart and fonts loads neither canvas nor Chart.js", () => {
    expect(child.lazy).toEqual({ canvas: false, chartjs: false });
  });

  it("renderChart(chart, svg) gives the same bytes in another process", async () => {
    const here = await renderChart(() => sigmoidChart(family), target("svg"));
    expect(Buffer.from(child.svg, "base64").equals(here)).toBe(true);
  });

  it("renderChart(chart, pdf) gives the same bytes in another process", async () => {
    const here = await renderChart(() => sigmoidChart(family), target("pdf"));
    expect(Buffer.from(child.pdf, "base64").equals(here)).toBe(true);
  });

  it("renderChart(chart, png) gives the same bytes in another process", async () => {
    const here = await renderChart(() => sigmoidChart(family), target("png"));
    expect(Buffer.from(child.png, "base64").equals(here)).toBe(true);
  });

  it("renderChart(png) that updates an idle chart of another kind gives the bytes of the same chart drawn first in a new process", async () => {
    const size = { format: "png" as const, width: 333, height: 222, scale: 1 };
    await renderChart(() => reluChart(family, 333, 222), size);
    const here = await renderChart(() => bandsDarkChart(family), size);
    expect(Buffer.from(child.bands, "base64").equals(here)).toBe(true);
  });
});
