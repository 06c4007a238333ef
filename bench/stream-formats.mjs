#!/usr/bin/env node
// Side-by-side benchmark of the block readers (issue #17): `actviz neurons FILE --plot summary
// --stats R.json` on the same float32 matrix as .npy, HDF5 (contiguous, chunks=True, gzip+shuffle)
// and PyTorch (zip, legacy, a transpose saved as is), every file past the 256 MiB above which
// input is read in blocks. Each round runs every file once, in turn (the machine is shared: the
// ratios within a round are what to compare); CPU time (user + system) and peak RSS by
// /usr/bin/time, and every report checked equal to the .npy's (the source aside).
//
//   /usr/bin/python3 bench/make_stream_formats.py /tmp/actviz-stream   (the inputs, once)
//   node bench/stream-formats.mjs [--dir /tmp/actviz-stream] [--rounds 3]
//
// Needs a build (npm run build). Writes bench/results/stream-formats.md and stdout.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, checkBuild } from "./lib.mjs";

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith("--") ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
const DIR = args.dir ?? "/tmp/actviz-stream";
const ROUNDS = Number(args.rounds ?? 3);
const FILES = ["acts.npy", "contiguous.h5", "chunked.h5", "gzip.h5", "acts.pt", "acts-legacy.pt", "transposed.pt"];
checkBuild("bench/stream-formats.mjs");
for (const f of FILES) if (!existsSync(join(DIR, f))) throw new Error(`${join(DIR, f)} is missing: run /usr/bin/python3 bench/make_stream_formats.py ${DIR}`);

const uptime = () => spawnSync("uptime", { encoding: "utf8" }).stdout.trim().replace(/^.*load/, "load");

function run(file) {
  const report = join(DIR, `${file}.json`);
  const r = spawnSync("/usr/bin/time", ["-f", "__CPU %U %S %M", process.execPath, "bin/actviz.js", "neurons", join(DIR, file), "--plot", "summary", "--stats", report, "--out", join(DIR, `out-${file}`), "-q"], { cwd: ROOT, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${file}: exit ${r.status}: ${r.stderr}`);
  const [, user, sys, rss] = /__CPU ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr);
  const { source: _s, ...rest } = JSON.parse(readFileSync(report, "utf8"));
  return { cpu: Number(user) + Number(sys), rss: Number(rss) / 1024, report: JSON.stringify(rest) };
}

const lines = [];
const log = (l = "") => (lines.push(l), console.log(l));
log("# Block readers side by side (bench/stream-formats.mjs)");
log();
log(`${new Date().toISOString()}, Node ${process.version}; \`neurons FILE --plot summary --stats\`, CPU seconds (user + system) and peak RSS; one row per round, every file in turn.`);
log();
log(`| round | ${FILES.map((f) => `${f} (${(statSync(join(DIR, f)).size / 1e6).toFixed(0)} MB)`).join(" | ")} | load |`);
log(`| --- | ${FILES.map(() => "---").join(" | ")} | --- |`);
for (let round = 1; round <= ROUNDS; round++) {
  const results = FILES.map(run);
  for (const [i, r] of results.entries()) if (r.report !== results[0].report) throw new Error(`${FILES[i]}: the report differs from the .npy's`);
  const base = results[0].cpu;
  log(`| ${round} | ${results.map((r) => `${r.cpu.toFixed(1)} s (${(r.cpu / base).toFixed(2)}x), ${r.rss.toFixed(0)} MiB`).join(" | ")} | ${uptime()} |`);
}
log();
log("Every report equal to the .npy's (the source aside).");
writeFileSync(join(ROOT, "bench/results/stream-formats.md"), lines.join("\n") + "\n");
