#!/usr/bin/env node
// Benchmark for issue #17's streamed jobs: `actviz neurons MAPS.npy --reduce mean --labels L.npy
// --baseline BASE.npy --export X.npy --plot summary,heatmap,classes,hist --top 4 --stats R.json`
// on conv feature maps [N, 8, 32, 32] float32 past the 256 MiB streaming threshold, as the file
// grows: wall time, peak RSS (by /usr/bin/time %M) and seconds per 1x, side by side per size, so
// that memory is seen to stay flat and time to grow linearly.
//
//   node bench/stream-jobs.mjs [--samples 20000] [--scales 1,2] [--dir DIR]
//
// 1x = 20,000 samples = 655 MB per file (the maps and a baseline of the same shape). Files go to
// DIR (default /tmp/actviz-stream-jobs, never committed), made by this script (ReLU of a
// xorshift's uniform noise; the baseline with channel 3 dead). `uptime` before and after each
// run: the machine is shared. Needs a build (npm run build). Writes bench/results/stream-jobs.md.
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, statSync, statfsSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { ROOT, checkBuild } from "./lib.mjs";

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith("--") ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
const SAMPLES = Number(args.samples ?? 20000);
const SCALES = (args.scales ?? "1,2").split(",").map(Number);
const DIR = args.dir ?? "/tmp/actviz-stream-jobs";
const [C, H, W] = [8, 32, 32];
checkBuild("bench/stream-jobs.mjs");
mkdirSync(DIR, { recursive: true });

const uptime = () => spawnSync("uptime", { encoding: "utf8" }).stdout.trim().replace(/^.*load/, "load");

/** An .npy header (format 1.0, 128 bytes) for float32 of `shape`, or int64 labels. */
function header(shape, descr = "<f4") {
  let h = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${shape.join(", ")}${shape.length === 1 ? "," : ""}), }`;
  h = h.padEnd(128 - 11) + "\n";
  const head = Buffer.alloc(10);
  head.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  head.writeUInt16LE(h.length, 8);
  return Buffer.concat([head, Buffer.from(h, "latin1")]);
}

/** Writes [n, C, H, W] float32 ReLU noise (channel `dead` all zeros when given), sample by sample. */
function makeMaps(path, n, seed, dead) {
  const fd = openSync(path, "w");
  writeSync(fd, header([n, C, H, W]));
  let x = seed >>> 0 || 1;
  const per = C * H * W;
  const chunk = new Float32Array(per * 256);
  for (let s = 0; s < n; s += 256) {
    const m = Math.min(256, n - s);
    for (let i = 0; i < m * per; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      const c = Math.floor((i % per) / (H * W));
      chunk[i] = c === dead ? 0 : Math.max(0, (x >>> 0) / 2 ** 32 - 0.4 + c * 0.01);
    }
    writeSync(fd, Buffer.from(chunk.buffer, 0, m * per * 4));
  }
  closeSync(fd);
}

/** Runs argv under /usr/bin/time; wall seconds and peak RSS in MiB. */
function timed(argv) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync("/usr/bin/time", ["-f", "__RSS %M", ...argv], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 26 });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${argv.join(" ")}: exit ${r.status}: ${r.stderr}`);
  return { s, rss: Number(/__RSS (\d+)/.exec(r.stderr)?.[1]) / 1024 };
}

const lines = [];
const log = (l = "") => {
  lines.push(l);
  console.log(l);
};
log("# Streamed jobs: --reduce, --labels, --baseline, --export on conv maps past 256 MiB (bench/stream-jobs.mjs)");
log();
log(`${new Date().toISOString()}, Node ${process.version}, ${SAMPLES} x [${C}, ${H}, ${W}] float32 per 1x; 2 shared cores, the load is given.`);
log();
log("| size | each file | time | peak RSS | seconds per 1x | load before → after |");
log("| --- | --- | --- | --- | --- | --- |");
for (const scale of SCALES) {
  const n = SAMPLES * scale;
  const bytes = 128 + n * C * H * W * 4;
  const [maps, base, labels] = [join(DIR, `maps-${scale}.npy`), join(DIR, `base-${scale}.npy`), join(DIR, `labels-${scale}.npy`)];
  if (!existsSync(maps) || statSync(maps).size !== bytes || !existsSync(base) || statSync(base).size !== bytes) {
    const free = statfsSync(DIR).bavail * statfsSync(DIR).bsize;
    if (free < bytes * 2.2) {
      log(`| ${scale}x | skipped: ${2 * bytes} bytes needed, ${free} free in ${DIR} | | | | |`);
      continue;
    }
    makeMaps(maps, n, 1 + scale, -1);
    makeMaps(base, n, 7 + scale, 3);
  }
  const ints = new BigInt64Array(n).map((_, i) => BigInt(i % 10));
  writeFileSync(labels, Buffer.concat([header([n], "<i8"), Buffer.from(ints.buffer)]));
  // read the files once first, so every size starts from the page cache
  spawnSync("cat", [maps, base], { stdio: ["ignore", "ignore", "inherit"] });
  const before = uptime();
  const r = timed([process.execPath, "bin/actviz.js", "neurons", maps, "--reduce", "mean", "--labels", labels, "--baseline", base, "--export", join(DIR, `x-${scale}.npy`), "--plot", "summary,heatmap,classes,hist", "--top", "4", "--stats", join(DIR, `r-${scale}.json`), "--out", join(DIR, `out-${scale}`), "-q"]);
  log(`| ${scale}x | ${(bytes / 1e9).toFixed(2)} GB | ${r.s.toFixed(1)} s | ${r.rss.toFixed(0)} MiB | ${(r.s / scale).toFixed(1)} s | ${before} → ${uptime()} |`);
}
writeFileSync(join(ROOT, "bench", "results", "stream-jobs.md"), lines.join("\n") + "\n");
