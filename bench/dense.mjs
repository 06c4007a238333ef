// Times actviz's dense forward pass (src/core/dense.ts) against NumPy's float64 matmul on this
// machine: 10,000 inputs through 784-128-10 and 64-32-16-10 (ReLU hidden layers), and writes
// bench/results/dense.md. Needs a build (npm run build) and /usr/bin/python3 with numpy.
//   node bench/dense.mjs [runs]
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { ROOT, checkBuild, run, summary } from "./lib.mjs";

checkBuild("bench/dense.mjs");
const runs = Number(process.argv[2] ?? 7);
const { denseForward } = await import(join(ROOT, "dist", "core", "dense.js"));
const N = 10_000;

// a small deterministic generator (the values do not matter to the timing, only their count)
let seed = 1;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
// the catalogue's ReLU, marked as neurons --weights marks it (the kernel then applies it with SIMD)
const { findActivation, resolveParams } = await import(join(ROOT, "dist", "core", "activations", "index.js"));
const reluAct = findActivation("relu");
const relu = reluAct.bind(resolveParams(reluAct, {})).f;

const numpy = JSON.parse(run("/usr/bin/python3", ["bench/dense_numpy.py", String(runs)]));
// NumPy again on one thread (actviz uses one thread below 50M multiply-adds, two above)
const one = { ...process.env, OPENBLAS_NUM_THREADS: "1", OMP_NUM_THREADS: "1", MKL_NUM_THREADS: "1" };
const numpy1 = JSON.parse(spawnSync("/usr/bin/python3", ["bench/dense_numpy.py", String(runs)], { cwd: ROOT, encoding: "utf8", env: one }).stdout);
const rows = [];
for (const sizes of [[784, 128, 10], [64, 32, 16, 10]]) {
  const name = sizes.join("-");
  const layers = sizes.slice(1).map((outputs, i) => ({
    inputs: sizes[i],
    outputs,
    weight: Float64Array.from({ length: sizes[i] * outputs }, rnd),
    bias: Float64Array.from({ length: outputs }, rnd),
    f: i < sizes.length - 2 ? relu : null,
    relu: i < sizes.length - 2,
  }));
  const x = Float64Array.from({ length: N * sizes[0] }, rnd);
  const flops = 2 * N * sizes.slice(1).reduce((s, o, i) => s + o * sizes[i], 0);
  const time = (dtype) => {
    const ms = [];
    for (let r = 0; r <= runs; r++) {
      const t = performance.now();
      denseForward(x, N, layers, layers.length - 1, dtype);
      ms.push(performance.now() - t);
    }
    return summary(ms.slice(1)); // the first run warms up the JIT
  };
  const f64 = time("f64");
  const f32 = time("f32");
  const np = summary(numpy[name]);
  const np1 = summary(numpy1[name]);
  rows.push({ name, flops, f64, f32, np, np1 });
}

const g = (flops, ms) => (flops / (ms / 1000) / 1e9).toFixed(2);
const lines = [
  "# Dense forward pass: actviz vs NumPy",
  "",
  `\`node bench/dense.mjs ${runs}\` on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, Node ${process.version}, NumPy ${numpy.numpy} (${numpy.blas}; OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE ${process.env.OPENBLAS_CORETYPE || process.env.OPENBLAS_L2_SIZE ? "set" : "not set"}, NumPy run as a user has it).`,
  "actviz: the WebAssembly SIMD kernel (f64x2 / f32x4), with a helper thread sharing the row blocks when a pass has at least 50M multiply-adds (784-128-10: yes; 64-32-16-10: no, one thread).",
  "10,000 inputs, ReLU hidden layers, the median of the runs after a warm-up run.",
  "Measured with nothing else running on the machine (2 cores); NumPy's 2-thread times swing most between runs.",
  "",
  "| network | NumPy f64 (default threads) | NumPy f64 (1 thread) | actviz f64 | ratio actviz / NumPy (default, 1 thread) | GFLOP/s actviz, NumPy, NumPy 1 thread | actviz --dtype f32 |",
  "| --- | --- | --- | --- | --- | --- | --- |",
  ...rows.map((r) =>
    `| ${r.name} | ${r.np.median.toFixed(1)} ms | ${r.np1.median.toFixed(1)} ms | ${r.f64.median.toFixed(1)} ms | ${(r.f64.median / r.np.median).toFixed(2)}x, ${(r.f64.median / r.np1.median).toFixed(2)}x | ${g(r.flops, r.f64.median)}, ${g(r.flops, r.np.median)}, ${g(r.flops, r.np1.median)} | ${r.f32.median.toFixed(1)} ms |`),
  "",
  "Target: within 3x of NumPy's float64 matmul.",
  "",
];
writeFileSync(join(ROOT, "bench", "results", "dense.md"), lines.join("\n"));
console.log(lines.join("\n"));
