import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleLoader, CODE_CACHE_SUFFIX, helpKey, HELP_TEXTS_FILE } from "../../src/cli/bundle-loader.js";
import { capture } from "./capture.js";
import { tempDir } from "../temp-dir.js";

// The bin loads the bundle through src/cli/bundle-loader.ts, with V8's code cache written at
// build time (src/cli/code-cache.build.mjs). A cache that is missing, corrupt or from another
// node must only cost speed: the same code runs, the same bytes come out. What the cache buys
// is measured by bench/first-chart.mjs, never here.
const root = fileURLToPath(new URL("../..", import.meta.url));
const bundle = join(root, "dist", "bundle");
const built = existsSync(join(bundle, "main.cjs"));

let dir: string;
tempDir("actviz-loader-", (d) => (dir = d));

/** A small bundle of three chunks in `dir`: like rolldown's, they require each other by ./name.cjs. */
function writeChunks(): void {
  writeFileSync(join(dir, "entry.cjs"), `const a = require("./a.cjs"); const b = require("./b.cjs");
exports.sum = (n) => a.triple(n) + b.double(n);
exports.same = a.shared === b.shared;
exports.where = [__filename, __dirname];
exports.sep = require("node:path").sep;`);
  writeFileSync(join(dir, "a.cjs"), `exports.shared = require("./shared.cjs"); exports.triple = (n) => 3 * n;`);
  writeFileSync(join(dir, "b.cjs"), `exports.shared = require("./shared.cjs"); exports.double = (n) => 2 * n;`);
  writeFileSync(join(dir, "shared.cjs"), `exports.loads = (globalThis.__sharedLoads = (globalThis.__sharedLoads ?? 0) + 1);`);
}

interface Entry {
  sum(n: number): number;
  same: boolean;
  where: [string, string];
  sep: string;
}

describe("bundleLoader", () => {
  it("loads chunks that require each other by ./name.cjs once each, and hands node's built-ins to node's require", () => {
    writeChunks();
    const loader = bundleLoader(dir);
    const entry = loader.load("entry.cjs") as Entry;
    expect(entry.sum(5)).toBe(25);
    expect(entry.same).toBe(true);
    expect(entry.where).toEqual([join(dir, "entry.cjs"), dir]);
    expect(entry.sep).toBe("/");
    expect(loader.load("entry.cjs")).toBe(entry);
    expect([...loader.loaded.values()].map((l) => l.cache)).toEqual(["none", "none", "none", "none"]);
  });

  it("an error thrown by a chunk comes out of load, with the chunk's file in its stack", () => {
    writeFileSync(join(dir, "bad.cjs"), `\nthrow new RangeError("from the chunk");`);
    expect(() => bundleLoader(dir).load("bad.cjs")).toThrow(RangeError);
    try {
      bundleLoader(dir).load("bad.cjs");
    } catch (err) {
      expect((err as Error).stack).toContain(`${join(dir, "bad.cjs")}:2`);
    }
  });
});

/** A copy of the built CLI (bin, dist, package.json) in `to`, with node_modules linked. */
function copyBuild(to: string): string {
  mkdirSync(to, { recursive: true });
  for (const part of ["bin", "dist", "package.json"]) cpSync(join(root, part), join(to, part), { recursive: true });
  symlinkSync(join(root, "node_modules"), join(to, "node_modules"));
  return join(to, "bin", "actviz.js");
}

function run(bin: string, args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { env: { ...process.env, LANG: "C.UTF-8", LC_ALL: "C.UTF-8" } });
  return { code: r.status, stdout: r.stdout.toString("utf8"), stderr: r.stderr.toString("utf8") };
}

/**
 * Loads entry.cjs of `dir` with the built loader in a fresh node (V8 keeps what a process has
 * compiled, and would not look at a cache for a source it compiled already): sum(n) and each
 * chunk's cache state. With `write`, compiles without the cache and writes it after the run.
 */
function loadInChild(n: number, write = false): { sum: number; cache: Record<string, string>; written?: string[] } {
  const script = `
const { bundleLoader, writeCodeCache } = require(${JSON.stringify(join(root, "dist", "bundle-loader.cjs"))});
const loader = bundleLoader(${JSON.stringify(dir)}, { useCache: ${!write} });
const sum = loader.load("entry.cjs").sum(${n});
const cache = Object.fromEntries([...loader.loaded.values()].map((l) => [l.file.slice(${dir.length + 1}), l.cache]));
process.stdout.write(JSON.stringify({ sum, cache, ...(${write} ? { written: writeCodeCache(loader) } : {}) }));`;
  const r = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as { sum: number; cache: Record<string, string>; written?: string[] };
}

describe.runIf(built)("bundleLoader's code cache (the built loader, each load in a fresh node)", () => {
  it("a cache written by writeCodeCache is accepted by the same node, and the chunks give the same results", () => {
    writeChunks();
    expect(loadInChild(1, true)).toEqual({ sum: 5, cache: { "entry.cjs": "none", "a.cjs": "none", "b.cjs": "none", "shared.cjs": "none" }, written: ["a.cjs", "b.cjs", "entry.cjs", "shared.cjs"] });
    expect(loadInChild(7)).toEqual({ sum: 35, cache: { "entry.cjs": "accepted", "a.cjs": "accepted", "b.cjs": "accepted", "shared.cjs": "accepted" } });
  });

  it("a corrupt cache is rejected and its chunk compiled from source: the same results", () => {
    writeChunks();
    loadInChild(1, true);
    const size = statSync(join(dir, "a.cjs" + CODE_CACHE_SUFFIX)).size;
    writeFileSync(join(dir, "a.cjs" + CODE_CACHE_SUFFIX), Buffer.alloc(size, 0x5a));
    writeFileSync(join(dir, "entry.cjs" + CODE_CACHE_SUFFIX), "not a code cache");
    expect(loadInChild(2)).toEqual({ sum: 10, cache: { "entry.cjs": "rejected", "a.cjs": "rejected", "b.cjs": "accepted", "shared.cjs": "accepted" } });
  });

  it("a cache made for a chunk of another length is rejected: the chunk's own code runs", () => {
    writeChunks();
    loadInChild(1, true);
    writeFileSync(join(dir, "a.cjs"), `exports.shared = require("./shared.cjs"); exports.triple = (n) => 30 * n;`);
    expect(loadInChild(1)).toEqual({ sum: 32, cache: { "entry.cjs": "accepted", "a.cjs": "rejected", "b.cjs": "accepted", "shared.cjs": "accepted" } });
  });

  it("no chunk of the built bundle calls import(), which the loader cannot run (the build checks it too)", () => {
    const chunks = readdirSync(bundle).filter((f) => f.endsWith(".cjs"));
    expect(chunks.length).toBeGreaterThan(50);
    expect(chunks.filter((f) => /\bimport\s*\(/.test(readFileSync(join(bundle, f), "utf8")))).toEqual([]);
  });
});

describe.runIf(built)("the built bundle's code cache", () => {
  it("the build wrote a cache that this node accepts for every chunk --help and a curve load", async () => {
    const loader = bundleLoader(bundle);
    const { main } = loader.load("main.cjs") as { main(argv: string[], io: ReturnType<typeof capture>["io"]): Promise<number> };
    expect(await main(["--help"], capture().io)).toBe(0);
    const out = join(dir, "curve");
    expect(await main(["curve", "--fn", "relu", "--out", out, "-q"], capture().io)).toBe(0);
    const states = [...loader.loaded.values()].map((l) => `${l.file.slice(bundle.length + 1)}: ${l.cache}`);
    expect(states.length).toBeGreaterThan(10);
    expect(states.filter((s) => !s.endsWith(": accepted"))).toEqual([]);
  });

  it("with every cache file corrupt, or none at all, the bin prints the same --help and writes the same relu.png bytes", () => {
    const ref = join(dir, "ref");
    const help = run(join(root, "bin", "actviz.js"), ["--help"]);
    expect(help.code).toBe(0);
    expect(run(join(root, "bin", "actviz.js"), ["curve", "--fn", "relu", "--out", ref, "-q"]).code).toBe(0);
    const corrupt = copyBuild(join(dir, "corrupt"));
    const caches = readdirSync(join(dir, "corrupt", "dist", "bundle")).filter((f) => f.endsWith(CODE_CACHE_SUFFIX));
    expect(caches.length).toBeGreaterThan(10);
    for (const f of caches) {
      const path = join(dir, "corrupt", "dist", "bundle", f);
      writeFileSync(path, Buffer.alloc(statSync(path).size, 0xa5));
    }
    const none = copyBuild(join(dir, "none"));
    for (const f of caches) rmSync(join(dir, "none", "dist", "bundle", f));
    for (const [name, bin] of [["corrupt", corrupt], ["none", none]] as const) {
      expect(run(bin, ["--help"]), name).toEqual(help);
      const out = join(dir, `${name}-out`);
      const r = run(bin, ["curve", "--fn", "relu", "--out", out, "-q"]);
      expect(r, name).toEqual({ code: 0, stdout: "", stderr: "" });
      expect(readFileSync(join(out, "relu.png")).equals(readFileSync(join(ref, "relu.png"))), name).toBe(true);
    }
  });

  it("the bin's --help is main(['--help']) of the sources, byte for byte", async () => {
    const { main } = await import("../../src/cli/main.js");
    const c = capture();
    expect(await main(["--help"], c.io)).toBe(0);
    const r = run(join(root, "bin", "actviz.js"), ["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(c.stdout());
    expect(r.stdout).toContain("Usage: actviz [options] [command]");
  });
});

describe("helpKey", () => {
  it("names the texts the build writes: '' for --help and -h alone, NAME for NAME --help or NAME -h, nothing for any other argv", () => {
    expect(helpKey(["--help"])).toBe("");
    expect(helpKey(["-h"])).toBe("");
    expect(helpKey(["curve", "--help"])).toBe("curve");
    expect(helpKey(["neurons", "-h"])).toBe("neurons");
    for (const argv of [[], ["--version"], ["--debug", "--help"], ["--help", "curve"], ["curve", "--fn", "relu", "--help"], ["Curve", "--help"], ["../x", "--help"], ["help"], ["curve"]]) {
      expect(helpKey(argv), argv.join(" ")).toBeUndefined();
    }
  });
});

describe.runIf(built)("the built help texts", () => {
  const texts = () => (JSON.parse(readFileSync(join(bundle, HELP_TEXTS_FILE), "utf8")) as { texts: Record<string, string> }).texts;

  it("hold --help and every command's --help, each as main writes it into no terminal, byte for byte", async () => {
    const { main, commandNames } = await import("../../src/cli/main.js");
    const built = texts();
    expect(Object.keys(built)).toEqual(["", ...commandNames()]);
    expect(commandNames()).toContain("curve");
    for (const key of Object.keys(built)) {
      let text = "";
      const io = { ...capture().io, writeText: (s: string) => void (text += s), stdoutIsNoTerminal: () => true };
      expect(await main(key === "" ? ["--help"] : [key, "--help"], io), key).toBe(0);
      expect(built[key], key).toBe(text);
    }
  });

  /** A copy of the build whose main chunk throws when loaded: only what needs no bundle still works. */
  function brokenBundle(to: string): string {
    const bin = copyBuild(to);
    const main = readdirSync(join(to, "dist", "bundle")).find((f) => /^main-.*\.cjs$/.test(f))!;
    writeFileSync(join(to, "dist", "bundle", main), `throw new Error("the bundle was loaded");`);
    rmSync(join(to, "dist", "bundle", main + CODE_CACHE_SUFFIX), { force: true });
    return bin;
  }

  it("the bin prints them into a pipe without loading the bundle: with a main chunk that throws, --help and COMMAND -h still print the same bytes", () => {
    const bin = brokenBundle(join(dir, "broken"));
    // the control: anything else loads the bundle, and fails
    const version = run(bin, ["--version"]);
    expect(version.code).not.toBe(0);
    expect(version.stderr).toContain("the bundle was loaded");
    for (const [key, text] of Object.entries(texts())) {
      for (const flag of ["--help", "-h"]) {
        const argv = key === "" ? [flag] : [key, flag];
        expect(run(bin, argv), argv.join(" ")).toEqual({ code: 0, stdout: text, stderr: "" });
      }
    }
  });

  it("without the texts file, with a corrupt one, or without a command's text, the bin runs the CLI for its help (which prints the same)", () => {
    const help = texts()[""]!;
    const broken = brokenBundle(join(dir, "broken"));
    const texted = join(dir, "broken", "dist", "bundle", HELP_TEXTS_FILE);
    for (const content of [undefined, "{ not json", JSON.stringify({ texts: { curve: "x" } }), JSON.stringify({ texts: { "": 42 } }), "null"]) {
      if (content === undefined) rmSync(texted, { force: true });
      else writeFileSync(texted, content);
      const r = run(broken, ["--help"]);
      expect(r.stderr, String(content)).toContain("the bundle was loaded");
    }
    // and in a whole build without the file, the CLI's own help is the same text
    const whole = copyBuild(join(dir, "whole"));
    rmSync(join(dir, "whole", "dist", "bundle", HELP_TEXTS_FILE));
    expect(run(whole, ["--help"])).toEqual({ code: 0, stdout: help, stderr: "" });
    // a name that is no command (nor a key of the file, whatever Object has) goes to the CLI too
    expect(run(broken, ["constructor", "--help"]).stderr).toContain("the bundle was loaded");
  });

  it.runIf(spawnSync("script", ["--version"]).status === 0)("into a terminal the bin runs the CLI (commander wraps the help to the terminal's width)", () => {
    const bin = brokenBundle(join(dir, "broken"));
    // util-linux's script runs the command on a pseudo-terminal
    const r = spawnSync("script", ["-qec", `${JSON.stringify(process.execPath)} ${JSON.stringify(bin)} --help`, "/dev/null"], { encoding: "utf8" });
    expect(r.stdout).toContain("the bundle was loaded");
  });
});

