import { expect } from "vitest";
import { bytesSource } from "../../src/io/byte-source.js";
import { neuronsOutputs } from "../../src/jobs/neurons-outputs.js";
import { neuronsRuns } from "../../src/jobs/neurons-runs.js";
import { neuronsOptionsSchema, type NeuronsOptions } from "../../src/options/neurons.js";

// The streamed path against the in-memory one on the same bytes, through neuronsRuns: the stream
// threshold lowered to 0 (every input streams), blocks of a few rows and tiny quantile budgets, so
// that every pass and refinement runs. Shared by test/jobs/neurons-stream*.test.ts.

/** Blocks of 64 bytes and quantile budgets small enough that every refinement runs. */
export const tiny = { blockBytes: 64, quantiles: { bins: 4, budget: 50, binBudget: 64 } };

/** The input's name (`acts.npy` unless said) and other files a run reads by name (--labels, --baseline ...). */
export interface Inputs {
  input?: string;
  extra?: Record<string, Uint8Array>;
}

/** The options for `flags`, and neuronsRuns on `bytes`: streamed (every file, in tiny blocks) or read whole. */
export async function runsOf(bytes: Uint8Array, flags: Record<string, unknown>, streamed: boolean, { input = "acts.npy", extra = {} }: Inputs = {}) {
  const o: NeuronsOptions = neuronsOptionsSchema.parse({ input, out: "out", ...flags });
  const read = async (path: string) => extra[path] ?? bytes;
  const runs = await neuronsRuns(o, read, undefined, undefined, undefined, streamed ? { open: async (path) => bytesSource(await read(path)), above: 0, hooks: tiny } : undefined);
  return { o, runs };
}

/** The report (as JSON) and the chart files of one run, streamed or read whole. */
export async function outputs(bytes: Uint8Array, flags: Record<string, unknown>, streamed: boolean, inputs: Inputs = {}) {
  const { o, runs } = await runsOf(bytes, flags, streamed, inputs);
  const data = await runs[0]!.load();
  expect(data.streamed !== undefined, "streamed").toBe(streamed);
  const files = new Map<string, Uint8Array | string>();
  const report = await neuronsOutputs(data, o, { emit: async (path, body) => void files.set(path, body) });
  // without --stats (no report written) and without a summary or histograms, a stream skips the
  // quantiles: they are compared only where they are used
  const used = o.stats !== undefined || o.plot.includes("summary") || o.plot.includes("hist");
  const shown = used ? report : { ...report, per_neuron: report.per_neuron.map(({ quantiles: _q, ...n }) => n) };
  return { report: JSON.stringify(shown), files };
}

/** Streamed and read whole, `bytes` with `flags` give the same report and the same chart files, byte for byte. */
export async function expectSame(bytes: Uint8Array, flags: Record<string, unknown>, inputs: Inputs = {}): Promise<void> {
  const whole = await outputs(bytes, flags, false, inputs);
  const streamed = await outputs(bytes, flags, true, inputs);
  expect(streamed.report).toBe(whole.report);
  expect([...streamed.files.keys()]).toEqual([...whole.files.keys()]);
  expect(whole.files.size).toBeGreaterThan(0);
  for (const [name, body] of whole.files) expect(Buffer.from(streamed.files.get(name)!).equals(Buffer.from(body)), name).toBe(true);
}
