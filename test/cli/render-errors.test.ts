import { describe, expect, it } from "vitest";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { main } from "../../src/cli/main.js";
import { capture } from "./capture.js";

const bad = "fixtures/manifests/bad";

/** Every path under a folder, so a test sees that a refused manifest wrote nothing, not even a folder. */
function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).sort();
}

async function render(file: string) {
  const before = tree(bad);
  const c = capture();
  const code = await main(["render", join(bad, file)], c.io);
  expect(tree(bad), `${file} wrote nothing`).toEqual(before);
  return { code, stdout: c.stdout(), stderr: c.stderr() };
}

// one fixture per bad-manifest case: exit 2, one stderr line naming the manifest and the JSON path, nothing written
const cases: [file: string, message: string][] = [
  ["unknown-function.json", "figures[0].fn: unknown function 'rellu' (did you mean 'relu'?"],
  ["malformed.json", "malformed.json:3:39: malformed JSON"],
  ["unknown-key.json", "figures[0].colour: unknown option for curve (expected one of fn, range,"],
  ["wrong-type.json", "figures[0].samples: 'many' is not a whole number"],
  ["missing-input.json", "figures[0].input: 'no-such-acts.npy' is not a readable file"],
  ["out-outside.json", "figures[0].out: '../../x' is outside the manifest's folder"],
  ["out-absolute.json", "figures[0].out: '/tmp/actviz-elsewhere' is outside the manifest's folder"],
  ["export-outside.json", "figures[0].export: '../../../out.npy' is outside the manifest's folder"],
  ["duplicate-output.json", "figures[2]: writes 'figs/relu.png', as does figures[0]"],
  ["stdout-out.json", "figures[0].out: '-' (stdout/stdin) has no place in a manifest"],
  ["stdout-stats.json", "figures[0].stats: '-' (stdout/stdin) has no place in a manifest"],
  ["unknown-command.json", "figures[0].command: 'plot' is not a command (expected one of curve, neurons)"],
  ["defaults-unknown.json", "defaults.colour: unknown option"],
  ["defaults-wrong-type.json", "defaults.width (in figures[0]): 'wide' is not a whole number"],
  ["no-figures.json", "figures: missing or empty"],
  ["missing-font.json", "figures[0].font: 'fonts/missing.ttf': no such file"],
  ["missing-labels.json", "figures[0].labels: 'no-such-labels.npy' is not a readable file (expected a labels file, relative to the manifest)"],
  ["bad-input.json", "figures[1] (neurons ../../bad/empty.npy): ../../bad/empty.npy: file is empty"],
];

describe("actviz render: a bad manifest is refused whole, before anything is drawn", () => {
  for (const [file, message] of cases) {
    it(`render(${file}) exits 2 with one line: ${message}`, async () => {
      const r = await render(file);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toContain(`actviz: ${join(bad, file)}`);
      expect(r.stderr).toContain(message);
      expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    });
  }

  it("render(labels-not-array.json) fails the figure when it is loaded (validation sees that the labels exist), exit 2, nothing written", async () => {
    const r = await render("labels-not-array.json");
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      "actviz: figures[0] (neurons ../../examples/digits-mlp-hidden.npy): ../../examples/digits-mlp.json: $: not an array (expected a JSON array of integers or strings, one per sample)\n" +
        "actviz: render: 1 of 1 figure failed (the others were written)\n",
    );
  });

  it("render(missing file) names the manifest", async () => {
    const c = capture();
    expect(await main(["render", join(bad, "nope.json")], c.io)).toBe(2);
    expect(c.stderr()).toMatch(/nope\.json: cannot read the manifest: no such file/);
  });

  it("render with no FILE reads actviz.config.json in the current directory", async () => {
    const c = capture();
    expect(await main(["render"], c.io)).toBe(2);
    expect(c.stderr()).toMatch(/^actviz: actviz\.config\.json: cannot read the manifest/);
  });

  it("--shard and --tolerance are checked before the manifest is read", async () => {
    for (const [args, message] of [
      [["--shard", "3/2"], "--shard: '3/2' is not I/N"],
      [["--shard", "0/2"], "--shard: '0/2' is not I/N"],
      [["--compare", "pixels", "--tolerance", "2"], "--tolerance: '2' is not a fraction"],
      [["--tolerance", "0.1"], "--tolerance: only applies to --compare pixels"],
      [["--shard", "1/2", "--gallery"], "--gallery: a shard holds only some figures"],
    ] as const) {
      const c = capture();
      expect(await main(["render", join(bad, "unknown-function.json"), ...args], c.io), args.join(" ")).toBe(2);
      expect(c.stderr()).toContain(message);
    }
  });
});
