import { describe, expect, it } from "vitest";
import { curveFileNames, curveJob } from "../../src/jobs/curve/curve-job.js";
import { curveOptionsSchema } from "../../src/options/curve.js";
import type { ChartSpec, RenderJob } from "../../src/render/engine/chart-spec.js";
import type { CurveSeries } from "../../src/render/charts/curve-chart.js";

/** The curve series curveJob hands the renderer, for options given as flags would be. */
async function seriesOf(flags: Record<string, unknown>): Promise<CurveSeries[][]> {
  const jobs: RenderJob[] = [];
  const renderer = { render: async (job: RenderJob) => (jobs.push(job), new Uint8Array()), close: async () => {} };
  await curveJob(curveOptionsSchema.parse(flags), renderer);
  return jobs.map((j) => ("chart" in j && j.chart.kind === "curve" ? j.chart.series : []));
}

describe("curveJob: jumps and styles", () => {
  it("curveJob(binary_step) breaks the line at 0 between the limits 0 and 1, with a hollow dot at 0 and a filled one at 1", async () => {
    const [[step]] = (await seriesOf({ fn: "binary_step", range: "-1,1", samples: 5 })) as [[CurveSeries]];
    expect(Array.from(step.x)).toEqual([-1, -0.5, 0, 0, 0, 0.5, 1]);
    expect(Array.from(step.y)).toEqual([0, 0, 0, NaN, 1, 1, 1]);
    expect(step.dots).toEqual([{ x: 0, y: 0, open: true }, { x: 0, y: 1, open: false }]);
  });

  it("curveJob(relu --derivative): relu is one unbroken line; relu′ breaks at 0, filled at relu′(0) = 0, hollow at 1", async () => {
    const [[f, df]] = (await seriesOf({ fn: "relu", range: "-1,1", samples: 5, derivative: true })) as [[CurveSeries, CurveSeries]];
    expect(f.dots).toBeUndefined();
    expect(Array.from(f.y).some(Number.isNaN)).toBe(false);
    expect(Array.from(df.y)).toEqual([0, 0, 0, NaN, 1, 1, 1]);
    expect(df.dots).toEqual([{ x: 0, y: 1, open: true }, { x: 0, y: 0, open: false }]);
  });

  it("curveJob(hardshrink) breaks at both ±lambd; a jump outside the range is not drawn", async () => {
    const [[h]] = (await seriesOf({ fn: "hardshrink", range: "-2,2", samples: 9 })) as [[CurveSeries]];
    expect(Array.from(h.y).filter(Number.isNaN)).toHaveLength(2);
    const [[inside]] = (await seriesOf({ fn: "hardshrink", range: "1,2", samples: 9 })) as [[CurveSeries]];
    expect(inside.dots).toBeUndefined();
  });

  it("curveJob(--fn all --overlay --derivative): every series has its own (colour, dash) pair", async () => {
    const [series] = (await seriesOf({ fn: "all", overlay: true, derivative: true, samples: 11 })) as [CurveSeries[]];
    expect(series.length).toBeGreaterThan(70);
    const pairs = new Set(series.map((s) => `${s.colorIndex} ${(s.dash ?? []).join(",")}`));
    expect(pairs.size).toBe(series.length);
  });

  it("curveJob(--format csv) keeps the samples as they are: no break rows at a jump", async () => {
    const files = await curveJob(curveOptionsSchema.parse({ fn: "binary_step", range: "-1,1", samples: 5, format: "csv" }));
    expect(files[0]!.data).toBe("x,y\n-1,0\n-0.5,0\n0,1\n0.5,1\n1,1\n");
  });
});

describe("curveJob --grid RxC", () => {
  async function gridJobs(flags: Record<string, unknown>) {
    const jobs: RenderJob[] = [];
    const renderer = { render: async (job: RenderJob) => (jobs.push(job), new Uint8Array()), close: async () => {} };
    const files = await curveJob(curveOptionsSchema.parse(flags), renderer);
    return { jobs, names: files.map((f) => f.name) };
  }

  it("--grid 2x2 of 4 functions: one image of 4 panels sharing one y range, titled per function, axis titles once", async () => {
    const { jobs, names } = await gridJobs({ fn: "sigmoid,tanh,relu,gelu", grid: "2x2", samples: 21 });
    expect(names).toEqual(["grid.png"]);
    const job = jobs[0] as Extract<RenderJob, { grid: unknown }>;
    expect(job.grid).toHaveLength(4);
    const specs = job.grid as Extract<ChartSpec, { kind: "curve" }>[];
    expect(specs.map((s) => s.text.title)).toEqual(["Sigmoid", "Tanh", "ReLU", "GELU"]);
    expect(new Set(specs.map((s) => JSON.stringify(s.options!.yRange))).size).toBe(1);
    expect(specs[0]!.options).toMatchObject({ legend: false, yRange: { min: expect.any(Number), max: expect.any(Number) } });
    expect(specs[0]!.options!.yRange!.max).toBeGreaterThan(10); // ReLU reaches 10: every panel shows it
    expect(job.frame).toMatchObject({ xLabel: "Input", yLabel: "Output" });
  });

  it("--grid pages: 5 functions in 2x2 panels are grid-1 and grid-2; CSV stays one file per function; curveFileNames agrees", async () => {
    const flags = { fn: "sigmoid,tanh,relu,gelu,elu", grid: "2x2", samples: 21, format: "png,csv" };
    const { jobs, names } = await gridJobs(flags);
    expect(names).toEqual(["grid-1.png", "grid-2.png", "sigmoid.csv", "tanh.csv", "relu.csv", "gelu.csv", "elu.csv"]);
    expect(jobs.map((j) => ("grid" in j ? j.grid.length : 0))).toEqual([4, 1]);
    expect(curveFileNames(curveOptionsSchema.parse(flags))).toEqual(names);
  });

  it("--grid with --overlay is a usage error", () => {
    const r = curveOptionsSchema.safeParse({ fn: "relu,tanh", grid: "2x2", overlay: true });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toBe("--grid and --overlay both lay out the curves (expected one of them)");
  });
});
