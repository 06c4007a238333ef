#!/usr/bin/env node
// Side-by-side benchmark: `actviz neurons` against the same jobs in matplotlib
// (bench/neurons_matplotlib.py), on deterministic inputs made by bench/make_inputs.py:
//
//   job1  128 line charts from a 1000x128 float32 .npy        target: actviz >= 3x faster
//   job2  512 line charts from a 10000x512 float32 .npy       target: actviz >= 5x faster
//   job3  2000 line charts from a 500x2000 float32 .npy       target: actviz peak RSS < 250 MiB
//   job4  heatmap + JSON report of a 60000x1024 float32 .npy  target: actviz peak RSS < 2x the file
//
// Every measurement is a whole process run under /usr/bin/time (peak RSS = its %M, CPU = %U + %S),
// wall time by process.hrtime around it; the process's VmRSS is also polled every 100 ms. Runs of
// the two sides alternate, so a change in machine load hits both alike. For job3 the RSS timeline
// is given against the number of charts on disk: matplotlib's PNGs, and actviz's PNGs under their
// temporary names (.neuron-0042.png.actviz-tmp-...), which it renames into place at the end.
//
//   node bench/neurons.mjs [--only job1,job2,job3,job4] [--runs N] [--big-runs N] [--warmup N]
//
// --runs: timed runs per side for job1 (default 3); --big-runs: for job2 and job3 (default 1);
// job4 runs once per variant. Needs a built dist/ (npx tsc -p tsconfig.json). Python:
// /usr/bin/python3, or $PYTHON. Writes the Markdown to stdout and to bench/results/neurons.md;
// inputs and images go to bench/.out/ (not committed).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

import { checkBuild, newest, run, summary } from "./lib.mjs";
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = join(ROOT, "bench", ".out");
const INPUTS = join(OUT, "inputs");
const RESULTS = join(ROOT, "bench", "results", "neurons.md");
const PYTHON = process.env.PYTHON ?? "/usr/bin/python3";
const NODE = process.execPath;
const BIN = join(ROOT, "bin", "actviz.js");
const PEER = join(ROOT, "bench", "neurons_matplotlib.py");
const MIB = 2 ** 20;
const JOBS = ["job1", "job2", "job3", "job4"];
const FILES = {
  job1: "lines-1000x128.npy",
  job2: "lines-10000x512.npy",
  job3: "rss-500x2000.npy",
  job4: "big-60000x1024.npy",
};

const args = parseArgs(process.argv.slice(2));

function parseArgs(argv) {
  const o = { only: JOBS, runs: 3, "big-runs": 1, warmup: 1 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (["--runs", "--big-runs", "--warmup"].includes(flag) && /^\d+$/.test(value ?? "")) {
      o[flag.slice(2)] = Number(value);
      i++;
    } else if (flag === "--only" && value && value.split(",").every((j) => JOBS.includes(j))) {
      o.only = value.split(",");
      i++;
    } else {
      console.error(`bench/neurons.mjs: bad argument '${flag}' (expected --only job1,...,job4, --runs N, --big-runs N, --warmup N)`);
      process.exit(2);
    }
  }
  o.runs = Math.max(1, o.runs);
  o["big-runs"] = Math.max(1, o["big-runs"]);
  return o;
}

/** pid -> [ppid, comm] for every process, from /proc/PID/stat. */
function processTable() {
  const table = new Map();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      const comm = stat.slice(stat.indexOf("(") + 1, close);
      const ppid = Number(stat.slice(close + 2).split(" ")[1]);
      table.set(Number(name), [ppid, comm]);
    } catch {
      // the process ended meanwhile
    }
  }
  return table;
}

/** The first descendant of `root` whose command name matches `comm` (breadth first). */
function findDescendant(root, comm) {
  const table = processTable();
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift();
    for (const [child, [ppid, name]] of table) {
      if (ppid !== pid) continue;
      if (comm.test(name)) return child;
      queue.push(child);
    }
  }
  return undefined;
}

function vmRssKiB(pid) {
  try {
    const m = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB/m);
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Charts on disk in dir: PNG files under their final or their temporary (.NAME.png.actviz-tmp-*) names. */
const chartsOnDisk = (dir) => {
  if (!existsSync(dir)) return [0, 0];
  const names = readdirSync(dir);
  return [names.filter((f) => /\.png($|\.actviz-tmp-)/.test(f)).length, names.filter((f) => f.endsWith(".png")).length];
};

/**
 * Runs one command as a whole process under /usr/bin/time, polling its VmRSS every 100 ms.
 * Resolves with wall ms, peak RSS (KiB, from time's %M), user + system CPU seconds and the RSS
 * samples [ms, KiB, charts on disk (temporary or final), final PNGs on disk].
 */
function runMeasured(cmd) {
  const timeFile = join(OUT, `time-${process.pid}.txt`);
  rmSync(timeFile, { force: true });
  const timed = ["/usr/bin/time", "-o", timeFile, "-f", "%e %M %U %S", cmd.file, ...cmd.args];
  const [file, argv] = [timed[0], timed.slice(1)];
  const comm = cmd.file === NODE ? /^node/ : /^python/;
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(file, argv, { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    let target;
    const samples = [];
    child.stderr.on("data", (chunk) => (err = (err + chunk.toString("utf8")).slice(-8192)));
    const poll = setInterval(() => {
      target ??= findDescendant(child.pid, comm);
      if (target === undefined) return;
      const rss = vmRssKiB(target);
      if (rss === undefined) return;
      const [charts, final] = cmd.outDir ? chartsOnDisk(cmd.outDir) : [0, 0];
      samples.push([Number(process.hrtime.bigint() - t0) / 1e6, rss, charts, final]);
    }, 100);
    child.on("error", (e) => {
      clearInterval(poll);
      reject(new Error(`${cmd.label}: cannot start ${file}: ${e.message}`));
    });
    child.on("close", (code, signal) => {
      clearInterval(poll);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const timeLine = existsSync(timeFile) ? readFileSync(timeFile, "utf8").trim().split("\n").at(-1) : "";
      if (code !== 0) return reject(new Error(`${cmd.label}: exit ${code ?? signal}\n${timeLine}\n${err}`));
      const [, maxrss, user, sys] = timeLine.split(" ").map(Number);
      if (!Number.isFinite(maxrss)) return reject(new Error(`${cmd.label}: no /usr/bin/time line in ${timeFile}`));
      resolve({ ms, peakKiB: maxrss, cpu: user + sys, samples });
    });
  });
}

/** Warm-up runs, then `runs` timed rounds; within a round the commands run in turn. */
async function measure(cmds, runs, warmup) {
  for (const cmd of cmds) {
    for (let i = 0; i < warmup; i++) {
      cmd.before?.();
      await runMeasured(cmd);
    }
  }
  const results = cmds.map(() => []);
  for (let round = 0; round < runs; round++) {
    for (const [i, cmd] of cmds.entries()) {
      cmd.before?.();
      results[i].push(await runMeasured(cmd));
      console.error(`bench/neurons.mjs: ${cmd.label} run ${round + 1}/${runs}: ${fmt(results[i].at(-1).ms)}, peak ${mib(results[i].at(-1).peakKiB)}`);
    }
  }
  return cmds.map((cmd, i) => ({ label: cmd.label, command: cmd.shown, runs: results[i], ...summary(results[i].map((r) => r.ms)) }));
}





/** The commit checked out, and whether src/ has changes not committed. */
function revision() {
  const r = spawnSync("git", ["log", "-1", "--format=%h %s"], { cwd: ROOT, encoding: "utf8" });
  const dirty = spawnSync("git", ["status", "--porcelain", "--", "src"], { cwd: ROOT, encoding: "utf8" }).stdout?.trim();
  return r.status === 0 ? `${r.stdout.trim()}${dirty ? " (src/ has uncommitted changes)" : ""}` : "unknown (no git)";
}

/** The PNG files a run left in dir: their count and bytes; throws unless they are exactly `names`. */
function checkOutputs(dir, names, who) {
  const got = readdirSync(dir).filter((f) => f.endsWith(".png")).sort();
  const want = [...names].sort();
  const missing = want.filter((f) => !got.includes(f));
  const extra = got.filter((f) => !want.includes(f));
  if (missing.length || extra.length) {
    throw new Error(`${who} wrote a different set of charts: missing ${missing.length} [${missing.slice(0, 3)}...] extra ${extra.length} [${extra.slice(0, 3)}...]`);
  }
  return got.reduce((bytes, f) => bytes + statSync(join(dir, f)).size, 0);
}

const neuronNames = (n) => Array.from({ length: n }, (_, i) => `neuron-${String(i).padStart(String(n - 1).length, "0")}.png`);
const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const mib = (kib) => `${(kib / 1024).toFixed(0)} MiB`;
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(", ");
const mark = (ok) => (ok ? "met" : "**not met**");
const clean = (dir) => () => rmSync(dir, { recursive: true, force: true });
const rel = (p) => relative(ROOT, p);

/** The two sides of a line-chart job, actviz first. */
function lineCommands(job) {
  const input = join(INPUTS, FILES[job]);
  const aDir = join(OUT, `${job}-actviz`);
  const mDir = join(OUT, `${job}-matplotlib`);
  return [
    {
      label: "actviz",
      file: NODE,
      args: [BIN, "neurons", input, "--out", aDir, "-q"],
      shown: `node bin/actviz.js neurons ${rel(input)} --out ${rel(aDir)} -q`,
      before: clean(aDir),
      outDir: aDir,
    },
    {
      label: "matplotlib",
      file: PYTHON,
      args: [PEER, input, "--out", mDir],
      shown: `${PYTHON} bench/neurons_matplotlib.py ${rel(input)} --out ${rel(mDir)}`,
      before: clean(mDir),
      outDir: mDir,
    },
  ];
}

/** A table of a line-chart job and its ratio (against `target` when there is one). */
function lineSection(title, cmds, results, charts, target, note) {
  const bytes = cmds.map((c) => checkOutputs(c.outDir, neuronNames(charts), c.label));
  const [a, m] = results;
  const ratio = m.median / a.median;
  const peak = (r) => Math.max(...r.runs.map((x) => x.peakKiB));
  const cpu = (r) => summary(r.runs.map((x) => x.cpu)).median;
  const lines = [
    `## ${title}`,
    "",
    `load average before: ${results.loadBefore}`,
    "",
    "| tool | median | min | max | runs | CPU user+sys (median) | peak RSS (max) | PNG bytes (all) | command |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ...results.map(
      (r, i) =>
        `| ${r.label} | ${fmt(r.median)} | ${fmt(r.min)} | ${fmt(r.max)} | ${r.n} | ${cpu(r).toFixed(2)} s | ${mib(peak(r))} | ${bytes[i].toLocaleString("en-US")} | \`${r.command}\` |`,
    ),
    "",
    `matplotlib / actviz (median): **${ratio.toFixed(2)}x**${target ? ` (target ≥ ${target}x: ${mark(ratio >= target)})` : ""}; ` +
      `per chart: actviz ${(a.median / charts).toFixed(1)} ms, matplotlib ${(m.median / charts).toFixed(1)} ms, start-up included.`,
    "",
    ...(note ? [note, ""] : []),
  ];
  const verdict = target ? `${ratio.toFixed(2)}x: ${mark(ratio >= target)}` : `${ratio.toFixed(2)}x`;
  return { lines, verdict };
}

/** RSS (MiB) of the first sample at or after each share of `total` charts done. */
function timeline(samples, total) {
  const at = (share) => {
    const s = samples.find((x) => x[2] >= Math.ceil(share * total));
    return s ? `${mib(s[1])} (${fmt(s[0])})` : "not seen";
  };
  const loaded = samples.find((x) => x[2] >= 1);
  return { first: loaded ? `${mib(loaded[1])} (${fmt(loaded[0])})` : "not seen", p10: at(0.1), p50: at(0.5), p100: at(1) };
}

const distBefore = checkBuild("bench/neurons.mjs");
const rev = revision();
mkdirSync(OUT, { recursive: true });
const mplVersion = run(PYTHON, ["-c", "import matplotlib, numpy; print(matplotlib.__version__, numpy.__version__)"]).split(" ");
spawnSync(PYTHON, [join(ROOT, "bench", "make_inputs.py"), "--dir", INPUTS, "--only", args.only.join(",")], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
const loadBefore = load();
const sections = [];
const verdicts = [];

if (args.only.includes("job1")) {
  const cmds = lineCommands("job1");
  const loadJob = load();
  const results = await measure(cmds, args.runs, args.warmup);
  results.loadBefore = loadJob;
  const { lines, verdict } = lineSection("job1: 128 line charts from a 1000x128 float32 .npy", cmds, results, 128, 3);
  sections.push(...lines);
  verdicts.push(`- job1 (actviz ≥ 3x faster, median wall): ${verdict}`);
}

if (args.only.includes("job2")) {
  const cmds = lineCommands("job2");
  const loadJob = load();
  const results = await measure(cmds, args["big-runs"], 0);
  results.loadBefore = loadJob;
  const note =
    "actviz decimates each 10000-sample line to two points per pixel column, 1600 at 800 px (min-max per bucket, every peak kept), before drawing; " +
    "matplotlib gets all 10000 and applies its default path simplification in Agg.";
  const { lines, verdict } = lineSection("job2: 512 line charts from a 10000x512 float32 .npy", cmds, results, 512, 5, note);
  sections.push(...lines);
  verdicts.push(`- job2 (actviz ≥ 5x faster, median wall): ${verdict}`);
}

if (args.only.includes("job3")) {
  const cmds = lineCommands("job3");
  const loadJob = load();
  const results = await measure(cmds, args["big-runs"], 0);
  results.loadBefore = loadJob;
  const { lines } = lineSection("job3: 2000 line charts from a 500x2000 float32 .npy, in one run", cmds, results, 2000, 0);
  const budget = 250 * 1024;
  const [a, m] = results;
  const aPeak = Math.max(...a.runs.map((r) => r.peakKiB));
  const ta = timeline(a.runs.at(-1).samples, 2000);
  const tm = timeline(m.runs.at(-1).samples, 2000);
  const aFiles = a.runs.at(-1).samples.filter((s) => s[3] > 0);
  lines.push(
    `actviz peak RSS ${mib(aPeak)} (target < 250 MiB: ${mark(aPeak < budget)}` +
      `${aPeak < budget ? `, ${mib(budget - aPeak)} to spare` : `, over by ${mib(aPeak - budget)}`}).`,
    "",
    "VmRSS polled every 100 ms (last run), at the first sample after each share of the 2000 charts was on disk. " +
      "actviz writes each chart to a temporary file as soon as it is drawn and renames them all into place at the end" +
      (aFiles.length ? ` (the first final name appeared at ${fmt(aFiles[0][0])}, of ${fmt(a.runs.at(-1).ms)})` : "") +
      "; matplotlib saves each PNG under its name.",
    "",
    "| tool | first chart | 10 % (200) | 50 % (1000) | 100 % (2000) | peak (/usr/bin/time) |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    `| actviz | ${ta.first} | ${ta.p10} | ${ta.p50} | ${ta.p100} | ${mib(aPeak)} |`,
    `| matplotlib | ${tm.first} | ${tm.p10} | ${tm.p50} | ${tm.p100} | ${mib(Math.max(...m.runs.map((r) => r.peakKiB)))} |`,
    "",
  );
  sections.push(...lines);
  verdicts.push(`- job3 (actviz peak RSS < 250 MiB over 2000 charts): ${mib(aPeak)}: ${mark(aPeak < budget)}`);
}

if (args.only.includes("job4")) {
  const input = join(INPUTS, FILES.job4);
  const size = statSync(input).size;
  const dirs = ["actviz", "matplotlib", "matplotlib-full"].map((s) => join(OUT, `job4-${s}`));
  const stats = dirs.map((d) => join(d, "stats.json"));
  const cmds = [
    {
      label: "actviz",
      file: NODE,
      args: [BIN, "neurons", input, "--plot", "heatmap", "--stats", stats[0], "--out", dirs[0], "-q"],
      shown: `node bin/actviz.js neurons ${rel(input)} --plot heatmap --stats ${rel(stats[0])} --out ${rel(dirs[0])} -q`,
      before: clean(dirs[0]),
    },
    {
      label: "matplotlib, block means to 610x400 then imshow",
      file: PYTHON,
      args: [PEER, input, "--plot", "heatmap", "--stats", stats[1], "--out", dirs[1]],
      shown: `${PYTHON} bench/neurons_matplotlib.py ${rel(input)} --plot heatmap --stats ${rel(stats[1])} --out ${rel(dirs[1])}`,
      before: () => {
        clean(dirs[1])();
        mkdirSync(dirs[1], { recursive: true });
      },
    },
    {
      label: "matplotlib, imshow of the full array (nearest)",
      file: PYTHON,
      args: [PEER, input, "--plot", "heatmap", "--heatmap-full", "--stats", stats[2], "--out", dirs[2]],
      shown: `${PYTHON} bench/neurons_matplotlib.py ${rel(input)} --plot heatmap --heatmap-full --stats ${rel(stats[2])} --out ${rel(dirs[2])}`,
      before: () => {
        clean(dirs[2])();
        mkdirSync(dirs[2], { recursive: true });
      },
    },
  ];
  const loadJob = load();
  const results = await measure(cmds, 1, 0);
  for (const [i, d] of dirs.entries()) {
    if (!existsSync(join(d, "heatmap.png")) || !existsSync(stats[i])) throw new Error(`${cmds[i].label}: no heatmap.png or stats.json in ${rel(d)}`);
    const doc = JSON.parse(readFileSync(stats[i], "utf8"));
    if (doc.neurons !== 1024 || doc.samples !== 60000 || doc.per_neuron.length !== 1024) throw new Error(`${cmds[i].label}: report has the wrong shape`);
  }
  const aPeak = results[0].runs[0].peakKiB;
  const limit = (2 * size) / 1024;
  sections.push(
    `## job4: a 60000x1024 float32 .npy (${(size / MIB).toFixed(1)} MiB): read, JSON report, one heatmap`,
    "",
    `load average before: ${loadJob}`,
    "",
    "| tool | wall | CPU user+sys | peak RSS | peak RSS / file size | command |",
    "| --- | ---: | ---: | ---: | ---: | --- |",
    ...results.map((r) => {
      const x = r.runs[0];
      return `| ${r.label} | ${fmt(x.ms)} | ${x.cpu.toFixed(2)} s | ${mib(x.peakKiB)} | ${((x.peakKiB * 1024) / size).toFixed(2)}x | \`${r.command}\` |`;
    }),
    "",
    `actviz peak RSS ${mib(aPeak)} = ${((aPeak * 1024) / size).toFixed(2)}x the file (target < 2x = ${mib(limit)}: ${mark(aPeak < limit)}); ` +
      `time matplotlib (block means) / actviz: ${(results[1].median / results[0].median).toFixed(2)}x, matplotlib (full imshow) / actviz: ${(results[2].median / results[0].median).toFixed(2)}x.`,
    "",
    "Both reports hold per-neuron mean, std, min, max, inactive fraction (≤ 0) and dead; actviz also counts non-finite values " +
      "and computes in float64 (Welford), the peer uses plain numpy reductions over axis 0 in float32 (`a.std(0)` makes a float32 " +
      "temporary the size of the array). Both heatmaps average blocks down to 610x400 cells for the plot area, samples along x, " +
      "viridis with a colour bar; the full-imshow variant leaves the resampling to Agg.",
    "",
  );
  verdicts.push(`- job4 (actviz peak RSS < 2x the file): ${mib(aPeak)} = ${((aPeak * 1024) / size).toFixed(2)}x: ${mark(aPeak < limit)}`);
}

const loadAfter = load();
const distChanged = newest(join(ROOT, "dist")) !== distBefore;
const header = [
  "# actviz neurons vs matplotlib",
  "",
  `Generated by \`node bench/neurons.mjs\` on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC.`,
  "",
  `- machine: ${os.cpus()[0]?.model.trim() ?? "?"}, nproc ${os.availableParallelism()}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.platform()} ${os.release()}`,
  `- actviz at ${rev}; dist/ built ${new Date(distBefore).toISOString().slice(0, 19).replace("T", " ")} UTC` +
    (distChanged ? " — **dist/ was rebuilt during the run: the runs may mix two builds**" : ", unchanged during the run"),
  `- node ${process.version}; matplotlib ${mplVersion[0]}, numpy ${mplVersion[1]} (${PYTHON}), Agg, no pyplot, one figure reused`,
  `- load average (1, 5, 15 min): ${loadBefore} before, ${loadAfter} after`,
  ...(Number(loadBefore.split(",")[0]) > os.availableParallelism() / 4
    ? ["- **the machine was busy** (1-min load above nproc/4 before the first run): other processes shared the cores, so wall times are inflated and the ratios are not clean ones"]
    : []),
  `- whole processes under /usr/bin/time (peak RSS = %M), wall time by hrtime; runs of the sides alternate; ` +
    `job1: ${args.runs} timed runs after ${args.warmup} warm-up; job2, job3: ${args["big-runs"]} run(s); job4: 1 run per variant`,
  "- inputs: ReLU of standard normal data, float32, fixed seeds (`bench/make_inputs.py`), in bench/.out/inputs/",
  "",
  "## Targets",
  "",
  ...verdicts,
  "",
];
const md = [...header, ...sections].join("\n") + "\n";
process.stdout.write(md);
mkdirSync(dirname(RESULTS), { recursive: true });
writeFileSync(RESULTS, md);
console.error(`bench/neurons.mjs: wrote ${rel(RESULTS)}`);
