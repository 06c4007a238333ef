// Reading one matrix (10000 x 512 float32) from each input format, in-process, side by side:
// median of RUNS reads of the bytes already in memory, as `actviz neurons` reads a file it holds
// whole (readTensorAsync: chunked HDF5 by our block reader, the rest by jsfive and the text
// readers), and the ratio to .npy; "jsfive alone" rows time readTensor, the whole reader only.
//
//   /usr/bin/python3 bench/make_hdf5_inputs.py --dir bench/.out/hdf5 && npm run build && node bench/hdf5.mjs
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, checkBuild, summary } from "./lib.mjs";

checkBuild("bench/hdf5.mjs");
const { readTensor, readTensorAsync } = await import(join(ROOT, "dist", "io", "read-tensor.js"));
const dir = join(ROOT, "bench", ".out", "hdf5");
const RUNS = Number(process.env.RUNS ?? 5);
const inputs = [
  ["matrix.npy", {}],
  ["contiguous.h5", { key: "acts" }],
  ["gzip.h5", { key: "acts" }],
  ["gzip.h5", { key: "acts" }, "jsfive alone"],
  ["matrix.csv", {}],
  ["matrix.txt", {}],
];
const rows = [];
for (const [file, o, alone] of inputs) {
  const bytes = new Uint8Array(readFileSync(join(dir, file)));
  const ms = [];
  let shape;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    shape = (alone ? readTensor(bytes, { source: file, ...o }) : await readTensorAsync(bytes, { source: file, ...o })).shape;
    ms.push(performance.now() - t);
  }
  rows.push({ file: alone ? `${file} (${alone})` : file, mb: (bytes.length / 1e6).toFixed(1), shape: shape.join("x"), ...summary(ms) });
}
const npy = rows[0].median;
console.log("| input | MB | shape | median ms | min-max ms | / npy |");
console.log("| --- | --- | --- | --- | --- | --- |");
for (const r of rows) console.log(`| ${r.file} | ${r.mb} | ${r.shape} | ${r.median.toFixed(1)} | ${r.min.toFixed(1)}-${r.max.toFixed(1)} | ${(r.median / npy).toFixed(1)}x |`);
