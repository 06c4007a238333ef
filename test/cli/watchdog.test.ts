import { beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeNpy } from "../../src/io/npy/write-npy.js";
import { tempDir } from "../temp-dir.js";

// The per-chart watchdog (src/render/chart-budget.ts), through the real CLI bundle started by
// support/hooked-bin.mjs, which sets a test seam: the N-th chart spins forever in synchronous code.
const root = fileURLToPath(new URL("../..", import.meta.url));
const hooked = join(root, "test", "cli", "support", "hooked-bin.mjs");
const built = existsSync(join(root, "dist", "bundle", "main.cjs"));

let dir: string;
tempDir("actviz-watchdog-", (d) => (dir = d), "all");
let input: string;
beforeAll(async () => {
  input = join(dir, "acts.npy");
  await writeFile(input, writeNpy({ shape: [20, 6], data: Float64Array.from({ length: 120 }, (_, i) => Math.sin(i)) }));
});

/**
 * Runs `neurons` with the 6th chart spinning; sends `signal` once the spin has started (the hook
 * says so on stderr). A 20 s SIGKILL guard catches a hang.
 */
function run(out: string, env: Record<string, string>, signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [hooked, "--slow-chart", "6", "--", "neurons", input, "--plot", "line", "--out", out, "-q"], { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    const guard = setTimeout(() => child.kill("SIGKILL"), 20_000);
    child.stderr.on("data", (b: Buffer) => {
      stderr += b.toString("utf8");
      if (signal && stderr.includes("slow chart started")) child.kill(signal);
    });
    child.on("close", (code, sig) => {
      clearTimeout(guard);
      resolve({ code, signal: sig, stderr });
    });
  });
}

/** No chart and no temporary file left under `out` (it may not exist at all). */
async function leftBehind(out: string): Promise<string[]> {
  return existsSync(out) ? await readdir(out) : [];
}

describe.runIf(built)("the per-chart watchdog", () => {
  it("a chart that spins past ACTVIZ_CHART_TIMEOUT_MS is stopped: exit 70, one line, nothing left behind", async () => {
    const out = join(dir, "timeout");
    const r = await run(out, { ACTVIZ_CHART_TIMEOUT_MS: "1000" });
    expect(r.signal).toBeNull();
    expect(r.code).toBe(70);
    expect(r.stderr).toMatch(/^actviz: internal error: a chart was still drawing after 1000 ms \(the ACTVIZ_CHART_TIMEOUT_MS budget\)/m);
    expect(await leftBehind(out)).toEqual([]);
  });

  it("Ctrl-C (SIGINT) during a spinning chart ends the run when the chart's budget runs out: exit 130, nothing left behind", async () => {
    const out = join(dir, "sigint");
    const r = await run(out, { ACTVIZ_CHART_TIMEOUT_MS: "2000" }, "SIGINT");
    expect(r.signal).toBeNull();
    expect(r.code).toBe(130);
    expect(await leftBehind(out)).toEqual([]);
  });

  it("SIGTERM during a spinning chart ends the run when the chart's budget runs out: exit 143, nothing left behind", async () => {
    const out = join(dir, "sigterm");
    const r = await run(out, { ACTVIZ_CHART_TIMEOUT_MS: "2000" }, "SIGTERM");
    expect(r.signal).toBeNull();
    expect(r.code).toBe(143);
    expect(await leftBehind(out)).toEqual([]);
  });
});

/**
 * Runs `neurons --weights` on a pass of 40 blocks of rows, each slowed by 100 ms of synchronous
 * work (hooked-bin.mjs --slow-pass, which says so on stderr after each block);
 * sends `signal` after the first block. A 20 s SIGKILL guard catches a hang.
 */
function runPass(out: string, signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null; blocks: number }> {
  return new Promise((resolve) => {
    const args = [hooked, "--slow-pass", "--", "neurons", "--weights", weights, "--input", passInput, "--plot", "line", "--neurons", "0", "--out", out, "-q"];
    const child = spawn(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    let sent = false;
    const guard = setTimeout(() => child.kill("SIGKILL"), 20_000);
    child.stderr.on("data", (b: Buffer) => {
      stderr += b.toString("utf8");
      if (!sent && stderr.includes("slow forward pass")) {
        sent = true;
        child.kill(signal);
      }
    });
    child.on("close", (code, sig) => {
      clearTimeout(guard);
      resolve({ code, signal: sig, blocks: stderr.split("slow forward pass").length - 1 });
    });
  });
}

let weights: string;
let passInput: string;
beforeAll(async () => {
  weights = join(dir, "mlp.json");
  passInput = join(dir, "x.npy");
  const w = (o: number, i: number, s: number) => Array.from({ length: o }, (_, r) => Array.from({ length: i }, (_, c) => Math.sin(s + r * 7 + c)));
  await writeFile(weights, JSON.stringify({ layers: [{ weight: w(4, 8, 1), bias: [0, 0, 0, 0], activation: "relu" }, { weight: w(2, 4, 2), bias: [0, 0], activation: "none" }] }));
  const rows = 40 * 256;
  await writeFile(passInput, writeNpy({ shape: [rows, 8], data: Float64Array.from({ length: rows * 8 }, (_, i) => Math.cos(i)) }));
});

describe.runIf(built)("a signal during a long forward pass", () => {
  // without the event loop turning between blocks, the signal would wait for all 40 blocks
  it.each([["SIGINT", 130], ["SIGTERM", 143]] as const)("%s ends the pass within a block or two (of 40): exit %i, nothing left behind", async (signal, code) => {
    const out = join(dir, `pass-${signal}`);
    const r = await runPass(out, signal);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(code);
    expect(r.blocks).toBeGreaterThanOrEqual(1);
    expect(r.blocks).toBeLessThanOrEqual(3);
    expect(await leftBehind(out)).toEqual([]);
  });
});
