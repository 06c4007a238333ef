import { describe, expect, it } from "vitest";
import { curveJob } from "../../src/jobs/curve-job.js";
import { curveOptionsSchema } from "../../src/options/curve.js";
import type { RenderJob } from "../../src/render/chart-spec.js";
import type { CurveSeries } from "../../src/render/curve-chart.js";

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
