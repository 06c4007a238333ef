import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { tempDir } from "../temp-dir.js";

// End-to-end through the real bin (built by `npm test` before vitest runs).
const root = fileURLToPath(new URL("../..", import.meta.url));
const bin = join(root, "bin", "actviz.js");
const built = existsSync(join(root, "dist", "bundle", "main.cjs"));

function actviz(args: string[], locale = "C.UTF-8") {
  const r = spawnSync(process.execPath, [bin, ...args], { env: { ...process.env, LANG: locale, LC_ALL: locale } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.toString("utf8") };
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer) {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

let dir: string;
tempDir("actviz-bin-", (d) => (dir = d), "all");

describe.runIf(built)("bin/actviz (end to end)", () => {
  it("curve --fn relu --range -10,10 writes an 800x500 relu.png and prints its path", async () => {
    const r = actviz(["curve", "--fn", "relu", "--range", "-10,10", "--out", dir]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout.toString()).toBe(join(dir, "relu.png") + "\n");
    expect(pngSize(await readFile(join(dir, "relu.png")))).toEqual({ width: 800, height: 500 });
  });

  it("--scale 2 doubles the PNG's pixels", async () => {
    const r = actviz(["curve", "--fn", "tanh", "--scale", "2", "--out", join(dir, "hidpi")]);
    expect(r.code).toBe(0);
    expect(pngSize(await readFile(join(dir, "hidpi", "tanh.png")))).toEqual({ width: 1600, height: 1000 });
  });

  it("the same command twice gives byte-identical PNG, SVG and PDF files", async () => {
    const args = ["curve", "--fn", "sigmoid,gelu", "--derivative", "--saturation", "--format", "png,svg,pdf", "--lang", "zh", "-q"];
    expect(actviz([...args, "--out", join(dir, "a")]).code).toBe(0);
    expect(actviz([...args, "--out", join(dir, "b")]).code).toBe(0);
    const names = (await readdir(join(dir, "a"))).sort();
    expect(names).toEqual(["gelu.pdf", "gelu.png", "gelu.svg", "sigmoid.pdf", "sigmoid.png", "sigmoid.svg"]);
    for (const name of names) {
      expect(Buffer.compare(await readFile(join(dir, "a", name)), await readFile(join(dir, "b", name))), name).toBe(0);
    }
  });

  it("SVG output is sized in px, and identical whether it is the first or the fifth chart of a run", async () => {
    expect(actviz(["curve", "--fn", "elu", "--format", "svg", "-q", "--out", join(dir, "one")]).code).toBe(0);
    expect(actviz(["curve", "--fn", "relu,tanh,sigmoid,silu,elu", "--format", "svg", "-q", "--out", join(dir, "five")]).code).toBe(0);
    const one = await readFile(join(dir, "one", "elu.svg"), "utf8");
    expect(one).toMatch(/<svg[^>]*width="800(px)?"[^>]*height="500(px)?"/);
    expect(one).not.toMatch(/\d+pt"/);
    expect(await readFile(join(dir, "five", "elu.svg"), "utf8")).toBe(one);
  });

  it("tick labels do not follow the process locale: a German locale (0,5) gives the same PNG", () => {
    const c = actviz(["curve", "--fn", "sigmoid", "--out", "-"], "C.UTF-8");
    const de = actviz(["curve", "--fn", "sigmoid", "--out", "-"], "de_DE.UTF-8");
    expect(c.code).toBe(0);
    expect(de.code).toBe(0);
    // the premise: under this environment node's default number format is German
    const probe = spawnSync(process.execPath, ["-e", "process.stdout.write((0.5).toLocaleString())"], { env: { ...process.env, LANG: "de_DE.UTF-8", LC_ALL: "de_DE.UTF-8" } });
    expect(probe.stdout.toString()).toBe("0,5");
    expect(Buffer.compare(c.stdout, de.stdout)).toBe(0);
  });

  it("--out - writes one PDF to a pipe", () => {
    const r = actviz(["curve", "--fn", "relu", "--format", "pdf", "--out", "-"]);
    expect(r.code).toBe(0);
    expect(r.stdout.subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("a bad value exits 2 with one line and no stack trace", () => {
    const r = actviz(["curve", "--fn", "relu", "--range", "10,-10", "--out", join(dir, "never")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^actviz: --range: '10,-10' has MIN >= MAX \(expected MIN < MAX, e.g. -10,10\)\n$/);
    expect(existsSync(join(dir, "never"))).toBe(false);
  });

  it("--font FILE draws the text with that font: the PNG differs from the bundled font's", async () => {
    const bold = join(root, "node_modules", "@embedpdf", "fonts-sc", "fonts", "NotoSansHans-Bold.otf");
    expect(actviz(["curve", "--fn", "relu", "--font", bold, "-q", "--out", join(dir, "font")]).code).toBe(0);
    expect(actviz(["curve", "--fn", "relu", "-q", "--out", join(dir, "nofont")]).code).toBe(0);
    const a = await readFile(join(dir, "font", "relu.png"));
    const b = await readFile(join(dir, "nofont", "relu.png"));
    expect(pngSize(a)).toEqual({ width: 800, height: 500 });
    expect(Buffer.compare(a, b)).not.toBe(0);
  });

  it("--help, list, render --help and a CSV-only curve load neither canvas nor Chart.js (the bundle keeps chart code lazy)", () => {
    const hook = join(root, "test", "cli", "support", "record-requires.mjs");
    for (const args of [["--help"], ["list"], ["render", "--help"], ["curve", "--fn", "relu", "--format", "csv", "--out", "-"]]) {
      const r = spawnSync(process.execPath, ["--import", hook, bin, ...args], { encoding: "utf8" });
      expect(r.status, args.join(" ")).toBe(0);
      const required = JSON.parse(/REQUIRED (.*)/.exec(r.stderr)![1]!) as string[];
      expect(required.filter((id) => /canvas|chart\.js/.test(id)), args.join(" ")).toEqual([]);
    }
    // and a PNG does load them (the hook sees them)
    const png = spawnSync(process.execPath, ["--import", hook, bin, "curve", "--fn", "relu", "--out", dir, "-q"], { encoding: "utf8" });
    expect(png.stderr).toMatch(/"canvas"/);
  });

  it("a reader that stops early (| head -c 100) ends the run quietly: exit 0, no stack trace, the files still written", async () => {
    const { spawn } = await import("node:child_process");
    const stopEarly = (args: string[]) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [bin, ...args]);
        let stderr = "";
        child.stderr.on("data", (b: Buffer) => (stderr += b.toString("utf8")));
        // close our end after the first chunk: the output is far larger than a pipe's buffer
        child.stdout.once("data", () => child.stdout.destroy());
        child.on("close", (code) => resolve({ code, stderr }));
      });
    const csv = await stopEarly(["curve", "--fn", "all", "--format", "csv", "--overlay", "--out", "-"]);
    expect(csv).toEqual({ code: 0, stderr: "" });
    const out = join(dir, "stop-early");
    // the export of 397 x 128 values as CSV (~0.5 MB) to stdout, one chart to --out
    const neurons = await stopEarly(["neurons", join(root, "fixtures", "examples", "digits-mlp-hidden.npy"), "--plot", "summary", "--export", "-", "--export-format", "csv", "--out", out]);
    expect(neurons.code).toBe(0);
    expect(neurons.stderr).not.toMatch(/EPIPE|at |Error/);
    expect(await readdir(out)).toEqual(["summary.png"]);
  });

  it("Ctrl-C (SIGINT) in the middle of a run removes the charts drawn so far and exits 130", async () => {
    const { spawn } = await import("node:child_process");
    const out = join(dir, "interrupted");
    const child = spawn(process.execPath, [bin, "neurons", join(root, "fixtures", "examples", "digits-mlp-hidden.npy"), "--out", out, "-q"]);
    const closed = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    // wait until some charts are on disk under their temporary names, then interrupt
    const drawn = (names: string[]) => names.some((n) => n.startsWith(".neuron-") && n.includes(".actviz-tmp-"));
    for (let i = 0; i < 400 && !drawn(await readdir(out).catch(() => [])); i++) await new Promise((r) => setTimeout(r, 10));
    expect(drawn(await readdir(out))).toBe(true);
    child.kill("SIGINT");
    expect(await closed).toBe(130);
    expect(await readdir(out)).toEqual([]);
  });

  it("--help exits 0 with examples", () => {
    const r = actviz(["curve", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout.toString()).toMatch(/Examples:/);
  });

  it("neurons --weights --input - through stdin writes layer 1's heatmap; a 128-feature input exits 2 with one line and no file", async () => {
    const ex = join(root, "fixtures", "examples");
    const input = await readFile(join(ex, "digits-inputs.npy"));
    const out = join(dir, "weights");
    const r = spawnSync(process.execPath, [bin, "neurons", "--weights", join(ex, "digits-mlp.safetensors"), "--input", "-", "--activation", "relu", "--plot", "heatmap", "--out", out], { input });
    expect(r.status).toBe(0);
    expect(r.stdout.toString()).toBe(join(out, "heatmap.png") + "\n");
    expect(r.stderr.toString()).toMatch(/^layer 1 of 2 \(fc1\): 10 of 128 neurons dead/);
    expect(pngSize(await readFile(join(out, "heatmap.png")))).toEqual({ width: 800, height: 500 });
    const bad = join(dir, "bad-out");
    const e = actviz(["neurons", "--weights", join(ex, "digits-mlp.safetensors"), "--input", join(ex, "digits-mlp-hidden.npy"), "--activation", "relu", "--out", bad]);
    expect(e.code).toBe(2);
    expect(e.stderr).toBe(`actviz: ${join(ex, "digits-mlp-hidden.npy")}: fc1.weight is 128x64 (64 inputs) but the input has 128 features (expected 64 features per sample)\n`);
    expect(existsSync(bad)).toBe(false);
  });
});

describe.runIf(!built)("bin/actviz (end to end)", () => {
  it("needs a build: run `npm test`, which builds first", () => {
    expect.fail("dist/bundle/main.cjs is missing: run `npm run build` (npm test does it)");
  });
});
