import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

// How the bin starts (issue #16 item 7): a CommonJS bin and bundle, so node does not start its
// ES module loader for --help or a curve; V8's compile cache where node has one. What this buys
// is measured by bench/first-chart.mjs, never here.
const root = fileURLToPath(new URL("../..", import.meta.url));
const bin = join(root, "bin", "actviz.js");
const support = join(root, "test", "cli", "support");
const built = existsSync(join(root, "dist", "bundle", "main.cjs"));

/** Runs node with the module probe and args; its exit code and what the probe saw loaded. */
function probe(args: string[]): { code: number | null; esm: string[]; builtins: string[] } {
  const r = spawnSync(process.execPath, ["-r", join(support, "module-probe.cjs"), ...args], { encoding: "utf8" });
  const line = r.stderr.split("\n").find((l) => l.startsWith("module-probe: "));
  if (!line) throw new Error(`no probe line in stderr: ${r.stderr}`);
  return { code: r.status, ...(JSON.parse(line.slice("module-probe: ".length)) as { esm: string[]; builtins: string[] }) };
}

describe.runIf(built)("bin/actviz.js start-up", () => {
  it("an ES module entry makes node run ES module jobs, which the probe sees (the control for the tests below)", () => {
    const dir = mkdtempSync(join(tmpdir(), "actviz-probe-"));
    try {
      writeFileSync(join(dir, "empty.mjs"), "");
      const r = probe([join(dir, "empty.mjs")]);
      expect(r.code).toBe(0);
      expect(r.esm.some((m) => m.endsWith("esm/module_job"))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("bin/actviz.js --help runs no ES module job", () => {
    const r = probe([bin, "--help"]);
    expect(r.code).toBe(0);
    expect(r.esm.filter((m) => m.endsWith("esm/module_job"))).toEqual([]);
  });

  it("bin/actviz.js --help does not load node's child_process (commander's require of it gets a lazy stand-in), which requiring it does", () => {
    expect(probe(["-e", "require('node:child_process')"]).builtins).toContain("child_process");
    const r = probe([bin, "--help"]);
    expect(r.code).toBe(0);
    expect(r.builtins).not.toContain("child_process");
  });

  it("bin/actviz.js --help into a pipe, a file or /dev/null sets up no stdout stream (node's stream and net modules stay unloaded), which process.stdout.write does", () => {
    expect(probe(["-e", "process.stdout.write('x')"]).builtins).toContain("stream");
    const r = probe([bin, "--help"]);
    expect(r.code).toBe(0);
    expect(r.builtins.filter((m) => m === "stream" || m === "net" || m === "tty")).toEqual([]);
    const dir = mkdtempSync(join(tmpdir(), "actviz-probe-"));
    try {
      for (const target of [join(dir, "help.txt"), "/dev/null"]) {
        const fd = openSync(target, "w");
        try {
          const f = spawnSync(process.execPath, ["-r", join(support, "module-probe.cjs"), bin, "--help"], { encoding: "utf8", stdio: ["ignore", fd, "pipe"] });
          expect(f.status).toBe(0);
          const line = f.stderr.split("\n").find((l) => l.startsWith("module-probe: "))!;
          expect((JSON.parse(line.slice("module-probe: ".length)) as { builtins: string[] }).builtins).not.toContain("stream");
        } finally {
          closeSync(fd);
        }
      }
      expect(readFileSync(join(dir, "help.txt"), "utf8")).toBe(spawnSync(process.execPath, [bin, "--help"], { encoding: "utf8" }).stdout);
      expect(readFileSync(join(dir, "help.txt"), "utf8")).toContain("Usage: actviz [options] [command]");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("bin/actviz.js --help into a pipe whose reader has gone (EPIPE) exits 0 quietly", () => {
    // the reader (true) exits at once; node starts writing after it, so every write meets EPIPE
    const script = `(sleep 0.3; "$0" "$1" --help; echo "exit $?" >&2) | true`;
    const r = spawnSync("sh", ["-c", script, process.execPath, bin], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("exit 0\n");
  });

  it("bin/actviz.js curve --fn relu draws its chart with no ES module job", () => {
    const out = mkdtempSync(join(tmpdir(), "actviz-probe-"));
    try {
      const r = probe([bin, "curve", "--fn", "relu", "--out", out, "-q"]);
      expect(r.code).toBe(0);
      expect(existsSync(join(out, "relu.png"))).toBe(true);
      expect(r.esm.filter((m) => m.endsWith("esm/module_job"))).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it("bin/actviz.js enables V8's compile cache when node:module has enableCompileCache (node >= 22.1), and starts without it on node 20", () => {
    const stubbed = spawnSync(process.execPath, ["-r", join(support, "compile-cache-stub.cjs"), bin, "--version"], { encoding: "utf8" });
    expect(stubbed.status).toBe(0);
    expect(stubbed.stderr).toBe("compile-cache-stub: enabled\n");
    const plain = spawnSync(process.execPath, [bin, "--version"], { encoding: "utf8" });
    expect(plain.status).toBe(0);
    expect(plain.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe.runIf(!built)("bin/actviz.js start-up", () => {
  it("needs a build: run `npm test`, which builds first", () => {
    expect.fail("dist/bundle/main.cjs is missing: run `npm run build` (npm test does it)");
  });
});
