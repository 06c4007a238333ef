import { readFileSync } from "node:fs";
import { describe, it } from "vitest";
import { expectSame } from "./stream-vs-whole.js";

// The block readers added for HDF5 and PyTorch files, through neuronsRuns with the stream
// threshold lowered to 0 (every file streams) and blocks of a few rows: the same report and chart
// bytes as the whole-file path on the same bytes (./stream-vs-whole.ts).

/** The file at `path`, streamed and read whole: the same report and chart bytes. */
async function expectSameFile(path: string, flags: Record<string, unknown>) {
  await expectSame(new Uint8Array(readFileSync(path)), flags, { input: path });
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
    await expectSameFile(path, { ...charts, key });
  });

  it.each([
    ["fixtures/torch/stream/transposed.pt", undefined],
    ["fixtures/torch/stream/transposed-legacy.pt", undefined],
    ["fixtures/torch/stream/acts-legacy.pt", undefined],
    ["fixtures/torch/stream/dict-legacy.pt", "b"],
    ["fixtures/torch/tensors.pt", "transposed"],
  ])("%s --key %s --plot summary,heatmap,hist --stats: the same report and PNG bytes", async (path, key) => {
    await expectSameFile(path, { ...charts, ...(key === undefined ? {} : { key }) });
  });
});
