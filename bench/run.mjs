#!/usr/bin/env node
// Side-by-side benchmark: `actviz curve --fn all` against the same job in matplotlib
// (bench/curve_matplotlib.py), and the start-up cost of `actviz --help` / `actviz list`.
// Every measurement is a whole process (spawnSync), wall time by process.hrtime. Runs of the
// two sides alternate, so a change in machine load hits both alike.
//
//   node bench/run.mjs [--runs N] [--warmup N]     (npm run bench)
//
// Needs a built dist/ (npx tsc -p tsconfig.json). Python: /usr/bin/python3, or $PYTHON.
// Writes the Markdown table to stdout and to bench/results/curve.md; images go to bench/.out/.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

import { checkBuild, run, summary } from "./lib.mjs";
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = join(ROOT, "bench", ".out");
const RESULTS = join(ROOT, "bench", "results", "curve.md");
const PYTHON = process.env.PYTHON ?? "/usr/bin/python3";
const NODE = process.execPath;
const BIN = join(ROOT, "bin", "actviz.js");
const TARGET_RATIO = 3;
const TARGET_STARTUP_MS = 120;

const args = parseArgs(process.argv.slice(2));

/** Runs a command once, returns wall milliseconds; throws with its stderr when it fails. */
function timeOnce(cmd) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd.file, cmd.args, { cwd: ROOT, encoding: "utf8", maxBuffer: 64 << 20 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error) throw new Error(`${cmd.label}: cannot start ${cmd.file}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd.label}: exit ${r.status ?? r.signal}\n${r.stderr}`);
  return { ms, stdout: r.stdout };
}

/** Warm-up runs, then `runs` timed rounds; within a round the commands run in turn. */
function measure(cmds) {
  for (const cmd of cmds) {
    for (let i = 0; i < args.warmup; i++) {
      cmd.before?.();
      timeOnce(cmd);
    }
  }
  const times = cmds.map(() => []);
  for (let round = 0; round < args.runs; round++) {
    cmds.forEach((cmd, i) => {
      cmd.before?.();
      times[i].push(timeOnce(cmd).ms);
    });
  }
  return cmds.map((cmd, i) => ({ label: cmd.label, command: cmd.shown, ...summary(times[i]) }));
}



function parseArgs(argv) {
  const o = { runs: 5, warmup: 1 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if ((flag === "--runs" || flag === "--warmup") && /^\d+$/.test(value ?? "")) {
      o[flag.slice(2)] = Number(value);
      i++;
    } else {
      console.error(`bench/run.mjs: unknown argument '${flag}' (expected --runs N, --warmup N)`);
      process.exit(2);
    }
  }
  if (o.runs < 1) o.runs = 1;
  return o;
}


/** The set of PNG files a run left in dir, checked against the catalogue. */
function checkOutputs(dir, names, who) {
  const got = readdirSync(dir).filter((f) => f.endsWith(".png")).sort();
  const want = names.map((n) => `${n}.png`).sort();
  const missing = want.filter((f) => !got.includes(f));
  const extra = got.filter((f) => !want.includes(f));
  if (missing.length || extra.length) {
    throw new Error(`${who} wrote a different set of charts: missing [${missing}] extra [${extra}]`);
  }
  return got.reduce((bytes, f) => bytes + statSync(join(dir, f)).size, 0);
}

const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(", ");

checkBuild("bench/run.mjs");
mkdirSync(OUT, { recursive: true });
const names = JSON.parse(run(NODE, [BIN, "list", "--json"])).map((a) => a.name);
const mplVersion = run(PYTHON, ["-c", "import matplotlib, numpy; print(matplotlib.__version__, numpy.__version__)"]).split(" ");
const loadBefore = load();
const clean = (dir) => () => rmSync(dir, { recursive: true, force: true });

const actvizDir = join(OUT, "actviz");
const mplDir = join(OUT, "matplotlib");
const curve = measure([
  {
    label: "actviz",
    file: NODE,
    args: [BIN, "curve", "--fn", "all", "--out", actvizDir, "-q"],
    shown: `node bin/actviz.js curve --fn all --out ${relative(ROOT, actvizDir)} -q`,
    before: clean(actvizDir),
  },
  {
    label: "matplotlib",
    file: PYTHON,
    args: [join(ROOT, "bench", "curve_matplotlib.py"), "--out", mplDir],
    shown: `${PYTHON} bench/curve_matplotlib.py --out ${relative(ROOT, mplDir)}`,
    before: clean(mplDir),
  },
]);
// each run starts from an empty folder, so the last one's files are on disk: same set of charts?
const bytes = [checkOutputs(actvizDir, names, "actviz"), checkOutputs(mplDir, names, "matplotlib")];

const startup = measure([
  { label: "actviz --help", file: NODE, args: [BIN, "--help"], shown: "node bin/actviz.js --help" },
  { label: "actviz list", file: NODE, args: [BIN, "list"], shown: "node bin/actviz.js list" },
  { label: "baseline: node", file: NODE, args: ["-e", "0"], shown: "node -e 0" },
  {
    label: "baseline: python + pyplot",
    file: PYTHON,
    args: ["-c", "import matplotlib.pyplot"],
    shown: `${PYTHON} -c 'import matplotlib.pyplot'`,
  },
]);
const loadAfter = load();

const [a, m] = curve;
const ratio = m.median / a.median;
const mark = (ok) => (ok ? "met" : "**not met**");
const lines = [
  "# actviz curve vs matplotlib",
  "",
  `Generated by \`node bench/run.mjs\` (\`npm run bench\`) on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC.`,
  "",
  `- machine: ${os.cpus()[0]?.model.trim() ?? "?"}, nproc ${os.availableParallelism()}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.platform()} ${os.release()}`,
  `- node ${process.version}; matplotlib ${mplVersion[0]}, numpy ${mplVersion[1]} (${PYTHON})`,
  `- load average (1, 5, 15 min): ${loadBefore} before, ${loadAfter} after`,
  // the benchmark itself keeps one core busy, so only the load before it says whether others were running
  ...(Number(loadBefore.split(",")[0]) > os.availableParallelism() / 4
    ? ["- **the machine was busy** (1-min load above nproc/4 before the first run): other processes shared the cores, so wall times are inflated and the ratio is not a clean one"]
    : []),
  `- ${args.runs} timed runs per command after ${args.warmup} warm-up; whole processes (spawnSync), wall time; runs of the sides alternate`,
  "",
  `## (a) every catalogue function (${names.length}) as an 800x500 PNG, one process`,
  "",
  "| tool | median | min | max | PNG bytes (all) | command |",
  "| --- | ---: | ---: | ---: | ---: | --- |",
  ...curve.map((r, i) => `| ${r.label} | ${fmt(r.median)} | ${fmt(r.min)} | ${fmt(r.max)} | ${bytes[i].toLocaleString("en-US")} | \`${r.command}\` |`),
  "",
  `matplotlib / actviz (median): **${ratio.toFixed(2)}x** (target ≥ ${TARGET_RATIO}x: ${mark(ratio >= TARGET_RATIO)}); ` +
    `per chart: actviz ${(a.median / names.length).toFixed(1)} ms, matplotlib ${(m.median / names.length).toFixed(1)} ms, start-up included.`,
  "",
  "## (b) start-up",
  "",
  "| command | median | min | max | target |",
  "| --- | ---: | ---: | ---: | --- |",
  ...startup.map((r) => {
    const target = r.label.startsWith("actviz") ? `< ${TARGET_STARTUP_MS} ms: ${mark(r.median < TARGET_STARTUP_MS)}` : "";
    return `| \`${r.command}\` | ${fmt(r.median)} | ${fmt(r.min)} | ${fmt(r.max)} | ${target} |`;
  }),
  "",
];
const md = lines.join("\n") + "\n";
process.stdout.write(md);
mkdirSync(dirname(RESULTS), { recursive: true });
writeFileSync(RESULTS, md);
console.error(`bench/run.mjs: wrote ${relative(ROOT, RESULTS)}`);
