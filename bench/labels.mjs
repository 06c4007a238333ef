#!/usr/bin/env node
// Side-by-side benchmark of what --labels and --baseline cost (issue #14's targets):
//
//   plain     neurons big.npy --plot heatmap --stats r.json          (60,000 x 1,024 float32)
//   labels    the same + --labels big-labels.npy (10 classes)         target: < 1.10x plain
//   baseline  the same + --baseline big-baseline.npy (another file)   target: <= 2.2x plain, time and peak RSS
//
// Each run is a whole process under /usr/bin/time (wall %e, peak RSS %M, CPU %U + %S). The
// variants alternate within each round, so a change in machine load hits all alike; medians are
// reported, with CPU time beside wall time (this machine is shared: CPU time is the steadier one).
//
//   node bench/labels.mjs [--runs N]      (default 5; needs a built dist/)
//
// Inputs are made once, deterministically, by this script (no Python) under bench/.out/;
// the Markdown goes to stdout and bench/results/labels.md.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { checkBuild, ROOT, summary } from "./lib.mjs";

const OUT = join(ROOT, "bench", ".out", "labels");
const RESULTS = join(ROOT, "bench", "results", "labels.md");
const BIN = join(ROOT, "bin", "actviz.js");
const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
if (!(RUNS >= 1)) {
  console.error("bench/labels.mjs: bad --runs (expected a whole number >= 1)");
  process.exit(2);
}
checkBuild("bench/labels.mjs");
mkdirSync(OUT, { recursive: true });

const { writeNpy } = await import(join(ROOT, "dist", "io", "npy", "write-npy.js"));
const [R, C] = [60000, 1024];
const files = { acts: join(OUT, "big.npy"), baseline: join(OUT, "big-baseline.npy"), labels: join(OUT, "big-labels.npy") };
/** ReLU-like float32 activations from a linear congruential generator (seeded): deterministic bytes. */
function makeActs(path, seed) {
  if (existsSync(path)) return;
  const a = new Float32Array(R * C);
  let s = seed >>> 0;
  for (let i = 0; i < a.length; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    a[i] = Math.max(0, (s / 2 ** 32) * 2 - 0.6);
  }
  writeFileSync(path, writeNpy({ shape: [R, C], data: a }));
}
makeActs(files.acts, 12345);
makeActs(files.baseline, 777);
if (!existsSync(files.labels)) writeFileSync(files.labels, writeNpy({ shape: [R], data: Float64Array.from({ length: R }, (_, i) => (i * 7919) % 10) }));

const common = [BIN, "neurons", files.acts, "--plot", "heatmap", "--stats", join(OUT, "r.json"), "--out", join(OUT, "figs"), "-q"];
const variants = {
  plain: common,
  labels: [...common, "--labels", files.labels],
  baseline: [...common, "--baseline", files.baseline],
};

function timed(argv) {
  const timeFile = join(OUT, "time.txt");
  rmSync(timeFile, { force: true });
  const t0 = process.hrtime.bigint();
  const r = spawnSync("/usr/bin/time", ["-o", timeFile, "-f", "%e %M %U %S", process.execPath, ...argv], { encoding: "utf8" });
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${argv.join(" ")}: exit ${r.status}: ${r.stderr}`);
  const [, rss, user, sys] = readFileSync(timeFile, "utf8").trim().split(/\s+/).map(Number);
  return { wall, rss: rss / 1024, cpu: (user + sys) * 1000 };
}

const results = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
timed(variants.plain); // warm-up: file cache
for (let round = 0; round < RUNS; round++) {
  for (const [name, argv] of Object.entries(variants)) results[name].push(timed(argv));
  process.stderr.write(`round ${round + 1} of ${RUNS}\n`);
}

const med = (name, key) => summary(results[name].map((r) => r[key])).median;
const row = (name) => {
  const ratio = (key) => (med(name, key) / med("plain", key)).toFixed(2);
  return `| ${name} | ${(med(name, "wall") / 1000).toFixed(2)} s (${ratio("wall")}x) | ${(med(name, "cpu") / 1000).toFixed(2)} s (${ratio("cpu")}x) | ${med(name, "rss").toFixed(0)} MiB (${ratio("rss")}x) |`;
};
const md = `# --labels and --baseline: what they cost

${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), node ${process.version}; ${RUNS} rounds, medians.
\`actviz neurons big.npy --plot heatmap --stats r.json\` on a 60,000 x 1,024 float32 .npy (246 MB);
labels: + \`--labels\` (60,000 int labels, 10 classes); baseline: + \`--baseline\` (a second 60,000 x 1,024 file).

| variant | wall | CPU (user + sys) | peak RSS |
| --- | --- | --- | --- |
${Object.keys(variants).map(row).join("\n")}

Targets (issue #14): labels add less than 10 %; a baseline run stays within 2.2x the single run's time and memory.
`;
process.stdout.write(md);
mkdirSync(join(ROOT, "bench", "results"), { recursive: true });
writeFileSync(RESULTS, md);
