#!/usr/bin/env node
// Side-by-side: an ONNX CNN's pass over 1,000 28x28 inputs through `actviz neurons --weights`
// against ONNX Runtime alone on the same batch (bench/onnx-alone.mjs), start-up included on both
// sides: each measurement is a whole process, wall time by process.hrtime around it. Runs of the
// two sides alternate, so a change in machine load hits both alike; the ratio is the median of
// the rounds' ratios. Target: actviz within 1.3x of ONNX Runtime alone.
//
//   node bench/onnx.mjs [rounds]
//
// Needs a build (npm run build), onnxruntime-node (npm ci installs it) and the model and inputs
// that bench/make_onnx_cnn.py writes to bench/.out/ (run with /usr/bin/python3; this script runs
// it when they are missing). Writes the Markdown to stdout and to bench/results/onnx.md.
//   tensors: logits (the graph's output, [1000, 10]) and /1/Relu_output_0 (the first conv layer's
//   ReLU, [1000, 16, 28, 28]: actviz reduces each batch to [samples, 16] by the mean over 28x28;
//   ONNX Runtime alone returns the whole 50 MB tensor in one go).
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { ROOT, checkBuild, summary } from "./lib.mjs";

checkBuild("bench/onnx.mjs");
const rounds = Number(process.argv[2] ?? 7);
const OUT = join(ROOT, "bench", ".out");
const MODEL = join(OUT, "cnn28.onnx");
const INPUT = join(OUT, "cnn28-inputs.npy");
if (!existsSync(MODEL) || !existsSync(INPUT)) {
  const r = spawnSync(process.env.PYTHON ?? "/usr/bin/python3", [join(ROOT, "bench", "make_onnx_cnn.py")], { stdio: "inherit" });
  if (r.status !== 0) process.exit(2);
}

/** A whole process: wall ms (hrtime around it) and CPU ms (user + system, from /usr/bin/time). */
function timed(argv) {
  const t = process.hrtime.bigint();
  const r = spawnSync("/usr/bin/time", ["-f", "cpu %U %S", process.execPath, ...argv], { cwd: ROOT, encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`${argv.join(" ")}: ${r.stderr}`);
  const [, user, sys] = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
  return { ms, cpu: 1000 * (Number(user) + Number(sys)) };
}

const jobs = [
  { tensor: "logits", layer: "output" },
  { tensor: "/1/Relu_output_0", layer: "1" },
];
const rows = [];
for (const job of jobs) {
  const actviz = ["bin/actviz.js", "neurons", "--weights", MODEL, "--input", INPUT, "--layer", job.layer, "--plot", "none", "-q"];
  const alone = ["bench/onnx-alone.mjs", MODEL, INPUT, job.tensor];
  timed(actviz); // warm-up: the page cache holds both sides' files
  timed(alone);
  const a = [], b = [], ratio = [], cpuA = [], cpuB = [], cpuRatio = [];
  for (let i = 0; i < rounds; i++) {
    // alternate which side goes first
    let x, y;
    if (i % 2 === 0) {
      x = timed(actviz);
      y = timed(alone);
    } else {
      y = timed(alone);
      x = timed(actviz);
    }
    a.push(x.ms);
    b.push(y.ms);
    ratio.push(x.ms / y.ms);
    cpuA.push(x.cpu);
    cpuB.push(y.cpu);
    cpuRatio.push(x.cpu / y.cpu);
  }
  const [sa, sb, sr] = [summary(a), summary(b), summary(ratio)];
  const [ca, cb, cr] = [summary(cpuA), summary(cpuB), summary(cpuRatio)];
  rows.push(`| ${job.tensor} (--layer ${job.layer}) | ${sa.median.toFixed(0)} ms | ${sb.median.toFixed(0)} ms | ${sr.median.toFixed(2)}x (${sr.min.toFixed(2)}x-${sr.max.toFixed(2)}x) | ${ratio.filter((r) => r <= 1.3).length} of ${rounds} | ${ca.median.toFixed(0)} / ${cb.median.toFixed(0)} ms: ${cr.median.toFixed(2)}x (${cr.min.toFixed(2)}x-${cr.max.toFixed(2)}x) |`);
}

const { version } = JSON.parse(spawnSync(process.execPath, ["-p", "JSON.stringify(require('onnxruntime-node/package.json'))"], { cwd: ROOT, encoding: "utf8" }).stdout);
const text = `# ONNX: actviz vs ONNX Runtime alone

\`node bench/onnx.mjs ${rounds}\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, Node ${process.version}, onnxruntime-node ${version}, load average ${os.loadavg()[0].toFixed(1)} at the end.
A 28x28 CNN (bench/make_onnx_cnn.py: 3 conv layers, 2 linear) over 1,000 inputs [1000, 1, 28, 28] float32. Each side is a whole process (start-up, reading the model and the input, the session, the pass); actviz also computes every neuron's statistics (--plot none -q). Rounds alternate the two sides; times are medians, the ratio is the median of the rounds' ratios (range). CPU time (user + system, from /usr/bin/time) is less sensitive to other processes on the machine than wall time.

| tensor | actviz (wall) | ONNX Runtime alone (wall) | actviz / alone (wall) | rounds within 1.3x | CPU (user + system): actviz / alone |
| --- | --- | --- | --- | --- | --- |
${rows.join("\n")}

Target: within 1.3x.
`;
writeFileSync(join(ROOT, "bench", "results", "onnx.md"), text);
process.stdout.write(text);
