#!/usr/bin/env node
// Side-by-side benchmark: a ~100 MB float32 state dict read from a .pth (torch's zip format, and
// its legacy format) against the same tensors from a .safetensors file. Target: the .pth within
// 1.5x of the .safetensors.
//
// Two measurements, each in this process on the built dist/, each round running the sides back
// to back in a rotating order (so drift in machine load hits them alike):
//   read     readFile + every tensor's values (openTorch(...).read / readSafetensors), the values touched
//   weights  readFile + readWeights (what `neurons --weights` does: layers as float64)
// The ratio of a round is pth time / safetensors time; the table gives the median over rounds and the range.
//
//   /usr/bin/python3 bench/make_torch_inputs.py --dir bench/.out/torch   (once: ~300 MB)
//   node bench/torch.mjs [rounds, default 15]
// Needs a built dist/ (npm run build). Writes Markdown to stdout and to bench/results/torch.md.
import { existsSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import os from "node:os";
import { join } from "node:path";
import { checkBuild, ROOT, summary } from "./lib.mjs";

checkBuild("bench/torch.mjs");
const DIR = join(ROOT, "bench", ".out", "torch");
const FILES = { pth: "model.pth", legacy: "model-legacy.pth", safetensors: "model.safetensors" };
for (const f of Object.values(FILES)) {
  if (!existsSync(join(DIR, f))) {
    console.error(`bench/torch.mjs: ${join(DIR, f)} is missing (expected: /usr/bin/python3 bench/make_torch_inputs.py --dir bench/.out/torch)`);
    process.exit(2);
  }
}
const rounds = Number(process.argv[2] ?? 15);
const { openTorch } = await import(join(ROOT, "dist", "io", "torch", "read-torch.js"));
const { readSafetensors, safetensorsEntries } = await import(join(ROOT, "dist", "io", "weights", "read-safetensors.js"));
const { readWeights } = await import(join(ROOT, "dist", "io", "weights", "read-weights.js"));

let sink = 0;
const touch = (t) => { sink += t.data[0] + t.data[t.data.length - 1]; };
const reads = {
  pth: async () => { const b = await readFile(join(DIR, FILES.pth)); const f = openTorch(b, "m"); for (const e of f.entries) touch(f.read(e.name)); },
  legacy: async () => { const b = await readFile(join(DIR, FILES.legacy)); const f = openTorch(b, "m"); for (const e of f.entries) touch(f.read(e.name)); },
  safetensors: async () => { const b = await readFile(join(DIR, FILES.safetensors)); for (const e of safetensorsEntries(b, "m")) touch(readSafetensors(b, "m", e.name)); },
};
const weights = Object.fromEntries(Object.entries(FILES).map(([k, f]) => [k, async () => {
  const b = await readFile(join(DIR, f));
  for (const l of readWeights({ kind: "file", bytes: b }, "m", { bias: true, layout: "out-in" })) sink += l.weight[0];
}]));

async function measure(fns) {
  const names = Object.keys(fns);
  const times = Object.fromEntries(names.map((n) => [n, []]));
  for (const n of names) await fns[n](); // warm-up: page cache, JIT
  for (let r = 0; r < rounds; r++) {
    const order = names.map((_, i) => names[(i + r) % names.length]);
    for (const n of order) {
      const t = performance.now();
      await fns[n]();
      times[n].push(performance.now() - t);
    }
  }
  return times;
}

const ratio = (a, b) => {
  const rs = a.map((x, i) => x / b[i]);
  const s = summary(rs);
  return `${s.median.toFixed(2)}x (${s.min.toFixed(2)}x-${s.max.toFixed(2)}x)`;
};
const ms = (xs) => `${summary(xs).median.toFixed(1)} ms`;

const lines = [
  "# PyTorch .pth against .safetensors",
  "",
  `\`node bench/torch.mjs ${rounds}\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, Node ${process.version}.`,
  "A 2048-4096-2048-4096-10 float32 state dict (100.9 MB) saved by torch 1.13 as `model.pth` (zip), `model-legacy.pth`",
  "(legacy format) and `model.safetensors`, files in the page cache. Each round runs every side once in a rotating order;",
  "times are medians over the rounds, a ratio is the median of the rounds' ratios (range).",
  "",
  "| measurement | .safetensors | .pth (zip) | .pth (legacy) | zip / safetensors | legacy / safetensors |",
  "| --- | --- | --- | --- | --- | --- |",
];
for (const [label, fns] of [["read: readFile + every tensor's values", reads], ["weights: readFile + readWeights (float64 layers)", weights]]) {
  const t = await measure(fns);
  lines.push(`| ${label} | ${ms(t.safetensors)} | ${ms(t.pth)} | ${ms(t.legacy)} | ${ratio(t.pth, t.safetensors)} | ${ratio(t.legacy, t.safetensors)} |`);
}
lines.push("", "Target: the .pth within 1.5x of the .safetensors.", "");
if (Number.isNaN(sink)) console.error("sink is NaN");
const md = lines.join("\n");
console.log(md);
writeFileSync(join(ROOT, "bench", "results", "torch.md"), md);
