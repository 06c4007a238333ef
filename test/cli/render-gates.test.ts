import { describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { main } from "../../src/cli/main.js";
import { capture } from "./capture.js";
import { tempDir } from "../temp-dir.js";

// a manifest's failOnDead / failOnNewDead are the CI gates `neurons` has: checked after every
// figure is written (or compared), one line per figure above its gate, exit 1
const hidden = resolve("fixtures/examples/digits-mlp-hidden.npy"); // 10 of 128 dead
const early = resolve("fixtures/examples/digits-mlp-early-hidden.npy"); // 3 newly dead vs it: 3, 12, 80

let dir: string;
tempDir("actviz-gates-", (d) => (dir = d));

async function render(figures: unknown[], ...args: string[]) {
  const path = join(dir, "actviz.config.json");
  await writeFile(path, JSON.stringify({ defaults: { width: 200, height: 120, plot: ["summary"] }, figures }, null, 2));
  const c = capture();
  const code = await main(["render", path, "-q", ...args], c.io);
  return { code, stderr: c.stderr() };
}

describe("actviz render: a figure's failOnDead and failOnNewDead", () => {
  it("render(figures above their gates) writes every figure, names each one above its gate, and exits 1", async () => {
    const r = await render([
      { command: "neurons", input: hidden, out: "a", failOnDead: 5 },
      { command: "neurons", input: hidden, out: "b", baseline: early, failOnNewDead: 0 },
      { command: "neurons", input: hidden, out: "c", failOnDead: 50 },
    ]);
    expect(r.code).toBe(1);
    for (const out of ["a", "b", "c"]) expect(existsSync(join(dir, out, "summary.png")), out).toBe(true);
    expect(r.stderr.split("\n").filter(Boolean)).toEqual([
      `actviz: figures[0] (neurons ${hidden}): 10 of 128 neurons dead (7.8%), above --fail-on-dead 5 (expected at most 5%)`,
      `actviz: figures[1] (neurons ${hidden}): 3 neurons newly dead (3, 12, 80) vs ${early}, above --fail-on-new-dead 0 (expected at most 0 newly dead neurons)`,
      "actviz: render: 2 of 3 figures above their CI gate (failOnDead, failOnNewDead)",
    ]);
  });

  it("render --check(figures above their gates, files up to date) still fails, after the check", async () => {
    const figures = [{ command: "neurons", input: hidden, out: "a", failOnDead: 5 }];
    expect((await render(figures)).code).toBe(1);
    const r = await render(figures, "--check");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("above --fail-on-dead 5");
  });

  it("render(figures within their gates) exits 0", async () => {
    const r = await render([
      { command: "neurons", input: hidden, out: "a", failOnDead: 10 },
      { command: "neurons", input: hidden, out: "b", baseline: early, failOnNewDead: 3 },
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });
});
