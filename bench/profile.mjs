#!/usr/bin/env node
// Where does the time of one actviz run go? Runs it under `node --cpu-prof` and sums the
// profile's self time by area (Chart.js, canvas native calls, our code, module loading...)
// and by function.
//
//   node bench/profile.mjs [--top N] [--keep] -- curve --fn all --out bench/.out/prof -q
//   node bench/profile.mjs --file some.cpuprofile       (summarise an existing profile)
//
// Native canvas work (drawing, text, PNG encoding) shows up as self time of the JS-visible
// API function that called into C++ (toBuffer, fillText, stroke...), which has no script URL.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * JS functions whose self time is almost all one native canvas call (V8 counts time in a C++
 * method as self time of the JS caller): they are counted as canvas work, not as Chart.js.
 */
const NATIVE_WRAPPERS = [
  [/\/dist\/render\/renderer\.js$/, "renderChart", "canvas: toBuffer (PNG encode)"],
  [/chart\.js\//, "strokePathDirect", "canvas: stroke (the curve)"],
  [/chart\.js\//, "renderText", "canvas: fillText"],
  [/chart\.js\//, "_measureText", "canvas: measureText"],
  [/chart\.js\//, "retinaScale", "canvas: resize (new cairo surface)"],
  [/chart\.js\//, "clearCanvas", "canvas: clearRect"],
  [/canvas\/index\.js$/, "createCanvas", "canvas: createCanvas"],
  [/canvas\/index\.js$/, "registerFont", "canvas: registerFont"],
];

/** The area a profile node's self time is counted under. */
export function areaOf(url, name) {
  for (const [re, fn, area] of NATIVE_WRAPPERS) if (fn === name && re.test(url)) return area;
  if (name === "(garbage collector)") return "GC";
  if (name === "(program)") return "(program): V8/native outside JS (startup, compile, addon init)";
  if (name === "(idle)") return "(idle): waiting (I/O, thread pool)";
  if (name === "(root)") return "(root)";
  if (!url) return `native call: ${name || "(anonymous)"}`;
  const nm = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (nm) return `package: ${nm[1]}`;
  if (url.startsWith("node:internal/modules") || url.includes("internal/modules/")) return "node: module loading";
  if (url.startsWith("node:")) return `node: ${url.slice(5).split("/").slice(0, 2).join("/")}`;
  const ours = url.match(/\/dist\/([^/]+)\//);
  if (ours) return `actviz: ${ours[1]}`;
  if (url.includes("/bin/")) return "actviz: bin";
  return `other: ${url}`;
}

/** Self milliseconds per node id, from the samples and their time deltas. */
function selfTimes(profile) {
  const self = new Map();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  return self;
}

export function summarise(profile, top = 25) {
  const self = selfTimes(profile);
  const byArea = new Map();
  const byFn = new Map();
  let total = 0;
  for (const node of profile.nodes) {
    const ms = self.get(node.id) ?? 0;
    if (!ms) continue;
    total += ms;
    const { url, functionName, lineNumber } = node.callFrame;
    const area = areaOf(url, functionName);
    byArea.set(area, (byArea.get(area) ?? 0) + ms);
    const short = url ? url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*\/dist\//, "dist/") : "";
    const key = `${functionName || "(anonymous)"} ${short ? `${short}:${lineNumber + 1}` : ""}`.trim();
    byFn.set(key, (byFn.get(key) ?? 0) + ms);
  }
  const rows = (m) => [...m].sort((a, b) => b[1] - a[1]);
  const pct = (ms) => ((100 * ms) / total).toFixed(1).padStart(5);
  const lines = [`total sampled: ${total.toFixed(0)} ms`, "", "self time by area:"];
  for (const [k, ms] of rows(byArea).slice(0, top)) lines.push(`  ${ms.toFixed(0).padStart(6)} ms ${pct(ms)}%  ${k}`);
  lines.push("", "self time by function:");
  for (const [k, ms] of rows(byFn).slice(0, top)) lines.push(`  ${ms.toFixed(0).padStart(6)} ms ${pct(ms)}%  ${k}`);
  return lines.join("\n") + "\n";
}

function main(argv) {
  let top = 25;
  let keep = false;
  let file;
  const sep = argv.indexOf("--");
  const own = sep < 0 ? argv : argv.slice(0, sep);
  const cmd = sep < 0 ? ["curve", "--fn", "all", "--out", join(ROOT, "bench", ".out", "prof"), "-q"] : argv.slice(sep + 1);
  for (let i = 0; i < own.length; i++) {
    if (own[i] === "--top") top = Number(own[++i]);
    else if (own[i] === "--keep") keep = true;
    else if (own[i] === "--file") file = own[++i];
    else {
      console.error(`bench/profile.mjs: unknown argument '${own[i]}' (expected --top N, --keep, --file F, -- ACTVIZ ARGS)`);
      return 2;
    }
  }
  if (!file) {
    const dir = mkdtempSync(join(os.tmpdir(), "actviz-prof-"));
    const r = spawnSync(process.execPath, ["--cpu-prof", "--cpu-prof-dir", dir, "--cpu-prof-interval", "100", join(ROOT, "bin", "actviz.js"), ...cmd], {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "inherit"],
    });
    if (r.status !== 0) {
      console.error(`bench/profile.mjs: actviz ${cmd.join(" ")} exited ${r.status}`);
      return 1;
    }
    file = join(dir, readdirSync(dir)[0]);
    process.stdout.write(summarise(JSON.parse(readFileSync(file, "utf8")), top));
    if (keep) console.error(`bench/profile.mjs: profile kept at ${file} (open it in Chrome DevTools)`);
    else rmSync(dir, { recursive: true, force: true });
    return 0;
  }
  process.stdout.write(summarise(JSON.parse(readFileSync(file, "utf8")), top));
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
