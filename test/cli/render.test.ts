import { describe, expect, it } from "vitest";
import { mkdir, readFile, stat, writeFile, unlink } from "node:fs/promises";
import { readdirSync } from "node:fs";
import { createHash } from "node:crypto";
import { join, resolve, sep } from "node:path";
import { main } from "../../src/cli/main.js";
import { capture } from "./capture.js";
import { tempDir } from "../temp-dir.js";

const example = resolve("fixtures/examples/digits-mlp-hidden.npy");

let dir: string;
tempDir("actviz-render-", (d) => (dir = d));

const tree = () => readdirSync(dir, { recursive: true, encoding: "utf8" }).sort();

async function manifest(doc: unknown, name = "actviz.config.json"): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, JSON.stringify(doc, null, 2));
  return path;
}

/**
 * Runs `render` from the manifest's folder (`cwd`, by default the test's folder), where the paths
 * it prints for people (relative to the working directory) are the manifest's own.
 */
async function run(args: string[], cwd: string = dir) {
  const c = capture();
  const back = process.cwd();
  process.chdir(cwd);
  try {
    const code = await main(["render", ...args], c.io);
    return { code, stdout: c.stdout(), stderr: c.stderr() };
  } finally {
    process.chdir(back);
  }
}

// small, quick figures: a curve with flag-style strings, one with JSON types, a neurons figure
const doc = {
  defaults: { width: 320, height: 200 },
  figures: [
    { command: "curve", fn: "relu,tanh", range: "-5,5", samples: "101", derivative: true, out: "figs/curves" },
    { command: "curve", fn: ["sigmoid"], range: [-5, 5], samples: 101, format: ["png", "svg"], lang: "zh", out: "figs/zh" },
    { command: "neurons", input: example, neurons: "0-1", plot: ["line", "summary"], stats: "figs/report.json", out: "figs/neurons" },
  ],
};
const allFiles = [
  "figs/curves/relu.png", "figs/curves/tanh.png", "figs/zh/sigmoid.png", "figs/zh/sigmoid.svg",
  "figs/neurons/neuron-000.png", "figs/neurons/neuron-001.png", "figs/neurons/summary.png", "figs/report.json",
];

describe("actviz render", () => {
  it("render(manifest) writes every figure's files under the manifest's folder, as the commands would", async () => {
    const m = await manifest(doc);
    const r = await run([m]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split("\n")).toEqual(allFiles);
    // the same bytes as `actviz curve` with the same options (defaults applied)
    const c = capture();
    expect(await main(["curve", "--fn", "relu", "--range", "-5,5", "--derivative", "--width", "320", "--height", "200", "--samples", "101", "--out", join(dir, "cli"), "-q"], c.io)).toBe(0);
    expect(Buffer.compare(await readFile(join(dir, "figs/curves/relu.png")), await readFile(join(dir, "cli/relu.png")))).toBe(0);
    // "range": "-5,5" and "range": [-5, 5] are the same option; defaults applied to the neurons figure too
    const report = JSON.parse(await readFile(join(dir, "figs/report.json"), "utf8"));
    expect(report.source).toBe(example);
  });

  it("render(manifest) writes a figure's --partial part under the manifest's folder, as the command does, and --check finds it up to date", async () => {
    const m = await manifest({ figures: [{ command: "neurons", input: example, plot: "none", activation: "relu", partial: "parts/p.json" }] });
    const r = await run([m]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("parts/p.json\n");
    const c = capture();
    expect(await main(["neurons", example, "--activation", "relu", "--partial", "-"], c.io)).toBe(0);
    expect(await readFile(join(dir, "parts/p.json"), "utf8")).toBe(c.stdout());
    expect(await run([m, "--check"])).toMatchObject({ code: 0, stdout: "" });
    const dash = await manifest({ figures: [{ command: "neurons", input: example, partial: "-" }] }, "dash.json");
    expect((await run([dash])).code).toBe(2);
  });

  it("render(manifest) again rewrites nothing: every file is unchanged and keeps its mtime", async () => {
    const m = await manifest(doc);
    expect((await run([m])).code).toBe(0);
    const before = (await stat(join(dir, "figs/curves/relu.png"))).mtimeMs;
    const r = await run([m, "--json"]);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.files.map((f: { status: string }) => f.status)).toEqual(allFiles.map(() => "unchanged"));
    expect((await stat(join(dir, "figs/curves/relu.png"))).mtimeMs).toBe(before);
  });

  it("--check on a fresh folder lists every file as missing, exits 1 and writes nothing, not even a folder", async () => {
    const m = await manifest(doc);
    const before = tree();
    const r = await run([m, "--check"]);
    expect(r.code).toBe(1);
    expect(r.stdout.trim().split("\n")).toEqual(allFiles.map((p) => `missing\t${p}`));
    expect(r.stderr).toMatch(/render --check: 8 of 8 files stale or missing/);
    expect(tree()).toEqual(before);
  });

  it("--check after render exits 0; a changed file is stale, a deleted one missing, listed relative to the manifest", async () => {
    const m = await manifest(doc);
    await run([m]);
    expect(await run([m, "--check"])).toMatchObject({ code: 0, stdout: "" });
    await writeFile(join(dir, "figs/zh/sigmoid.svg"), "<svg/>");
    await unlink(join(dir, "figs/curves/tanh.png"));
    const before = tree();
    const r = await run([m, "--check"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("missing\tfigs/curves/tanh.png\nstale\tfigs/zh/sigmoid.svg\n");
    expect(tree()).toEqual(before);
    expect(await readFile(join(dir, "figs/zh/sigmoid.svg"), "utf8")).toBe("<svg/>");
  });

  it("--check with nothing stale says so in one line on stderr; --quiet silences it", async () => {
    const m = await manifest(doc);
    await run([m]);
    expect(await run([m, "--check"])).toEqual({ code: 0, stdout: "", stderr: "8 files up to date (3 figures)\n" });
    expect(await run([m, "--check", "--quiet"])).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("--check --diff DIR writes each stale file as committed and as drawn, a diff of PNGs, and an index.html whose every link resolves", async () => {
    const m = await manifest(doc);
    await run([m]);
    const drawn = await readFile(join(dir, "figs/curves/relu.png"));
    const tanh = await readFile(join(dir, "figs/curves/tanh.png"));
    await writeFile(join(dir, "figs/curves/relu.png"), tanh); // a committed figure that is now wrong
    await writeFile(join(dir, "figs/zh/sigmoid.svg"), "<svg/>");
    await unlink(join(dir, "figs/neurons/summary.png"));
    const out = join(dir, "check-diff");
    const r = await run([m, "--check", "--diff", out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("stale\tfigs/curves/relu.png\nstale\tfigs/zh/sigmoid.svg\nmissing\tfigs/neurons/summary.png\n");
    expect(r.stderr).toMatch(new RegExp(`^3 stale files: see ${out.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/index\\.html\n`));
    const files = readdirSync(out, { recursive: true, encoding: "utf8" }).filter((f) => /\.\w+$/.test(f)).sort();
    expect(files).toEqual([
      "figs/curves/relu.actual.png", "figs/curves/relu.diff.png", "figs/curves/relu.expected.png",
      "figs/neurons/summary.actual.png", "figs/zh/sigmoid.actual.svg", "figs/zh/sigmoid.expected.svg", "index.html",
    ].map((f) => f.split("/").join(sep)));
    expect(Buffer.compare(await readFile(join(out, "figs/curves/relu.expected.png")), tanh)).toBe(0);
    expect(Buffer.compare(await readFile(join(out, "figs/curves/relu.actual.png")), drawn)).toBe(0);
    const { PNG } = await import("pngjs");
    const diff = PNG.sync.read(await readFile(join(out, "figs/curves/relu.diff.png")));
    expect([diff.width, diff.height]).toEqual([320, 200]);
    // pixelmatch paints changed pixels red: the two curves differ in many pixels
    let red = 0;
    for (let i = 0; i < diff.data.length; i += 4) if (diff.data[i] === 255 && diff.data[i + 1] === 0 && diff.data[i + 2] === 0) red++;
    expect(red).toBeGreaterThan(100);
    const page = await readFile(join(out, "index.html"), "utf8");
    const links = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((x) => decodeURIComponent(x[1]!));
    expect(links.length).toBeGreaterThanOrEqual(6);
    for (const link of links) expect(readdirSync(join(out, link, ".."))).toContain(link.split("/").at(-1));
    expect(page).toContain("of 64000 pixels differ");
    // the figures themselves are untouched by --check
    expect(Buffer.compare(await readFile(join(dir, "figs/curves/relu.png")), tanh)).toBe(0);
  });

  it("--diff without --check is a usage error", async () => {
    const m = await manifest(doc);
    const r = await run([m, "--diff", join(dir, "d")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("actviz: --diff: only applies to --check (expected --check too)\n");
  });

  it("--check --compare pixels accepts a PNG re-encoded with other bytes but the same pixels; --compare bytes does not", async () => {
    const m = await manifest({ figures: [doc.figures[0]], defaults: doc.defaults });
    await run([m]);
    const { PNG } = await import("pngjs");
    const path = join(dir, "figs/curves/relu.png");
    const png = PNG.sync.read(await readFile(path));
    const reencoded = PNG.sync.write(png, { deflateLevel: 1 });
    expect(Buffer.compare(reencoded, await readFile(path))).not.toBe(0);
    await writeFile(path, reencoded);
    expect((await run([m, "--check"])).stdout).toBe("stale\tfigs/curves/relu.png\n");
    expect((await run([m, "--check", "--compare", "pixels"])).code).toBe(0);
    // a visibly different chart is stale under pixels too, unless the tolerance allows that many pixels
    png.data.fill(0, 0, png.data.length / 2);
    await writeFile(path, PNG.sync.write(png));
    expect((await run([m, "--check", "--compare", "pixels"])).code).toBe(1);
    expect((await run([m, "--check", "--compare", "pixels", "--tolerance", "0.6"])).code).toBe(0);
  });

  it("--check --gallery compares the page like any other file and writes neither it nor the figures", async () => {
    const m = await manifest(doc);
    const before = tree();
    const r = await run([m, "--check", "--gallery"]);
    expect(r.code).toBe(1);
    expect(r.stdout.trim().split("\n").at(-1)).toBe("missing\tgallery.html");
    expect(tree()).toEqual(before);
    expect((await run([m, "--gallery", "-q"])).code).toBe(0);
    expect(await run([m, "--check", "--gallery"])).toMatchObject({ code: 0, stdout: "" });
  });

  it("--json prints {files: [{path, bytes, sha256, status}]} on stdout and nothing else", async () => {
    const m = await manifest(doc);
    const r = await run([m, "--json"]);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ figures: 3, written: 8, unchanged: 0, stale: 0, missing: 0, failed: [] });
    for (const f of summary.files) {
      const bytes = await readFile(join(dir, f.path));
      expect(f).toEqual({ path: f.path, bytes: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex"), status: "written" });
    }
  });

  it("--shard I/N: the N shards are disjoint and together make every file", async () => {
    const m = await manifest(doc);
    const seen: string[] = [];
    for (const shard of ["1/2", "2/2"]) {
      const r = await run([m, "--shard", shard, "--json", "--check"]);
      seen.push(...JSON.parse(r.stdout).files.map((f: { path: string }) => f.path));
    }
    expect([...seen].sort()).toEqual([...allFiles].sort());
    expect(new Set(seen).size).toBe(seen.length);
    // a shard beyond the figures is empty, not an error
    const r = await run([m, "--shard", "5/5", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).files).toEqual([]);
  });

  it("--filter GLOB runs only the figures with an output matching it", async () => {
    const m = await manifest(doc);
    const r = await run([m, "--filter", "figs/zh/*.svg"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("figs/zh/sigmoid.png\nfigs/zh/sigmoid.svg\n");
    expect(tree().filter((p) => p.endsWith(".png") || p.endsWith(".svg"))).toEqual(["figs/zh/sigmoid.png", "figs/zh/sigmoid.svg"]);
  });

  it("a figure failing while drawing is named; the others still run and are written; exit 2", async () => {
    // 5000 px at scale 8 passes the options schema but is refused by the renderer (cairo's limit)
    const m = await manifest({
      figures: [
        { command: "curve", fn: "relu", samples: 11, width: 200, height: 100, out: "ok" },
        { command: "curve", fn: "tanh", samples: 11, width: 5000, height: 100, scale: 8, out: "big" },
        { command: "curve", fn: "sigmoid", samples: 11, width: 200, height: 100, out: "ok" },
      ],
    });
    const r = await run([m]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^actviz: figures\[1\] \(curve tanh\): /);
    expect(r.stderr).toMatch(/render: 1 of 3 figures failed \(the others were written\)/);
    expect(tree()).toEqual(["actviz.config.json", "ok", "ok/relu.png", "ok/sigmoid.png"]);
  });

  it("the report follows the manifest, not the order figures finish in (a CSV-only figure finishes first)", async () => {
    const m = await manifest({
      figures: [
        { command: "neurons", input: example, neurons: "0-5", width: 200, height: 100, out: "n" },
        { command: "curve", fn: "relu", samples: 11, format: "csv", out: "c" },
      ],
    });
    const r = await run([m]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split("\n")).toEqual([0, 1, 2, 3, 4, 5].map((i) => `n/neuron-00${i}.png`).concat("c/relu.csv"));
  });

  it("paths are relative to the manifest's folder, not the current directory", async () => {
    const m = await manifest({ figures: [{ command: "curve", fn: "relu", samples: 11, width: 200, height: 100, format: "csv", out: "here" }] }, "m.json");
    expect((await run([m, "-q"], process.cwd())).code).toBe(0);
    expect(tree()).toEqual(["here", "here/relu.csv", "m.json"]);
  });

  it("the paths printed for people are ones to open from the working directory; --json keeps them relative to the manifest", async () => {
    await mkdir(join(dir, "proj"), { recursive: true });
    const m = await manifest({ figures: [{ command: "curve", fn: "relu", samples: 11, width: 200, height: 100, format: "csv", out: "figs" }] }, "proj/m.json");
    expect((await run([m])).stdout).toBe("proj/figs/relu.csv\n");
    await writeFile(join(dir, "proj/figs/relu.csv"), "changed");
    expect((await run([m, "--check"])).stdout).toBe("stale\tproj/figs/relu.csv\n");
    expect(JSON.parse((await run([m, "--check", "--json"])).stdout).files[0].path).toBe("figs/relu.csv");
  });

  it("a weights figure (neurons --weights --input) renders as the command does, --layer all into layer-<n>/", async () => {
    const weights = resolve("fixtures/examples/digits-mlp.safetensors");
    const inputs = resolve("fixtures/examples/digits-inputs.npy");
    const m = await manifest({
      defaults: { width: 240, height: 160 },
      figures: [
        { command: "neurons", weights, input: inputs, activation: "relu", plot: "summary", out: "w" },
        { command: "neurons", weights, input: inputs, activation: "relu", layer: "all", plot: "heatmap", out: "all" },
      ],
    });
    const r = await run([m]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split("\n")).toEqual(["w/summary.png", "all/layer-1/heatmap.png", "all/layer-2/heatmap.png"]);
    const c = capture();
    const args = ["neurons", "--weights", weights, "--input", inputs, "--activation", "relu", "--plot", "summary", "--width", "240", "--height", "160", "--out", join(dir, "cli"), "-q"];
    expect(await main(args, c.io)).toBe(0);
    expect(Buffer.compare(await readFile(join(dir, "w/summary.png")), await readFile(join(dir, "cli/summary.png")))).toBe(0);
    // the second figure reuses the first one's read and pass (layer 1), and layer 2 starts from it:
    // the same bytes as the command computing layer 2 from the input
    const c2 = capture();
    const layer2 = ["neurons", "--weights", weights, "--input", inputs, "--activation", "relu", "--layer", "2", "--plot", "heatmap", "--width", "240", "--height", "160", "--out", join(dir, "cli2"), "-q"];
    expect(await main(layer2, c2.io)).toBe(0);
    expect(Buffer.compare(await readFile(join(dir, "all/layer-2/heatmap.png")), await readFile(join(dir, "cli2/heatmap.png")))).toBe(0);
    // and --check finds them unchanged
    expect((await run([m, "--check"])).code).toBe(0);
  });

  it("a weights figure whose input does not fit the first layer fails when loaded, naming the figure and both shapes; writes nothing", async () => {
    const m = await manifest({
      figures: [{ command: "neurons", weights: resolve("fixtures/examples/digits-mlp.safetensors"), input: example, activation: "relu", out: "w" }],
    });
    const r = await run([m]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^actviz: figures\[0\] \(neurons .*digits-mlp\.safetensors on .*digits-mlp-hidden\.npy\): .*fc1\.weight is 128x64 \(64 inputs\) but the input has 128 features/);
    expect(r.stderr.trim().split("\n")).toEqual([expect.any(String), "actviz: render: 1 of 1 figure failed (the others were written)"]);
    expect(tree()).toEqual(["actviz.config.json"]);
  });
});
