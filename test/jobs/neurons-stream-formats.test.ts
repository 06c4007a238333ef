import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bytesSource } from "../../src/io/byte-source.js";
import { neuronsOutputs } from "../../src/jobs/neurons-outputs.js";
import { neuronsRuns } from "../../src/jobs/neurons-runs.js";
import { neuronsOptionsSchema } from "../../src/options/neurons.js";

// The block readers added for HDF5 and PyTorch files, through neuronsRuns with the stream
// threshold lowered to 0 (every file streams) and blocks of a few rows: the same report and chart
// bytes as the whole-file path on the same bytes.
const tiny = { blockBytes: 64, quantiles: { bins: 4, budget: 50, binBudget: 64 } };

async function outputs(bytes: Uint8Array, input: string, flags: Record<string, unknown>, streamed: boolean) {
  const o = neuronsOptionsSchema.parse({ input, out: "out", ...flags });
  const runs = await neuronsRuns(o, async () => bytes, undefined, undefined, undefined, streamed ? { open: async () => bytesSource(bytes), above: 0, hooks: tiny } : undefined);
  const data = await runs[0]!.load();
  expect(data.streamed !== undefined, "streamed").toBe(streamed);
  const files = new Map<string, Uint8Array | string>();
  const report = await neuronsOutputs(data, o, { emit: async (path, body) => void files.set(path, body) });
  return { report: JSON.stringify(report), files };
}

async function expectSame(path: string, flags: Record<string, unknown>) {
  const bytes = new Uint8Array(readFileSync(path));
  const whole = await outputs(bytes, path, flags, false);
  const streamed = await outputs(bytes, path, flags, true);
  expect(streamed.report).toBe(whole.report);
  expect([...streamed.files.keys()]).toEqual([...whole.files.keys()]);
  expect(whole.files.size).toBeGreaterThan(0);
  for (const [name, body] of whole.files) expect(Buffer.from(streamed.files.get(name)!).equals(Buffer.from(body)), name).toBe(true);
}

const charts = { plot: "summary,heatmap,hist", stats: "r.json" };

describe("streamNeurons on HDF5 and PyTorch block readers against the whole-file path", () => {
  it.each([
    ["fixtures/hdf5/stream/layouts.h5", "gzip/shuffle"],
    ["fixtures/hdf5/stream/layouts.h5", "chunked/f4"],
    ["fixtures/hdf5/stream/layouts.h5", "sparse/f4"],
    ["fixtures/hdf5/stream/layouts.h5", "contiguous/f4"],
    ["fixtures/hdf5/stream/dtypes.h5", "a/b/f4be"],
    ["fixtures/hdf5/stream/v108.h5", "x/ch"],
    ["fixtures/hdf5/dump.h5", "layer1/relu"],
  ])("%s --key %s --plot summary,heatmap,hist --stats: the same report and PNG bytes", async (path, key) => {
    await expectSame(path, { ...charts, key });
  });

  it.each([
    ["fixtures/torch/stream/transposed.pt", undefined],
    ["fixtures/torch/stream/transposed-legacy.pt", undefined],
    ["fixtures/torch/stream/acts-legacy.pt", undefined],
    ["fixtures/torch/stream/dict-legacy.pt", "b"],
    ["fixtures/torch/tensors.pt", "transposed"],
  ])("%s --key %s --plot summary,heatmap,hist --stats: the same report and PNG bytes", async (path, key) => {
    await expectSame(path, { ...charts, ...(key === undefined ? {} : { key }) });
  });
});
