import { describe, expect, it } from "vitest";
import { readdirSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { main } from "../../src/cli/main.js";
import { testSeams } from "../../src/test-seams.js";
import { capture } from "./capture.js";
import { tempDir } from "../temp-dir.js";

// validate -> plan -> load: every figure's options, paths and headers are checked before anything
// is drawn, but only the chosen figures' data is read and only their passes are run
const hidden = resolve("fixtures/examples/digits-mlp-hidden.npy");
const corruptNpz = resolve("fixtures/bad/npz-corrupt-deflate.npz"); // a zip directory fine, a member's deflate data not
const truncatedNpy = resolve("fixtures/bad/npy-truncated.npy");
const weights = resolve("fixtures/examples/digits-mlp.safetensors");
const inputs = resolve("fixtures/examples/digits-inputs.npy");
const small = { width: 200, height: 120 };

let dir: string;
tempDir("actviz-shard-", (d) => (dir = d));

const tree = () => readdirSync(dir, { recursive: true, encoding: "utf8" }).sort();

async function manifest(figures: unknown[]): Promise<string> {
  const path = join(dir, "actviz.config.json");
  await writeFile(path, JSON.stringify({ defaults: small, figures }, null, 2));
  return path;
}

/** Runs `render ARGS` from the manifest's folder. */
async function run(args: string[]) {
  const c = capture();
  const back = process.cwd();
  process.chdir(dir);
  try {
    const code = await main(["render", ...args], c.io);
    return { code, stdout: c.stdout(), stderr: c.stderr() };
  } finally {
    process.chdir(back);
  }
}

/** The forward passes' blocks of rows run while `fn` runs (the pass seam, counting). */
async function passBlocks<T>(fn: () => Promise<T>): Promise<{ blocks: number; result: T }> {
  let blocks = 0;
  testSeams.passBlock = () => void blocks++;
  try {
    return { result: await fn(), blocks };
  } finally {
    delete testSeams.passBlock;
  }
}

describe("actviz render --shard: a shard reads and computes only its own figures", () => {
  it("--shard 1/2 draws figure 1 though figure 2's data is corrupt where validation does not read; --shard 2/2 fails naming the file", async () => {
    const m = await manifest([
      { command: "neurons", input: hidden, neurons: "0-1", out: "a" },
      { command: "neurons", input: corruptNpz, out: "b" },
    ]);
    const one = await run([m, "--shard", "1/2"]);
    expect(one).toEqual({ code: 0, stdout: "a/neuron-000.png\na/neuron-001.png\n", stderr: "" });
    expect(await run([m, "--shard", "1/2", "--check"])).toEqual({ code: 0, stdout: "", stderr: "2 files up to date (1 figure)\n" });
    const before = tree();
    const two = await run([m, "--shard", "2/2"]);
    expect(two.code).toBe(2);
    expect(two.stdout).toBe("");
    expect(two.stderr).toBe(
      `actviz: figures[1] (neurons ${corruptNpz}): ${corruptNpz}: entry 'acts.npy': corrupt deflate data (invalid block type) (expected a valid deflate stream)\n` +
        "actviz: render: 1 of 1 figure failed (the others were written)\n",
    );
    expect(tree()).toEqual(before);
    // the whole manifest: the good figure is written, the bad one named, exit 2
    const all = await run([m, "--json"]);
    expect(all.code).toBe(2);
    expect(JSON.parse(all.stdout)).toMatchObject({ figures: 2, unchanged: 2, failed: [{ figure: `figures[1] (neurons ${corruptNpz})` }] });
  });

  it("a header error (a .npy shorter than its shape) fails every shard at validation, before anything is drawn", async () => {
    const m = await manifest([
      { command: "curve", fn: "relu", samples: 11, out: "c" },
      { command: "neurons", input: truncatedNpy, out: "n" },
    ]);
    for (const shard of [["--shard", "1/2"], ["--shard", "2/2"], ["--shard", "1/5"], []]) {
      const r = await run([m, ...shard]);
      expect(r.code, shard.join(" ")).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toBe(`actviz: ${m}: figures[1] (neurons ${truncatedNpy}): ${truncatedNpy}: byte 128: shape (3, 4) of '<f4' needs 48 data bytes but the file has 43 (expected 48 bytes after the header)\n`);
      expect(tree()).toEqual(["actviz.config.json"]);
    }
  });

  it("--neurons beyond the columns a .npy header declares fails every shard at validation, as the full read would word it", async () => {
    const m = await manifest([
      { command: "curve", fn: "relu", samples: 11, out: "c" },
      { command: "neurons", input: hidden, neurons: "0,200", out: "n" },
    ]);
    for (const shard of ["1/2", "2/2"]) {
      const r = await run([m, "--shard", shard]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`actviz: ${m}: figures[1] (neurons ${hidden}): --neurons: neuron 200 is out of range (valid: 0-127)\n`);
      expect(tree()).toEqual(["actviz.config.json"]);
    }
  });

  it("a weights file whose header's offsets pass its end fails every shard at validation", async () => {
    const bad = resolve("fixtures/bad/safetensors-offsets-beyond.safetensors");
    const m = await manifest([
      { command: "curve", fn: "relu", samples: 11, out: "c" },
      { command: "neurons", weights: bad, input: inputs, plot: "summary", out: "w" },
    ]);
    for (const shard of ["1/2", "2/2"]) {
      const r = await run([m, "--shard", shard]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`actviz: ${m}: figures[1] (neurons ${bad} on ${inputs}): ${bad}: tensor 'w': data_offsets [0, 16] fall outside the 8 data bytes (expected 0 <= begin <= end <= 8)\n`);
      expect(tree()).toEqual(["actviz.config.json"]);
    }
  });

  it("the forward passes of a weights figure run only in its own shard", async () => {
    const m = await manifest([
      { command: "neurons", input: hidden, plot: "heatmap", out: "a" },
      { command: "neurons", weights, input: inputs, activation: "relu", plot: "summary", out: "w" },
    ]);
    const one = await passBlocks(() => run([m, "--shard", "1/2"]));
    expect(one.result).toEqual({ code: 0, stdout: "a/heatmap.png\n", stderr: "" });
    expect(one.blocks).toBe(0);
    const two = await passBlocks(() => run([m, "--shard", "2/2"]));
    expect(two.result).toEqual({ code: 0, stdout: "w/summary.png\n", stderr: "" });
    expect(two.blocks).toBeGreaterThan(0);
  });
});

describe("actviz render --filter: figures with known names match without reading data; deferred ones are loaded to learn them", () => {
  async function filtered() {
    await writeFile(join(dir, "acts.csv"), "first,second\n1,2\n3,4\n2,0\n");
    return manifest([
      // names known from the .npy's header: a/neuron-000.png, a/neuron-001.png
      { command: "neurons", input: hidden, neurons: "0-1", out: "a" },
      // names known from the options alone (a summary), data corrupt
      { command: "neurons", input: corruptNpz, plot: "summary", out: "b" },
      // names deferred: a CSV's header is not read at validation
      { command: "neurons", input: "acts.csv", out: "c" },
    ]);
  }

  it("--filter 'a/*' draws figure 1 only: figure 2 (known names) is never read, figure 3 (deferred) is loaded, does not match, and is dropped", async () => {
    const m = await filtered();
    expect(await run([m, "--filter", "a/*"])).toEqual({ code: 0, stdout: "a/neuron-000.png\na/neuron-001.png\n", stderr: "" });
    expect(tree().filter((p) => p.endsWith(".png"))).toEqual(["a/neuron-000.png", "a/neuron-001.png"]);
  });

  it("--filter 'c/neuron-1.png' draws the deferred figure whose loaded names match, all its files", async () => {
    const m = await filtered();
    expect(await run([m, "--filter", "c/neuron-1.png"])).toEqual({ code: 0, stdout: "c/neuron-0.png\nc/neuron-1.png\n", stderr: "" });
  });

  it("--filter 'b/*' loads figure 2, whose corrupt data fails it, exit 2", async () => {
    const m = await filtered();
    const r = await run([m, "--filter", "b/*"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`actviz: figures[1] (neurons ${corruptNpz}): ${corruptNpz}: entry 'acts.npy': corrupt deflate data`);
  });

  it("a deferred figure of corrupt data fails any --filter run of its shard, as it is loaded to learn its names; the others are still drawn", async () => {
    const m = await manifest([
      { command: "neurons", input: hidden, neurons: "0", out: "a" },
      { command: "neurons", input: corruptNpz, out: "b" },
    ]);
    const r = await run([m, "--filter", "a/*"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("a/neuron-000.png\n");
    expect(r.stderr).toContain("actviz: figures[1] (neurons");
    // its own shard holds no deferred figure: nothing else is loaded
    expect(await run([m, "--filter", "a/*", "--shard", "1/2"])).toEqual({ code: 0, stdout: "", stderr: "" });
  });
});

describe("actviz render: each file made by one figure, names known or not", () => {
  it("a figure whose files are named by its data is refused at validation beside one that writes a file it may make", async () => {
    await writeFile(join(dir, "acts.csv"), "1,2\n3,4\n");
    const m = await manifest([
      { command: "neurons", input: "acts.csv", out: "x" },
      { command: "neurons", input: hidden, neurons: "3", out: "x" },
    ]);
    const r = await run([m]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`actviz: ${m}: figures[1]: may write 'x/neuron-003.png', as may figures[0] ('x/neuron-<n>.png') (expected each file made by one figure: another out folder for one of them)\n`);
    expect(tree()).toEqual(["acts.csv", "actviz.config.json"]);
  });

  it("figures of one out folder whose file families differ are accepted: a deferred line plot beside a heatmap and a --layer all run elsewhere", async () => {
    await writeFile(join(dir, "acts.csv"), "1,2\n3,4\n");
    const m = await manifest([
      { command: "neurons", input: "acts.csv", out: "x" },
      { command: "neurons", input: hidden, plot: "heatmap,hist", neurons: "3", out: "x" },
      { command: "neurons", weights, input: inputs, activation: "relu", layer: "all", plot: "heatmap", out: "x/w" },
    ]);
    const r = await run([m, "--shard", "1/3"]);
    expect(r).toEqual({ code: 0, stdout: "x/neuron-0.png\nx/neuron-1.png\n", stderr: "" });
  });
});
