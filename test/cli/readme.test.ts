import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
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
