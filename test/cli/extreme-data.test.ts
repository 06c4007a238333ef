import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeNpy } from "../../src/io/npy/write-npy.js";
import { tempDir } from "../temp-dir.js";

// Issue #7: each case once hung (100% CPU, deaf to SIGTERM) or exited 70. Through the real bin,
// so a hang is killed by the 20 s guard and fails the test instead of freezing the test run.
const root = fileURLToPath(new URL("../..", import.meta.url));
const bin = join(root, "bin", "actviz.js");
const built = existsSync(join(root, "dist", "bundle", "main.cjs"));
const MAX = Number.MAX_VALUE;

function actviz(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { timeout: 20_000, killSignal: "SIGKILL" });
  return { code: r.status, signal: r.signal, stderr: r.stderr.toString("utf8") };
}

let dir: string;
tempDir("actviz-extreme-", (d) => (dir = d), "all");

async function npy(name: string, shape: number[], values: number[]): Promise<string> {
  const path = join(dir, `${name}.npy`);
  await writeFile(path, writeNpy({ shape, data: Float64Array.from(values) }));
  return path;
}

/** Runs `neurons file --plot kind` into a fresh folder: exit 0, no signal, and the files listed. */
async function plotsOk(file: string, kind: string, expected: string[]) {
  const out = join(dir, `out-${kind}-${Math.random().toString(36).slice(2)}`);
  const r = actviz(["neurons", file, "--plot", kind, "--out", out, "-q"]);
  expect(r.signal, `${kind}: killed by the hang guard`).toBeNull();
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  expect((await readdir(out)).sort()).toEqual(expected);
}

describe.runIf(built)("extreme data never hangs: every case exits 0 or 2", () => {
  for (const [kind, files] of [["line", ["neuron-0.png"]], ["hist", ["hist-0.png"]], ["summary", ["summary.png"]], ["heatmap", ["heatmap.png"]]] as const) {
    it(`neurons --plot ${kind} on a subnormal column [0, 5e-324, 1e-320] draws it`, async () => {
      await plotsOk(await npy(`sub-${kind}`, [3], [0, 5e-324, 1e-320]), kind, [...files]);
    });
  }

  for (const [kind, files] of [["line", ["neuron-0.png", "neuron-1.png", "neuron-2.png"]], ["hist", ["hist-0.png", "hist-1.png", "hist-2.png"]], ["summary", ["summary.png"]], ["heatmap", ["heatmap.png"]]] as const) {
    it(`neurons --plot ${kind} on a matrix with one subnormal column among ordinary ones draws every neuron`, async () => {
      await plotsOk(await npy(`mixed-${kind}`, [3, 3], [0, 1, -2, 5e-324, 2, 3, 1e-320, 0.5, 4]), kind, [...files]);
    });
  }

  it("curve --fn relu --range 0,1e-320 is a usage error naming --range", () => {
    const r = actviz(["curve", "--fn", "relu", "--range", "0,1e-320", "--out", join(dir, "c1")]);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^actviz: --range: '0,1e-320' spans only 1e-320, too narrow for an axis \(expected MAX - MIN of at least .*\)\n$/);
    expect(existsSync(join(dir, "c1"))).toBe(false);
  });

  it("curve --fn relu --range -1.7976931348623157e308,0 draws relu.png (with --derivative --saturation too)", async () => {
    const out = join(dir, "c2");
    const r = actviz(["curve", "--fn", "relu", "--range=-1.7976931348623157e308,0", "--derivative", "--saturation", "--out", out, "-q"]);
    expect(r.signal).toBeNull();
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(await readdir(out)).toEqual(["relu.png"]);
  });

  it("curve --range -MAX,MAX (a span that overflows) is a usage error naming --range", () => {
    const r = actviz(["curve", "--fn", "relu", "--range=-1.7976931348623157e308,1.7976931348623157e308", "--out", join(dir, "c3")]);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^actviz: --range: .* spans more than the largest double \(expected MAX - MIN at most .*\)\n$/);
  });

  it("neurons --plot hist on a constant column of 1e300 draws one bar (not exit 70)", async () => {
    await plotsOk(await npy("const300", [4], [1e300, 1e300, 1e300, 1e300]), "hist", ["hist-0.png"]);
  });

  it("neurons --plot hist on a constant column of MAX_VALUE draws one bar", async () => {
    await plotsOk(await npy("constmax", [3], [MAX, MAX, MAX]), "hist", ["hist-0.png"]);
  });

  it("neurons --plot hist on a column spanning [-MAX, MAX] is an input error naming the file and neuron", async () => {
    const file = await npy("fullspan", [3, 2], [-MAX, 1, 0, 2, MAX, 3]);
    const out = join(dir, "fullspan-out");
    const r = actviz(["neurons", file, "--plot", "hist", "--out", out]);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^actviz: .*fullspan\.npy: neuron 0: values span \[-1\.7976931348623157e\+308, 1\.7976931348623157e\+308\], wider than an axis can show \(expected .*\)\n$/);
    expect(existsSync(out)).toBe(false);
  });

  it("neurons --plot summary on neurons that span [-MAX, MAX] together is an input error naming both", async () => {
    const file = await npy("together", [2, 2], [-MAX, 0, -1, MAX]);
    const r = actviz(["neurons", file, "--plot", "summary", "--out", join(dir, "together-out")]);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/together\.npy: neurons 0 and 1: values span .* together/);
  });

  it("neurons --plot heatmap on one neuron from -1 to MAX: its colour scale centred on 0 would be ±MAX, an input error naming the neuron once", async () => {
    const file = await npy("centred", [2, 1], [-1, MAX]);
    const out = join(dir, "centred-out");
    const r = actviz(["neurons", file, "--plot", "heatmap", "--out", out]);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/centred\.npy: neuron 0: values span \[-1, 1\.7976931348623157e\+308\], and the heatmap's colour scale, centred on 0, would span ±1\.7976931348623157e\+308: wider than it can show \(expected .*; plot it without heatmap, or pick other --neurons\)\n$/);
    expect(existsSync(out)).toBe(false);
    // the same values drawn without the heatmap are fine
    expect(actviz(["neurons", file, "--plot", "line,summary", "--out", out, "-q"]).code).toBe(0);
  });

  it("neurons --weights: a computed layer too wide to draw is named by the input and the layer", async () => {
    const weights = join(dir, "wide.json");
    await writeFile(weights, JSON.stringify({ layers: [{ name: "fc1", weight: [[1e308], [-1e308]], bias: [0, 0], activation: "none" }] }));
    const input = await npy("wide-x", [2, 1], [1, 1.5]);
    const r = actviz(["neurons", "--weights", weights, "--input", input, "--plot", "summary", "--out", join(dir, "wide-out")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/wide-x\.npy \(fc1 of .*wide\.json\): neurons 1 and 0: values span \[-1\.5e\+308, 1\.5e\+308\] together/);
  });

  it.runIf(existsSync("/proc/self"))("neurons --stats or --export under /proc is an output error at once (no directories are made for them)", async () => {
    const file = await npy("small", [2, 2], [0, 1, 2, 3]);
    for (const flag of ["--stats", "--export"]) {
      const r = actviz(["neurons", file, "--plot", "none", flag, "/proc/x/y/out.json"]);
      expect(r.signal).toBeNull();
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^actviz: cannot write '\/proc\/x\/y\/out\.json': /);
    }
  });

  it.runIf(existsSync("/proc/self"))("curve --out /proc/x/y is an output error naming the first level that cannot be made", () => {
    const r = actviz(["curve", "--fn", "relu", "--out", "/proc/x/y"]);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^actviz: --out \/proc\/x\/y: cannot create '\/proc\/x': .* \(expected a writable directory\)\n$/);
  });
});
