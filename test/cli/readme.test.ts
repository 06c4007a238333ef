import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
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
  it.each(["curve", "neurons", "merge", "render", "layers"])("every flag of `actviz %s --help` appears in the README", async (command) => {
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

/** Every command line of the README's `sh` blocks that runs actviz (with its `\` continuations), its trailing comment dropped. */
function shCommands(): string[] {
  const out: string[] = [];
  for (const block of readme.matchAll(/```sh\n([\s\S]*?)```/g)) {
    const lines = block[1]!.split("\n");
    for (let i = 0; i < lines.length; i++) {
      let line = lines[i]!;
      while (line.endsWith("\\")) line = line.slice(0, -1).trimEnd() + " " + lines[++i]!.trim();
      line = line.replace(/\s{2,}#.*$/, "").trim();
      if (/(^|\| )actviz /.test(line) && !/^(npm|npx|node|bash) /.test(line)) out.push(line);
    }
  }
  return out;
}


describe("README.md sh examples run as written, on files that ship (or that the line before makes)", () => {
  const commands = shCommands();
  const root = resolve(".");
  let cwd: string;

  beforeAll(() => {
    cwd = mkdtempSync(join(tmpdir(), "actviz-readme-sh-"));
    symlinkSync(join(root, "fixtures"), join(cwd, "fixtures"));
    // a copy: render writes what it finds stale, and --gallery a page, beside the manifest
    cpSync(join(root, "docs"), join(cwd, "docs"), { recursive: true });
    mkdirSync(join(cwd, "bin"));
    writeFileSync(join(cwd, "bin", "actviz"), `#!/bin/sh\nexec "${process.execPath}" "${join(root, "bin", "actviz.js")}" "$@"\n`, { mode: 0o755 });
  });
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it("the README has examples to run", () => {
    expect(commands.length).toBeGreaterThan(30);
  });

  // in order, in one folder: a line may use what the one before made
  it.each(commands)("%s", (command) => {
    const r = spawnSync("bash", ["-o", "pipefail", "-c", command], { cwd, env: { ...process.env, PATH: `${join(cwd, "bin")}:${process.env.PATH}` }, encoding: "utf8", timeout: 50_000 });
    // a CI gate (--fail-on-dead, --fail-on-new-dead) may fail as the README shows it: exit 1, its one line
    const gate = /--fail-on-/.test(command) && r.status === 1;
    expect(r.stderr.split("\n").filter((l) => l.startsWith("actviz: ") && !(gate && / above --fail-on-/.test(l))), r.stderr).toEqual([]);
    expect(r.status, r.stderr).toBe(gate ? 1 : 0);
  });
});
