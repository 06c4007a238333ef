import { describe, expect, it } from "vitest";
import { npyHeader, writeNpy } from "../../src/io/npy/write-npy.js";
import { neuronsRuns } from "../../src/jobs/neurons-runs.js";
import { neuronsOptionsSchema } from "../../src/options/neurons.js";
import { bytesSource } from "../../src/io/byte-source.js";
import { expectSame, runsOf, tiny } from "./stream-vs-whole.js";

// The streamed path for the jobs that used to need the whole matrix (rank-3+ arrays reduced per
// channel, ...), in blocks of a few rows with tiny quantile budgets, against the in-memory path
// on the same bytes: the same report, the same chart files (./stream-vs-whole.ts).

/** The error a run's preparation throws (neuronsRuns, then load), as "code: message". */
async function failure(bytes: Uint8Array, flags: Record<string, unknown>, streamed: boolean, extra: Record<string, Uint8Array> = {}): Promise<string> {
  try {
    const { runs } = await runsOf(bytes, flags, streamed, { extra });
    await runs[0]!.load();
  } catch (err) {
    return `${(err as { code?: string }).code}: ${(err as Error).message}`;
  }
  return "no error";
}

/** [N, C, H, W] feature maps (float32): a ReLU-like channel, a NaN-holding one, a constant one, noise. */
function maps(n: number, c: number, h: number, w: number, type: "f4" | "f8" = "f4"): Uint8Array {
  const size = n * c * h * w;
  const values = new (type === "f4" ? Float32Array : Float64Array)(size);
  for (let i = 0; i < size; i++) {
    const ch = Math.floor(i / (h * w)) % c;
    const x = Math.sin(i * 12.9898) * 3;
    values[i] = ch === 0 ? Math.max(0, x) : ch === 1 ? (i % 11 === 0 ? NaN : x) : ch === 2 ? 0.25 : x * 1e-3 + 5;
  }
  return writeNpy({ shape: [n, c, h, w], data: values });
}

describe("a rank-3+ array streamed, each block of samples reduced per channel", () => {
  const nchw = maps(37, 4, 3, 5);

  it("--reduce mean and max of [N, C, H, W]: the same report and PNG bytes as reduced in memory", async () => {
    for (const reduce of ["mean", "max"]) {
      await expectSame(nchw, { plot: "summary,heatmap,hist,line", stats: "r.json", reduce, activation: "relu" });
    }
  });

  it("--reduce flatten (every position a row): the same files, blocks that start and end inside a sample", async () => {
    // 64-byte blocks: 4 rows (16 bytes of the file each) of samples of 15 positions; blocks straddle samples
    await expectSame(nchw, { plot: "summary,heatmap,hist,line", stats: "r.json", reduce: "flatten", samples: "7:-20" });
  });

  it("a channels-last array (--channel-axis -1), float64, and a rank-3 one: the same report and files", async () => {
    await expectSame(maps(23, 3, 2, 6, "f8"), { plot: "summary,hist", stats: "r.json", channelAxis: "-1", reduce: "mean" });
    await expectSame(maps(23, 3, 2, 6, "f8"), { plot: "heatmap", stats: "r.json", channelAxis: "2", reduce: "max", top: "2" });
    const rank3 = writeNpy({ shape: [40, 3, 7], data: Float32Array.from({ length: 40 * 21 }, (_, i) => Math.cos(i * 0.37) * (i % 5)) });
    await expectSame(rank3, { plot: "summary,line", stats: "r.json" });
  });

  it("a bad --channel-axis, and an empty reduced axis: the same usage or input error as read whole", async () => {
    for (const [bytes, flags] of [
      [nchw, { channelAxis: "0" }],
      [nchw, { channelAxis: "4" }],
      [writeNpy({ shape: [6, 3], data: new Float32Array(18) }), { channelAxis: "-2" }],
      [writeNpy({ shape: [6, 3, 0], data: new Float32Array(0) }), { reduce: "mean" }],
      [writeNpy({ shape: [6, 3, 0], data: new Float32Array(0) }), { reduce: "flatten" }],
      [writeNpy({ shape: [0, 3, 2], data: new Float32Array(0) }), { reduce: "max" }],
    ] as const) {
      const whole = await failure(bytes, { ...flags, stats: "-" }, false);
      expect(whole).toMatch(/^E_(AXIS|EMPTY): /);
      expect(await failure(bytes, { ...flags, stats: "-" }, true), JSON.stringify(flags)).toBe(whole);
    }
  });
});

const text = (lines: readonly (string | number)[]) => new TextEncoder().encode(lines.join("\n") + "\n");

describe("--labels streamed: per-class statistics keyed by each block's rows", () => {
  const rows = 61;
  const cols = 5;
  // column 1 holds NaN and column 3 an Infinity: their class means take the pass for non-finite cells
  const data = Float32Array.from({ length: rows * cols }, (_, i) => {
    const [r, j] = [Math.floor(i / cols), i % cols];
    const x = Math.sin(i * 12.9898) * 3 + (r % 3) * (j + 1) * 0.7;
    return j === 0 ? Math.max(0, x) : j === 1 && r % 13 === 4 ? NaN : j === 2 ? 0.5 : j === 3 && r === 30 ? Infinity : x;
  });
  const npy = writeNpy({ shape: [rows, cols], data });
  const labels = { "labels.txt": text(Array.from({ length: rows }, (_, r) => (r * 7) % 3)) };

  it("--plot classes,class-heatmap,heatmap,line,summary,hist --stats: the same report (class means, preferred class, selectivity) and PNG bytes", async () => {
    await expectSame(npy, { plot: "classes,class-heatmap,heatmap,line,summary,hist", stats: "r.json", labels: "labels.txt", activation: "relu" }, { extra: labels });
  });

  it("--top 3 --by selectivity, --samples 5:-9, string labels and --class-names: the same report and files", async () => {
    await expectSame(npy, { plot: "classes,heatmap", stats: "r.json", labels: "labels.txt", top: "3", by: "selectivity", samples: "5:-9", format: "svg" }, { extra: labels });
    await expectSame(npy, { plot: "class-heatmap,line", stats: "r.json", labels: "labels.txt", classNames: "cat,dog,eel" }, { extra: labels });
    const names = { "names.txt": text(Array.from({ length: rows }, (_, r) => ["b", "a", "c", "a"][r % 4]!)) };
    await expectSame(npy, { plot: "classes,heatmap", stats: "r.json", labels: "names.txt" }, { extra: names });
  });

  it("labels of a rank-4 array reduced by --reduce flatten (each label repeated for its sample's positions) and by mean", async () => {
    const maps4 = maps(9, 3, 2, 2);
    const per = { "labels.txt": text(Array.from({ length: 9 }, (_, r) => r % 2)) };
    await expectSame(maps4, { plot: "classes,heatmap", stats: "r.json", labels: "labels.txt", reduce: "flatten" }, { extra: per });
    await expectSame(maps4, { plot: "class-heatmap,summary", stats: "r.json", labels: "labels.txt", reduce: "mean" }, { extra: per });
  });

  it("labels that do not match the samples: the same input error streamed as read whole", async () => {
    const short = { "labels.txt": text([0, 1, 0]) };
    const whole = await failure(npy, { stats: "-", labels: "labels.txt" }, false, short);
    expect(whole).toMatch(/^E_LABELS: labels.txt: 3 labels for 61 samples/);
    expect(await failure(npy, { stats: "-", labels: "labels.txt" }, true, short)).toBe(whole);
  });
});

describe("--baseline streamed: its statistics in a run of its own, then both files side by side", () => {
  const rows = 83;
  const cols = 4;
  const make = (seed: number, dead: number) =>
    writeNpy({
      shape: [rows, cols],
      data: Float32Array.from({ length: rows * cols }, (_, i) => {
        const [r, j] = [Math.floor(i / cols), i % cols];
        const x = Math.sin(i * 12.9898 + seed) * 3 + seed * 0.3;
        return j === dead ? -Math.abs(x) : j === 2 && r % 10 === 3 ? NaN : x;
      }),
    });
  const now = make(0, 1);
  const before = { "before.npy": make(1, 3) };

  it("--plot summary,heatmap,hist,line --stats: the same report (baseline statistics, newly dead, revived) and PNG bytes", async () => {
    await expectSame(now, { plot: "summary,heatmap,hist,line", stats: "r.json", baseline: "before.npy", activation: "relu" }, { extra: before });
  });

  it("the histograms and the heatmap are counted once, in the paired pass over both files: the current file's own run reads it in two passes (statistics, quantiles), never a third for them", async () => {
    /** Bytes read from each file by a streamed run of `flags`. */
    const readBytes = async (flags: Record<string, unknown>) => {
      const got = new Map<string, number>();
      const files: Record<string, Uint8Array> = { "acts.npy": now, ...before };
      const o = neuronsOptionsSchema.parse({ input: "acts.npy", out: "out", ...flags });
      const open = async (path: string) => {
        const src = bytesSource(files[path]!);
        return { ...src, read: (offset: number, length: number, into?: Uint8Array) => (got.set(path, (got.get(path) ?? 0) + length), src.read(offset, length, into)) };
      };
      const runs = await neuronsRuns(o, async (path) => files[path]!, undefined, undefined, undefined, { open, above: 0, hooks: tiny });
      await runs[0]!.load();
      return got;
    };
    const pass = rows * cols * 4;
    const alone = await readBytes({ plot: "hist,heatmap", stats: "r.json" });
    const paired = await readBytes({ plot: "hist,heatmap", stats: "r.json", baseline: "before.npy" });
    // without a baseline: the statistics, the quantile search (the heatmap beside it) and the
    // histograms' pass; with one, the paired pass stands for the last: the same bytes of acts.npy
    expect(alone.get("acts.npy")!).toBeGreaterThan(3 * pass);
    expect(paired.get("acts.npy")).toBe(alone.get("acts.npy"));
    expect(paired.get("before.npy")).toBeGreaterThan(pass);
  });

  it("--samples -50: (a baseline with more samples: its own first sample, the current x), --top 2, --bins auto, SVG", async () => {
    const longer = { "before.npy": writeNpy({ shape: [rows + 20, cols], data: Float32Array.from({ length: (rows + 20) * cols }, (_, i) => Math.cos(i * 0.77) * 2) }) };
    await expectSame(now, { plot: "line,hist,summary", stats: "r.json", baseline: "before.npy", samples: "-50:", top: "2", bins: "auto", format: "svg" }, { extra: longer });
  });

  it("a summary of more than 300 neurons with a baseline (paired boxes, never bands), and a class-sorted difference heatmap", async () => {
    const wide = (k: number) => writeNpy({ shape: [12, 305], data: Float64Array.from({ length: 12 * 305 }, (_, i) => Math.cos(i * 0.7 + k) * (i % 13)) });
    await expectSame(wide(0), { plot: "summary", stats: "r.json", baseline: "before.npy" }, { extra: { "before.npy": wide(1) } });
    const labels = { "labels.txt": text(Array.from({ length: rows }, (_, r) => (r * 5) % 3)) };
    await expectSame(now, { plot: "heatmap,classes", stats: "r.json", baseline: "before.npy", labels: "labels.txt", names: "new,old" }, { extra: { ...before, ...labels } });
  });

  it("a baseline of another shape: the same input error streamed as read whole", async () => {
    const other = { "before.npy": writeNpy({ shape: [rows, cols + 1], data: new Float32Array(rows * (cols + 1)) }) };
    const whole = await failure(now, { stats: "-", baseline: "before.npy" }, false, other);
    expect(whole).toMatch(/^E_SHAPE: before.npy: is \[83, 5\]/);
    expect(await failure(now, { stats: "-", baseline: "before.npy" }, true, other)).toBe(whole);
  });
});

describe("--export streamed: the chosen rows read again and written block by block", () => {
  const rows = 47;
  const cols = 6;
  const values = Float32Array.from({ length: rows * cols }, (_, i) => (i % 17 === 0 ? NaN : i % 23 === 0 ? -Infinity : Math.sin(i * 0.3) / 3));
  const npy = writeNpy({ shape: [rows, cols], data: values });

  it("npy, csv and json exports of --neurons and --samples: the same bytes as exportMatrix of the whole matrix", async () => {
    for (const format of ["npy", "csv", "json"]) {
      await expectSame(npy, { plot: "none", stats: "r.json", export: `x.${format}`, neurons: "1,3-5", samples: "3:-4" });
    }
    // float64 (a channel mean of a rank-4 array): an '<f8' .npy
    await expectSame(maps(11, 3, 2, 2), { plot: "heatmap", export: "x.npy", reduce: "mean" });
    await expectSame(maps(11, 3, 2, 2), { plot: "none", stats: "-", export: "x.csv", reduce: "flatten", top: "2" });
  });

  it("the atomic file set writes an export's pieces in order as they come, and an error of the pieces leaves no file", async () => {
    const { mkdtempSync, readFileSync, readdirSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { AtomicFileSet } = await import("../../src/output/write-atomic.js");
    const dir = mkdtempSync(join(tmpdir(), "actviz-export-"));
    try {
      async function* pieces(fail: boolean) {
        yield "a,b\n";
        yield new TextEncoder().encode("1,2\n");
        if (fail) throw new RangeError("the input went away");
        yield "3,4\n";
      }
      const set = new AtomicFileSet();
      await set.add(join(dir, "x.csv"), pieces(false));
      await set.commit();
      expect(readFileSync(join(dir, "x.csv"), "utf8")).toBe("a,b\n1,2\n3,4\n");
      const failing = new AtomicFileSet();
      await expect(failing.add(join(dir, "y.csv"), pieces(true))).rejects.toThrow(RangeError);
      await failing.abort();
      expect(readdirSync(dir)).toEqual(["x.csv"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("--grid of line charts and histograms streamed: shared ranges, a panel's points", () => {
  // 2000 rows: past the points of a 2x2 grid's panels of a 640-px chart, so the series are decimated to the panel's width
  const r = 2000;
  const long = Float32Array.from({ length: r * 5 }, (_, i) => {
    const [k, j] = [Math.floor(i / 5), i % 5];
    const x = Math.sin(k * 0.05 + j) * (1 + (k % 7)) + j;
    return j === 1 && k % 300 < 20 ? NaN : j === 3 ? Math.max(0, x) : x;
  });
  const npy = writeNpy({ shape: [r, 5], data: long });

  it("--plot line,hist --grid 2x2 (two pages), --bins 12 and auto: the same PNG bytes, and with --title '' and --x-label ''", async () => {
    await expectSame(npy, { plot: "line,hist", grid: "2x2", width: "640", height: "480", stats: "r.json" });
    await expectSame(npy, { plot: "hist", grid: "1x3", bins: "auto", top: "3", format: "svg" });
    await expectSame(npy, { plot: "line", grid: "2x1", title: "", xLabel: "", neurons: "1,2", samples: "100:1900" });
  });

  it("a grid with a baseline (panels over the joint range, the overlay on their edges) and with labels (points coloured by class)", async () => {
    const before = { "before.npy": writeNpy({ shape: [r, 5], data: long.map((v, i) => v * 0.5 + (i % 5 === 2 ? -4 : 0)) }) };
    await expectSame(npy, { plot: "line,hist", grid: "2x3", baseline: "before.npy", stats: "r.json" }, { extra: before });
    const labels = { "labels.txt": text(Array.from({ length: r }, (_, k) => Math.floor(k / 700))) };
    await expectSame(npy, { plot: "line", grid: "1x2", labels: "labels.txt", neurons: "0,4" }, { extra: labels });
  });
});

describe("--plot maps streamed: only the samples it draws are read whole", () => {
  const nchw = maps(9, 4, 5, 6);

  it("the first sample (default), and --samples 2:5 with --neurons, channels last: the same PNG bytes and report as read whole", async () => {
    await expectSame(nchw, { plot: "maps,heatmap", stats: "r.json" });
    await expectSame(nchw, { plot: "maps", samples: "2:5", neurons: "1-3", format: "svg" });
    await expectSame(maps(7, 3, 4, 5), { plot: "maps,summary", channelAxis: "-1", reduce: "max", stats: "r.json" });
  });

  it("a rank-3 array with --plot maps: the same usage error as read whole, when the charts are planned", async () => {
    const rank3 = writeNpy({ shape: [6, 3, 4], data: new Float32Array(72) });
    const { chartTasks } = await import("../../src/jobs/neurons-job.js");
    for (const streamed of [false, true]) {
      const { o, runs } = await runsOf(rank3, { plot: "maps" }, streamed);
      const d = await runs[0]!.load();
      expect(d.streamed !== undefined).toBe(streamed);
      await expect(chartTasks(d, o)).rejects.toThrow(/^--plot maps: acts.npy has shape \[6, 3, 4\], rank 3 \(expected rank 4/);
    }
  });

  it("past one buffer: maps of more samples than are held, or a baseline read whole, are E_TOO_LARGE naming the flag", async () => {
    // a 5 GB .npy of zeros, never stored: its header, then zeros wherever it is read
    const [n, c, h, w] = [40_000, 8, 64, 64];
    const head = npyHeader([n, c, h, w], 4);
    const header = new TextDecoder("latin1").decode(head);
    expect(header).toContain("(40000, 8, 64, 64)");
    const size = head.length + n * c * h * w * 4;
    const big = { size, read: async (offset: number, length: number) => { const out = new Uint8Array(Math.min(length, size - offset)); if (offset < head.length) out.set(head.subarray(offset, Math.min(head.length, offset + length))); return out; }, close: async () => undefined };
    const run = (flags: Record<string, unknown>) => neuronsRuns(neuronsOptionsSchema.parse({ input: "big.npy", out: "out", ...flags }), async () => new Uint8Array(0), undefined, undefined, undefined, { open: async () => big });
    await expect(run({ plot: "maps", samples: "0:2100" })).rejects.toThrow(/^big.npy: --plot maps of 2100 samples \(275251200 bytes held, past 268435456\) needs the whole file in memory, and its 5242880128 bytes are past the \d+ one buffer holds/);
    await expect(run({ plot: "summary", baseline: "-" })).rejects.toMatchObject({ code: "E_TOO_LARGE", message: expect.stringMatching(/^big.npy: --baseline \(a file read whole: stdin/) });
    // the first sample's maps are held: the run is made, nothing read yet but the header
    expect(await run({ plot: "maps", stats: "-" })).toHaveLength(1);
  });
});
