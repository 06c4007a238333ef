// Helpers shared by the benchmarks (bench/run.mjs, bench/neurons.mjs).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Median, min, max and count of a list of milliseconds. */
export function summary(ms) {
  const s = [...ms].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { median, min: s[0], max: s.at(-1), n: s.length };
}

/** Runs a command in the repo; its trimmed stdout, or an error with its stderr. */
export function run(file, argv) {
  const r = spawnSync(file, argv, { cwd: ROOT, encoding: "utf8" });
  if (r.error || r.status !== 0) throw new Error(`${file} ${argv.join(" ")}: ${r.error?.message ?? r.stderr}`);
  return r.stdout.trim();
}

/** The newest mtime (ms) of the .ts/.js files under dir. */
export const newest = (dir) =>
  readdirSync(dir, { recursive: true })
    .map((f) => join(dir, String(f)))
    .filter((f) => f.endsWith(".ts") || f.endsWith(".js"))
    .reduce((m, f) => Math.max(m, statSync(f).mtimeMs), 0);

/** Exits when there is no build; warns when src/ is newer than it. Returns dist's newest mtime. */
export function checkBuild(script) {
  if (!existsSync(join(ROOT, "dist", "cli", "main.js"))) {
    console.error(`${script}: dist/ is missing (expected a build: npx tsc -p tsconfig.json)`);
    process.exit(2);
  }
  const dist = newest(join(ROOT, "dist"));
  if (newest(join(ROOT, "src")) > dist) console.error(`${script}: warning: src/ is newer than dist/; timing the old build`);
  return dist;
}
