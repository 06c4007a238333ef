import { describe, expect, it, vi } from "vitest";

let active = 0;
let peak = 0;
const started: number[] = [];
vi.mock("../../src/render/engine/chart-spec.js", () => ({
  renderJob: async (job: { n: number; fail?: boolean }) => {
    started.push(job.n);
    active++;
    peak = Math.max(peak, active);
    await new Promise((r) => setTimeout(r, 5));
    active--;
    if (job.fail) throw new Error(`job ${job.n} failed`);
    return new Uint8Array([job.n]);
  },
}));

const { createRenderer, IN_FLIGHT } = await import("../../src/render/engine/render-queue.js");

describe("createRenderer()", () => {
  it(`runs at most IN_FLIGHT (${IN_FLIGHT}) jobs at once, starting them in submission order`, async () => {
    const r = await createRenderer();
    const jobs = Array.from({ length: 12 }, (_, n) => r.render({ n } as never));
    const out = await Promise.all(jobs);
    await r.close();
    expect(out.map((b) => b[0])).toEqual([...Array(12).keys()]);
    expect(started).toEqual([...Array(12).keys()]);
    expect(peak).toBe(IN_FLIGHT);
  });

  it("a failed job frees its slot: every later job still runs", async () => {
    const r = await createRenderer();
    const jobs = Array.from({ length: 8 }, (_, n) => r.render({ n, fail: n % 2 === 0 } as never));
    const results = await Promise.allSettled(jobs);
    await r.close();
    expect(results.map((x) => x.status)).toEqual(["rejected", "fulfilled", "rejected", "fulfilled", "rejected", "fulfilled", "rejected", "fulfilled"]);
    expect(active).toBe(0);
  });
});
