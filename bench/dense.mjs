// Times actviz's dense forward pass (src/core/dense/dense.ts) against NumPy's float64 matmul on this
// machine: 10,000 inputs through 784-128-10 and 64-32-16-10 (ReLU hidden layers), and writes
// bench/results/dense.md. Needs a build (npm run build) and /usr/bin/python3 with numpy.
//   node bench/dense.mjs [runs]
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { performance } from "node:perf_hooks";
import { ROOT, checkBuild, summary } from "./lib.mjs";

checkBuild("bench/dense.mjs");
const runs = Number(process.argv[2] ?? 15);
const { denseForward } = await import(join(ROOT, "dist", "core", "dense", "dense.js"));
const N = 10_000;

// a small deterministic generator (the values do not matter to the timing, only their count)
let seed = 1;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
// the catalogue's ReLU, marked as neurons --weights marks it (the kernel then applies it with SIMD)
const { findActivation, resolveParams } = await import(join(ROOT, "dist", "core", "activations", "index.js"));
const reluAct = findActivation("relu");
const relu = reluAct.bind(resolveParams(reluAct, {})).f;

/** NumPy serving timings (bench/dense_numpy.py): one forward pass per request, its milliseconds. */
function numpyServer(env) {
  const child = spawn("/usr/bin/python3", ["bench/dense_numpy.py"], { cwd: ROOT, env, stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout });
  const waiting = [];
  const queued = [];
  lines.on("line", (l) => (waiting.length ? waiting.shift()(l) : queued.push(l)));
  const next = () => (queued.length ? Promise.resolve(queued.shift()) : new Promise((r) => waiting.push(r)));
  return {
    info: next().then(JSON.parse),
    time: async (name) => { child.stdin.write(name + "\n"); return Number(await next()); },
    close: () => child.stdin.end(),
  };
}
const numpy = numpyServer(process.env);
// NumPy again on one thread (actviz uses one thread below 50M multiply-adds, two above)
const numpy1 = numpyServer({ ...process.env, OPENBLAS_NUM_THREADS: "1", OMP_NUM_THREADS: "1", MKL_NUM_THREADS: "1" });
const info = await numpy.info;
await numpy1.info;

const nets = [[784, 128, 10], [64, 32, 16, 10]].map((sizes) => ({
  sizes,
  name: sizes.join("-"),
  layers: sizes.slice(1).map((outputs, i) => ({
    inputs: sizes[i],
    outputs,
    weight: Float64Array.from({ length: sizes[i] * outputs }, rnd),
    bias: Float64Array.from({ length: outputs }, rnd),
    f: i < sizes.length - 2 ? relu : null,
    relu: i < sizes.length - 2,
  })),
  x: Float64Array.from({ length: N * sizes[0] }, rnd),
  flops: 2 * N * sizes.slice(1).reduce((s, o, i) => s + o * sizes[i], 0),
}));
const actviz = (net, dtype) => {
  const t = performance.now();
  denseForward(net.x, N, net.layers, net.layers.length - 1, dtype);
  return performance.now() - t;
};
// warm-up: the JIT, and actviz's helper thread, which the first large pass starts
for (const net of nets) for (const dtype of ["f64", "f32"]) actviz(net, dtype);
await new Promise((r) => setTimeout(r, 300));

// each round times the four contenders back to back, in an order that rotates from round to round
const rows = [];
for (const net of nets) {
  const contenders = [
    ["np", () => numpy.time(net.name)],
    ["np1", () => numpy1.time(net.name)],
    ["f64", async () => actviz(net, "f64")],
    ["f32", async () => actviz(net, "f32")],
  ];
  const ms = { np: [], np1: [], f64: [], f32: [] };
  for (let r = 0; r < runs; r++) {
    for (let i = 0; i < contenders.length; i++) {
      const [key, time] = contenders[(i + r) % contenders.length];
      await time(); // the first pass after another contender's wakes threads and caches: not timed
      ms[key].push(await time());
    }
  }
  const ratio = ms.f64.map((t, r) => t / ms.np[r]);
  const ratio1 = ms.f64.map((t, r) => t / ms.np1[r]);
  rows.push({ ...net, f64: summary(ms.f64), f32: summary(ms.f32), np: summary(ms.np), np1: summary(ms.np1), ratio: summary(ratio), ratio1: summary(ratio1), within: ratio.filter((v) => v <= 3).length });
}
numpy.close();
numpy1.close();

const g = (flops, ms) => (flops / (ms / 1000) / 1e9).toFixed(1);
const x = (v) => `${v.toFixed(2)}x`;
const lines = [
  "# Dense forward pass: actviz vs NumPy",
  "",
  `\`node bench/dense.mjs ${runs}\` on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, Node ${process.version}, NumPy ${info.numpy} (${info.blas}; OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE ${process.env.OPENBLAS_CORETYPE || process.env.OPENBLAS_L2_SIZE ? "set" : "not set"}, NumPy run as a user has it).`,
  "actviz: the WebAssembly SIMD kernel (f64x2 / f32x4) and a helper thread, which a pass of at least 50M multiply-adds starts (the warm-up starts it here) and which then takes every other block of rows of any pass of at least 2M (both networks here).",
  `10,000 inputs, ReLU hidden layers. ${runs} rounds after a warm-up; each round times NumPy (default threads), NumPy (1 thread), actviz f64 and actviz f32 back to back, in an order that rotates (each one's second of two passes in a row: the first wakes its threads and warms its caches), so that each ratio compares runs made at the same moment (this machine's speed drifts by tens of percent over seconds). Times are medians over the rounds; a ratio is the median of the rounds' ratios, with their range.`,
  "",
  "| network | NumPy f64 (default threads) | NumPy f64 (1 thread) | actviz f64 | actviz / NumPy default: median (range) | actviz / NumPy 1 thread: median (range) | rounds within 3x of NumPy default | GFLOP/s actviz, NumPy, NumPy 1 thread | actviz --dtype f32 |",
  "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ...rows.map((r) =>
    `| ${r.name} | ${r.np.median.toFixed(1)} ms | ${r.np1.median.toFixed(1)} ms | ${r.f64.median.toFixed(1)} ms | ${x(r.ratio.median)} (${x(r.ratio.min)}-${x(r.ratio.max)}) | ${x(r.ratio1.median)} (${x(r.ratio1.min)}-${x(r.ratio1.max)}) | ${r.within} of ${runs} | ${g(r.flops, r.f64.median)}, ${g(r.flops, r.np.median)}, ${g(r.flops, r.np1.median)} | ${r.f32.median.toFixed(1)} ms |`),
  "",
  "Target: within 3x of NumPy's float64 matmul.",
  "",
];
const out = join(ROOT, "bench", "results", "dense.md");
const previous = existsSync(out) ? readFileSync(out, "utf8") : "";
// the notes below the table (earlier runs, what was tried) are kept; the table is replaced
const notes = previous.indexOf("\n## ");
writeFileSync(out, lines.join("\n") + (notes >= 0 ? previous.slice(notes) : ""));
console.log(lines.join("\n"));
