#!/usr/bin/env node
// Side-by-side benchmark for issue #17: `actviz neurons FILE --plot summary --stats R.json` on
// big float32 dumps (N x 1024, bench/make_big_dump.py) against NumPy computing the same numbers
// (bench/big_dump_numpy.py: mean, std, the report's quantiles, the dead count), and the peak
// memory of `--plot summary,heatmap --stats` as the file grows.
//
//   node bench/big-dump.mjs [--rows 400000] [--scales 1,2,4] [--numpy-scales 1,2] [--dir DIR]
//
// Sizes are rows x scale (1x = 400,000 rows = 1.6 GB). Each size: one actviz run and one NumPy
// run back to back (wall time by process.hrtime, peak RSS by /usr/bin/time %M), then the
// summary,heatmap run; NumPy's run also checks that actviz's quantiles equal np.quantile's bit
// for bit. `uptime` before and after every pair: the machine is shared, and the ratios of a pair
// are what to compare. Files go to DIR (default /tmp/actviz-big, made when missing; never
// committed). Needs a build (npm run build). Writes bench/results/big-dump.md and stdout.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, statSync, statfsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, checkBuild } from "./lib.mjs";

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith("--") ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
const ROWS = Number(args.rows ?? 400000);
const SCALES = (args.scales ?? "1,2,4").split(",").map(Number);
const NUMPY_SCALES = (args["numpy-scales"] ?? "1,2").split(",").map(Number);
const DIR = args.dir ?? "/tmp/actviz-big";
const PYTHON = "/usr/bin/python3";
checkBuild("bench/big-dump.mjs");
mkdirSync(DIR, { recursive: true });

const uptime = () => spawnSync("uptime", { encoding: "utf8" }).stdout.trim().replace(/^.*load/, "load");

/** Runs argv under /usr/bin/time; wall seconds, peak RSS in MiB, and stderr. */
function timed(argv) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync("/usr/bin/time", ["-f", "__RSS %M", ...argv], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 26 });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${argv.join(" ")}: exit ${r.status}: ${r.stderr}`);
  const rss = Number(/__RSS (\d+)/.exec(r.stderr)?.[1]) / 1024;
  return { s, rss, stdout: r.stdout.trim(), stderr: r.stderr };
}

const lines = [];
const log = (l = "") => {
  lines.push(l);
  console.log(l);
};
log("# Big dumps: `actviz neurons` streamed vs NumPy (bench/big-dump.mjs)");
log();
log(`${new Date().toISOString()}, Node ${process.version}, ${ROWS} x 1024 float32 per 1x; 2 shared cores, so each row's actviz and NumPy runs are back to back and the load is given.`);
log();
log("| size | file | actviz summary+stats | NumPy mean/std/quantile/dead | NumPy / actviz | actviz peak RSS | NumPy peak RSS | actviz summary,heatmap+stats peak RSS (time) | quantiles | load before → after |");
log("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
const times = [];
for (const scale of SCALES) {
  const rows = ROWS * scale;
  const file = join(DIR, `x${rows / 1000}k.npy`);
  const bytes = 4 * rows * 1024 + 128;
  if (!existsSync(file) || statSync(file).size !== bytes) {
    const free = statfsSync(DIR).bavail * statfsSync(DIR).bsize;
    if (free < bytes * 1.2) {
      log(`| ${scale}x | skipped: ${bytes} bytes needed, ${free} free in ${DIR} | | | | | | | | |`);
      continue;
    }
    spawnSync(PYTHON, [join(ROOT, "bench", "make_big_dump.py"), file, String(rows)], { stdio: "inherit" });
  }
  const out = join(DIR, `out-${scale}`);
  const report = join(DIR, `report-${scale}.json`);
  const before = uptime();
  // read the file once first so both sides start from the page cache
  spawnSync("cat", [file], { stdio: ["ignore", "ignore", "inherit"] });
  const a = timed([process.execPath, "bin/actviz.js", "neurons", file, "--plot", "summary", "--stats", report, "--out", out, "-q"]);
  times.push({ scale, s: a.s });
  let n = { s: NaN, rss: NaN, stdout: "not run" };
  if (NUMPY_SCALES.includes(scale)) n = timed([PYTHON, join(ROOT, "bench", "big_dump_numpy.py"), file, report]);
  const h = timed([process.execPath, "bin/actviz.js", "neurons", file, "--plot", "summary,heatmap", "--stats", join(DIR, `report-h-${scale}.json`), "--out", out, "-q"]);
  const after = uptime();
  const ratio = Number.isNaN(n.s) ? "" : `${(n.s / a.s).toFixed(2)}x`;
  log(`| ${scale}x | ${(bytes / 1e9).toFixed(2)} GB | ${a.s.toFixed(1)} s | ${Number.isNaN(n.s) ? "not run" : `${n.s.toFixed(1)} s`} | ${ratio} | ${a.rss.toFixed(0)} MiB | ${Number.isNaN(n.rss) ? "" : `${n.rss.toFixed(0)} MiB`} | ${h.rss.toFixed(0)} MiB (${h.s.toFixed(1)} s) | ${n.stdout.split("\n").pop()} | ${before} → ${after} |`);
}
if (times.length > 1) {
  log();
  log(`Linearity (actviz summary+stats, seconds per 1x of data): ${times.map((t) => `${t.scale}x ${(t.s / t.scale).toFixed(1)}`).join(", ")}.`);
}
writeFileSync(join(ROOT, "bench", "results", "big-dump.md"), lines.join("\n") + "\n");
