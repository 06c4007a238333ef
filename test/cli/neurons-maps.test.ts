import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { readNpy } from "../../src/io/npy/read-npy.js";
import { writeNpy } from "../../src/io/npy/write-npy.js";
import { featureMaps } from "../../src/jobs/neurons-maps.js";
import { decodePng, diffPixels, pngSize } from "../render/support/pixels.js";
import { tempDir } from "../temp-dir.js";
import { runMain } from "./capture.js";

const conv = "fixtures/examples/conv-features.npy"; // [24, 6, 5, 5], channel 2 dead
const nhwc = "fixtures/maps/conv-features-nhwc.npy"; // the same, [24, 5, 5, 6]
const reference = JSON.parse(readFileSync("fixtures/maps/maps-reference.json", "utf8")) as { sample: number; channels: number[]; maps: number[][][]; min: number; max: number };

let dir: string;
tempDir("actviz-maps-", (d) => (dir = d));

const run = (args: string[]) => runMain(["neurons", ...args]);
const bytes = (path: string) => {
  const b = readFileSync(path);
  return new Uint8Array(b.buffer, b.byteOffset, b.length);
};

describe("featureMaps(tensor, channelAxis, hAxis, wAxis, row, channels)", () => {
  it("featureMaps copies out exactly numpy's a[3, [4, 1]] from [N, C, H, W], and from [N, H, W, C] with channel axis 3", () => {
    const flat = reference.maps.flat(2);
    const a = featureMaps(readNpy(bytes(conv), conv), 1, 2, 3, reference.sample, reference.channels);
    const b = featureMaps(readNpy(bytes(nhwc), nhwc), 3, 1, 2, reference.sample, reference.channels);
    for (const m of [a, b]) {
      expect([m.height, m.width, m.channels]).toEqual([5, 5, [4, 1]]);
      expect(Array.from(m.data)).toEqual(flat);
      expect(m.data).toBeInstanceOf(Float32Array);
    }
  });
});

describe("actviz neurons --plot maps", () => {
  it("draws maps-<sample>.png for the first sample only by default, and names it on stdout", async () => {
    const r = await run([conv, "--plot", "maps", "--out", dir]);
    expect(r.code).toBe(0);
    expect(readdirSync(dir)).toEqual(["maps-00.png"]);
    expect(r.stdout()).toBe(`${join(dir, "maps-00.png")}\n`);
    expect(pngSize(readFileSync(join(dir, "maps-00.png")))).toEqual({ width: 800, height: 500 });
  });

  it("--samples 3:6 draws one image per sample, numbered as in the input", async () => {
    const r = await run([conv, "--plot", "maps", "--samples", "3:6", "--out", dir, "-q"]);
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(["maps-03.png", "maps-04.png", "maps-05.png"]);
  });

  it("[N, H, W, C] with --channel-axis 3 gives the very same image as [N, C, H, W]", async () => {
    await run([conv, "--plot", "maps", "--samples", "3:4", "--out", join(dir, "a"), "-q", "--title", "t"]);
    await run([nhwc, "--plot", "maps", "--channel-axis", "3", "--samples", "3:4", "--out", join(dir, "b"), "-q", "--title", "t"]);
    const a = await decodePng(readFileSync(join(dir, "a", "maps-03.png")));
    const b = await decodePng(readFileSync(join(dir, "b", "maps-03.png")));
    expect(diffPixels(a, b, 0).differing).toBe(0);
  });

  it("--top 2 picks the channels as for every plot: the image is --neurons of the two ranked highest, in rank order", async () => {
    const r = await run([conv, "--plot", "none", "--top", "2", "--stats", "-", "-q"]);
    const ranked = (JSON.parse(r.stdout()).per_neuron as { index: number; std: number }[]).sort((a, b) => b.std - a.std).map((n) => n.index);
    await run([conv, "--plot", "maps", "--top", "2", "--out", join(dir, "top"), "-q"]);
    await run([conv, "--plot", "maps", "--neurons", `${ranked[0]},${ranked[1]}`, "--out", join(dir, "picked"), "-q"]);
    await run([conv, "--plot", "maps", "--neurons", `${ranked[2]},${ranked[3]}`, "--out", join(dir, "other"), "-q"]);
    const top = await decodePng(readFileSync(join(dir, "top", "maps-00.png")));
    expect(diffPixels(top, await decodePng(readFileSync(join(dir, "picked", "maps-00.png"))), 0).differing).toBe(0);
    expect(diffPixels(top, await decodePng(readFileSync(join(dir, "other", "maps-00.png"))), 0).differing).toBeGreaterThan(1000);
  });

  it("writes SVG and PDF too, with --theme dark and --lang zh", async () => {
    const r = await run([conv, "--plot", "maps", "--format", "svg,pdf", "--theme", "dark", "--lang", "zh", "--out", dir, "-q"]);
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(["maps-00.pdf", "maps-00.svg"]);
    const svg = readFileSync(join(dir, "maps-00.svg"), "utf8");
    expect((svg.match(/<image/g) ?? []).length).toBeGreaterThanOrEqual(7); // 6 maps and the colour bar, one bitmap each
  });

  it("goes along with the other plots and the report: the statistics are the same", async () => {
    const alone = await run([conv, "--plot", "none", "--stats", "-", "-q"]);
    const r = await run([conv, "--plot", "maps,heatmap", "--stats", "-", "--out", dir, "-q"]);
    expect(r.code).toBe(0);
    expect(r.stdout()).toBe(alone.stdout());
    expect(readdirSync(dir).sort()).toEqual(["heatmap.png", "maps-00.png"]);
  });

  it("a rank-2 input is exit 2 naming its shape, and nothing is written", async () => {
    const r = await run(["fixtures/examples/digits-mlp-hidden.npy", "--plot", "line,maps", "--neurons", "0", "--out", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr()).toBe("actviz: --plot maps: fixtures/examples/digits-mlp-hidden.npy has shape [397, 128], rank 2 (expected rank 4: [samples, channels, height, width], or [samples, height, width, channels] with --channel-axis 3)\n");
    expect(readdirSync(dir)).toEqual([]);
  });

  it("a computed layer (rank 2) is exit 2 naming the layer and its shape", async () => {
    const r = await run(["--weights", "fixtures/examples/digits-mlp.safetensors", "--input", "fixtures/examples/digits-inputs.npy", "--activation", "relu", "--plot", "maps", "--out", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr()).toMatch(/^actviz: --plot maps: fixtures\/examples\/digits-inputs\.npy \(fc1\) has shape \[397, 128\], rank 2 \(expected rank 4/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("more maps than the image can show legibly is exit 2 with what to do", async () => {
    const r = await run([conv, "--plot", "maps", "--width", "64", "--height", "64", "--out", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr()).toMatch(/^actviz: --plot maps: 6 maps of 5x5 in 64x64 px would be \d+x\d+ px each \(expected at least 12 px: fewer channels with --top or --neurons, or a larger --width and --height\)\n$/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("maps whose values no colour scale can span (±1.7e308) are exit 2 naming the sample; NaN pixels are fine", async () => {
    const data = new Float64Array(2 * 2 * 3 * 3).fill(1);
    data[1] = NaN; // sample 0, channel 0
    data[18 + 4] = -1.7e308; // sample 1, channel 0
    data[18 + 9 + 4] = 1.7e308; // sample 1, channel 1
    const path = join(dir, "huge.npy");
    writeFileSync(path, writeNpy({ shape: [2, 2, 3, 3], data }));
    expect((await run([path, "--plot", "maps", "--out", join(dir, "ok"), "-q"])).code).toBe(0);
    const r = await run([path, "--plot", "maps", "--samples", "0:2", "--out", join(dir, "bad"), "-q"]);
    expect(r.code).toBe(2);
    expect(r.stderr()).toMatch(/^actviz: .*huge\.npy: sample 1: the maps' values span \[-1\.7e\+308, 1\.7e\+308\], wider than one colour scale can show \(expected /);
    expect(readdirSync(dir).sort()).toEqual(["huge.npy", "ok"]);
  });

  it("--help lists maps among the plot kinds", async () => {
    expect((await run(["--help"])).stdout()).toMatch(/--plot <kinds>\s+line, hist, heatmap, summary, maps/);
  });
});
