import { describe, expect, it } from "vitest";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { main } from "../../src/cli/main.js";
import { capture, runMain } from "./capture.js";
import { tempDir } from "../temp-dir.js";

let dir: string;
tempDir("actviz-curve-", (d) => (dir = d));

const run = (args: string[]) => runMain(["curve", ...args]);

describe("actviz curve --format csv/json", () => {
  it("curve --fn relu --range -10,10 --format csv writes relu.csv: header x,y, 1001 rows, exact ends", async () => {
    const r = await run(["--fn", "relu", "--range", "-10,10", "--format", "csv", "--out", dir]);
    expect(r.code).toBe(0);
    expect(r.stdout()).toBe(join(dir, "relu.csv") + "\n");
    const lines = (await readFile(join(dir, "relu.csv"), "utf8")).trimEnd().split("\n");
    expect(lines[0]).toBe("x,y");
    expect(lines).toHaveLength(1002);
    expect(lines[1]).toBe("-10,0");
    expect(lines[501]).toBe("0,0");
    expect(lines[1001]).toBe("10,10");
  });

  it("--derivative adds a dy column (relu′(0) = 0, PyTorch's convention)", async () => {
    await run(["--fn", "relu", "--samples", "5", "--range", "-2,2", "--derivative", "--format", "csv", "--out", dir]);
    expect(await readFile(join(dir, "relu.csv"), "utf8")).toBe("x,y,dy\n-2,0,0\n-1,0,0\n0,0,0\n1,1,1\n2,2,1\n");
  });

  it("numbers are written in shortest round-trip form", async () => {
    await run(["--fn", "sigmoid", "--samples", "3", "--range", "-1,1", "--format", "csv", "--out", dir]);
    const rows = (await readFile(join(dir, "sigmoid.csv"), "utf8")).trimEnd().split("\n").slice(1);
    for (const row of rows) {
      const [x, y] = row.split(",").map(Number);
      expect(String(1 / (1 + Math.exp(-x!)))).toBe(String(y));
      expect(row.split(",")[1]).toBe(String(y));
    }
  });

  it("--format json writes {fn, params, x, y, dy}", async () => {
    await run(["--fn", "elu", "--samples", "3", "--range", "-1,1", "--derivative", "--format", "json", "--out", dir]);
    const j = JSON.parse(await readFile(join(dir, "elu.json"), "utf8"));
    expect(j.fn).toBe("elu");
    expect(j.params).toEqual({ alpha: 1 });
    expect(j.x).toEqual([-1, 0, 1]);
    expect(j.y[0]).toBeCloseTo(Math.expm1(-1), 15);
    expect(j.y.slice(1)).toEqual([0, 1]);
    expect(j.dy).toEqual([Math.exp(-1), 1, 1]);
  });

  it("--param alpha=0.5,1,2 sweeps into one file named elu_alpha=0.5,1,2 with a column per value", async () => {
    const r = await run(["--fn", "elu", "--param", "alpha=0.5,1,2", "--samples", "3", "--format", "csv", "--out", dir]);
    expect(r.code).toBe(0);
    expect(await readdir(dir)).toEqual(["elu_alpha=0.5,1,2.csv"]);
    const header = (await readFile(join(dir, "elu_alpha=0.5,1,2.csv"), "utf8")).split("\n")[0];
    expect(header).toBe("x,y[alpha=0.5],y[alpha=1],y[alpha=2]");
  });

  it("a parameter equal to the default still names the file, so the name says what was asked", async () => {
    await run(["--fn", "leaky_relu", "--param", "negative_slope=0.2", "--samples", "2", "--format", "csv", "--out", dir]);
    expect(await readdir(dir)).toEqual(["leaky_relu_negative_slope=0.2.csv"]);
  });

  it("aliases resolve to canonical names: --fn lrelu,logistic writes leaky_relu and sigmoid", async () => {
    await run(["--fn", "lrelu", "--fn", "logistic", "--samples", "2", "--format", "csv", "--out", dir]);
    expect((await readdir(dir)).sort()).toEqual(["leaky_relu.csv", "sigmoid.csv"]);
  });

  it("--param applies to each selected function that has it", async () => {
    await run(["--fn", "elu,celu,relu", "--param", "alpha=2", "--samples", "2", "--format", "csv", "--out", dir]);
    expect((await readdir(dir)).sort()).toEqual(["celu_alpha=2.csv", "elu_alpha=2.csv", "relu.csv"]);
  });

  it("--overlay --format csv,json writes overlay.csv and overlay.json with one series per function", async () => {
    await run(["--fn", "relu,tanh", "--overlay", "--samples", "3", "--format", "csv,json", "--out", dir]);
    expect((await readdir(dir)).sort()).toEqual(["overlay.csv", "overlay.json"]);
    expect((await readFile(join(dir, "overlay.csv"), "utf8")).split("\n")[0]).toBe("x,y[ReLU],y[Tanh]");
    const j = JSON.parse(await readFile(join(dir, "overlay.json"), "utf8"));
    expect(j.series.map((s: { fn: string }) => s.fn)).toEqual(["relu", "tanh"]);
    expect(j.x).toEqual([-10, 0, 10]);
  });

  it("--out - writes the single CSV to stdout and prints no path", async () => {
    const r = await run(["--fn", "relu", "--samples", "2", "--format", "csv", "--out", "-"]);
    expect(r.code).toBe(0);
    expect(r.stdout()).toBe("x,y\n-10,0\n10,10\n");
  });

  it("--quiet prints nothing", async () => {
    const r = await run(["--fn", "relu", "--samples", "2", "--format", "csv", "--out", dir, "--quiet"]);
    expect(r.stdout()).toBe("");
    expect(await readdir(dir)).toEqual(["relu.csv"]);
  });

  it("--out creates a missing directory", async () => {
    const out = join(dir, "a", "b");
    const r = await run(["--fn", "relu", "--samples", "2", "--format", "csv", "--out", out]);
    expect(r.code).toBe(0);
    expect(await readdir(out)).toEqual(["relu.csv"]);
  });
});

describe("actviz help and list", () => {
  it("actviz --help shows commands and examples, exit 0", async () => {
    const c = capture();
    expect(await main(["--help"], c.io)).toBe(0);
    expect(c.stdout()).toMatch(/curve/);
    expect(c.stdout()).toMatch(/Examples:/);
  });

  it("actviz curve --help lists every flag with examples", async () => {
    const c = capture();
    expect(await main(["curve", "--help"], c.io)).toBe(0);
    for (const flag of ["--fn", "--range", "--samples", "--param", "--derivative", "--saturation", "--overlay", "--format", "--out", "--width", "--height", "--scale", "--title", "--x-label", "--y-label", "--lang", "--theme", "--font", "--quiet"]) {
      expect(c.stdout()).toContain(flag);
    }
    expect(c.stdout()).toMatch(/\$ actviz curve --fn relu --range -10,10/);
  });

  it("actviz list --json has every function with aliases, params, formula and range", async () => {
    const c = capture();
    expect(await main(["list", "--json"], c.io)).toBe(0);
    const rows = JSON.parse(c.stdout()) as { name: string; aliases: string[]; params: { name: string; default: unknown }[]; formula: string; range: { min: number | null; max: number | null } }[];
    expect(rows.length).toBeGreaterThanOrEqual(39);
    const sig = rows.find((r) => r.name === "sigmoid")!;
    expect(sig.aliases).toContain("logistic");
    expect(sig.range).toEqual({ min: 0, max: 1 });
    expect(rows.find((r) => r.name === "relu")!.range).toEqual({ min: 0, max: null });
    expect(rows.find((r) => r.name === "leaky_relu")!.params).toEqual([expect.objectContaining({ name: "negative_slope", default: 0.01 })]);
    expect(rows.every((r) => r.formula.length > 0)).toBe(true);
  });

  it("actviz list prints a table with a header and one row per function", async () => {
    const c = capture();
    expect(await main(["list"], c.io)).toBe(0);
    const lines = c.stdout().trimEnd().split("\n");
    expect(lines[0]).toMatch(/^NAME \(ALIASES\)\s+PARAMETERS\s+RANGE\s+FORMULA$/);
    expect(lines.some((l) => /^leaky_relu \(lrelu\)\s+negative_slope=0.01/.test(l))).toBe(true);
  });

  it("actviz --version prints the version", async () => {
    const c = capture();
    expect(await main(["--version"], c.io)).toBe(0);
    expect(c.stdout()).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe("actviz with no command", () => {
  it("prints the help on stderr and exits 2", async () => {
    const c = capture();
    expect(await main([], c.io)).toBe(2);
    expect(c.stderr()).toMatch(/Usage: actviz/);
    expect(c.stdout()).toBe("");
  });
});
