// The dense helper thread under contention (issue: "the helper thread must never make a pass
// slower"): 10,000 inputs through 784-128-10 (ReLU), actviz's default (--threads auto) against
// --threads 1 and --threads 2, on an idle machine and with a CPU hog (a busy node process) on the
// other core. Writes bench/results/dense-threads.md. Needs a build (npm run build).
//   node bench/dense-threads.mjs [rounds]
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { ROOT, checkBuild, summary } from "./lib.mjs";

checkBuild("bench/dense-threads.mjs");
const rounds = Number(process.argv[2] ?? 15);
const { denseForward, denseThreads } = await import(join(ROOT, "dist", "core", "dense", "dense.js"));
const { findActivation, resolveParams } = await import(join(ROOT, "dist", "core", "activations", "index.js"));
const reluAct = findActivation("relu");
const relu = reluAct.bind(resolveParams(reluAct, {})).f;

let seed = 1;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
const N = 10_000;
const sizes = [784, 128, 10];
const layers = sizes.slice(1).map((outputs, i) => ({
  inputs: sizes[i], outputs, weight: Float64Array.from({ length: sizes[i] * outputs }, rnd),
  bias: Float64Array.from({ length: outputs }, rnd), f: i === 0 ? relu : null, relu: i === 0,
}));
const x = Float64Array.from({ length: N * sizes[0] }, rnd);
const pass = (threads) => {
  const t = performance.now();
  denseForward(x, N, layers, 1, "f64", threads);
  return performance.now() - t;
};

// warm-up: the JIT, and the helper thread, which the first large pass starts
for (let i = 0; i < 3; i++) pass("auto");
await new Promise((r) => setTimeout(r, 300));
if (denseThreads() !== 2) console.error("warning: the helper thread is not up");

/** Rounds of the three settings back to back, in an order that rotates; each one's second pass timed. */
function measure() {
  const settings = [1, 2, "auto"];
  const ms = { 1: [], 2: [], auto: [] };
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < settings.length; i++) {
      const s = settings[(i + r) % settings.length];
      pass(s);
      ms[s].push(pass(s));
    }
  }
  const ratio = (a, b) => summary(ms[a].map((t, r) => t / ms[b][r]));
  return { one: summary(ms[1]), two: summary(ms[2]), auto: summary(ms.auto), autoVsOne: ratio("auto", 1), twoVsOne: ratio(2, 1) };
}

const idle = measure();
// the hog: a node process spinning on the other core for the whole measurement
const hog = spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" });
await new Promise((r) => setTimeout(r, 500));
const busy = measure();
hog.kill("SIGKILL");

const x2 = (s) => `${s.median.toFixed(2)}x (${s.min.toFixed(2)}-${s.max.toFixed(2)})`;
const row = (name, m) => `| ${name} | ${m.one.median.toFixed(1)} ms | ${m.two.median.toFixed(1)} ms | ${m.auto.median.toFixed(1)} ms | ${x2(m.twoVsOne)} | ${x2(m.autoVsOne)} |`;
const lines = [
  "# Dense forward pass: the helper thread, idle and under contention",
  "",
  `\`node bench/dense-threads.mjs ${rounds}\` on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, Node ${process.version}.`,
  `10,000 inputs through 784-128-10 (ReLU), float64. ${rounds} rounds; each times --threads 1, 2 and auto back to back in an order that rotates (each one's second of two passes in a row). Times are medians; ratios are the medians of the rounds' ratios, with their range. "Hog": another process spins on a core for the whole measurement.`,
  "",
  "| machine | --threads 1 | --threads 2 | auto (the default) | 2 / 1 | auto / 1 |",
  "| --- | --- | --- | --- | --- | --- |",
  row("idle", idle),
  row("hog on a core", busy),
  "",
  "Targets: with the hog, auto within 1.10x of --threads 1; idle, auto as fast as --threads 2.",
  "",
];
const out = join(ROOT, "bench", "results", "dense-threads.md");
const previous = existsSync(out) ? readFileSync(out, "utf8") : "";
// the notes below the table (earlier runs, what was tried) are kept; the table is replaced
const notes = previous.indexOf("\n## ");
writeFileSync(out, lines.join("\n") + (notes >= 0 ? previous.slice(notes) : ""));
console.log(lines.join("\n"));
