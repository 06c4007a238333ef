import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";

// The import graph of src/, as the README's Development section states it: folders in layers,
// each importing only folders of lower layers (and the top-level leaves errors.ts and
// test-seams.ts); core imports nothing of ours. A new upward import fails here, naming it.
const LAYERS: Record<string, number> = { cli: 7, manifest: 6, jobs: 5, options: 4, render: 3, io: 3, output: 2, text: 1, core: 0 };
const LEAVES = new Set(["errors.ts", "test-seams.ts"]);

function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => /\.(ts|mjs)$/.test(f)).map((f) => join(dir, f));
}

/** Each (from folder, to folder or leaf file) import of src/, with the file that makes it. */
function edges(): { from: string; to: string; file: string }[] {
  const out: { from: string; to: string; file: string }[] = [];
  for (const file of sources("src")) {
    const parts = relative("src", file).split(sep);
    if (parts.length < 2) continue; // index.ts re-exports the API; the leaves import nothing
    const from = parts[0]!;
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/(?:from\s+|import\()\s*"(\.[^"]+)"/g)) {
      const target = relative("src", join(file, "..", m[1]!)).split(sep);
      const to = target.length === 1 ? target[0]!.replace(/\.js$/, ".ts") : target[0]!;
      if (to !== from) out.push({ from, to, file });
    }
  }
  return out;
}

describe("the import graph of src/", () => {
  it("every folder imports only folders of lower layers (cli > manifest > jobs > options > render, io > output > text > core) and the leaves", () => {
    const upward = edges().filter((e) => !LEAVES.has(e.to) && !(LAYERS[e.from]! > LAYERS[e.to]!)).map((e) => `${e.file} imports ${e.to}`);
    expect(upward).toEqual([]);
  });

  it("core imports nothing of ours, not even the leaves", () => {
    expect(edges().filter((e) => e.from === "core").map((e) => `${e.file} imports ${e.to}`)).toEqual([]);
  });

  it("every folder of src/ has a layer", () => {
    const folders = readdirSync("src", { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    expect(folders.filter((f) => !(f in LAYERS))).toEqual([]);
  });
});
