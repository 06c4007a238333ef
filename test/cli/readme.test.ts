import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { main } from "../../src/cli/main.js";
import { capture } from "./capture.js";

const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

async function flagsOf(command: string): Promise<string[]> {
  const c = capture();
  expect(await main([command, "--help"], c.io)).toBe(0);
  return [...new Set(c.stdout().match(/--[a-z][a-z-]+/g) ?? [])].filter((f) => f !== "--help");
}

describe("README.md documents the CLI", () => {
  it.each(["curve", "neurons", "render", "layers"])("every flag of `actviz %s --help` appears in the README", async (command) => {
    const flags = await flagsOf(command);
    expect(flags.length).toBeGreaterThan(command === "render" ? 6 : command === "layers" ? 3 : 10);
    const missing = flags.filter((f) => !readme.includes(`\`${f}`) && !readme.includes(`${f} `));
    expect(missing).toEqual([]);
  });

  it("opens with the setup-and-run command and the test command", () => {
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)![1]!;
    expect(firstBlock).toMatch(/npm ci && npx actviz curve /);
    expect(firstBlock).toMatch(/^npm test$/m);
  });

  it("every image the README shows exists", () => {
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]!);
    expect(images.length).toBeGreaterThan(8);
    for (const path of images) expect(() => readFileSync(new URL(`../../${path}`, import.meta.url)), path).not.toThrow();
  });
});

/** Each `$ actviz ...` line of the README's code blocks (with its `\` continuations) and the lines shown under it. */
function transcripts(): { command: string; shown: string }[] {
  const out: { command: string; shown: string }[] = [];
  for (const block of readme.matchAll(/```[a-z]*\n([\s\S]*?)```/g)) {
    const lines = block[1]!.split("\n");
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i]!.startsWith("$ actviz ")) continue;
      let command = lines[i]!.slice("$ actviz ".length);
      while (command.endsWith("\\")) command = command.slice(0, -1).trimEnd() + " " + lines[++i]!.trim();
      const shown: string[] = [];
      while (i + 1 < lines.length && !lines[i + 1]!.startsWith("$ ")) shown.push(lines[++i]!);
      while (shown.length > 0 && shown.at(-1) === "") shown.pop();
      out.push({ command, shown: shown.join("\n") });
    }
  }
  return out;
}

describe("README.md transcripts run as written", () => {
  let cwd: string;
  const shownOutput = transcripts();

  it("the README has transcripts to check", () => {
    expect(shownOutput.length).toBeGreaterThan(12);
  });

  // each runs in a fresh folder holding a link to fixtures/ (the commands name shipped files), so
  // the charts it writes land there; stdout then stderr, as a terminal shows them (paths first)
  it.each(shownOutput.map((t) => [t.command, t.shown] as const))("$ actviz %s", async (command, shown) => {
    cwd = mkdtempSync(join(tmpdir(), "actviz-readme-"));
    symlinkSync(resolve("fixtures"), join(cwd, "fixtures"));
    const back = process.cwd();
    process.chdir(cwd);
    try {
      const c = capture();
      await main(command.split(/\s+/).filter(Boolean).map((a) => a.replace(/^'(.*)'$/, "$1")), c.io);
      const printed = (c.stdout() + c.stderr()).replace(/\n$/, "");
      expect(printed).toBe(shown);
    } finally {
      process.chdir(back);
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
