#!/usr/bin/env node
// How soon the first chart comes (issue #16 item 7), side by side in one run: a bare node, the
// CLI's --help, one curve (`curve --fn relu`), 12 curves in one process, and matplotlib's peer
// script (bench/curve_matplotlib.py) on the same 1 and 12 functions, and two floors of the 12
// (bench/curve-floor.cjs: node-canvas alone, Chart.js as actviz loads it drawing the frame with the
// line stroked by a plugin, and Chart.js as a plain script would use it, with nothing of actviz
// around them): how much of a run the stack itself takes. Whole processes
// (spawnSync, timed by a few lines of Python: wall, and CPU from getrusage); every round runs each command once, in turn, so a change in the
// machine's load hits all of them alike; medians of the rounds.
//
//   node bench/first-chart.mjs [--runs N] [--warmup N] [--base DIR [--base-note TEXT]] [--clean-env] [--no-write]
//                                                          (npm run bench:first-chart)
//
// --base DIR adds the same actviz rows for another build (a copy of bin/, dist/ and
// package.json with node_modules linked beside them), interleaved with this one: an A/B of
// a change. Needs a build (npm run build) and /usr/bin/python3 with matplotlib ($PYTHON).
// --clean-env runs every command without NODE_EXTRA_CA_CERTS (set on some machines, CI images
// among them: node then parses the whole CA bundle at every start, ~40 ms here, before any
// JavaScript runs); either way, a `node -e 0` without it is timed beside the one with it.
// Writes the Markdown to stdout and, unless --no-write, to bench/results/first-chart.md.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join, relative } from "node:path";

import { ROOT, checkBuild, run, summary } from "./lib.mjs";

const OUT = join(ROOT, "bench", ".out", "first-chart");
const RESULTS = join(ROOT, "bench", "results", "first-chart.md");
const PYTHON = process.env.PYTHON ?? "/usr/bin/python3";
const NODE = process.execPath;
/** The 12 functions of the 12-curve job: the common ones. */
export const TWELVE = ["relu", "leaky_relu", "elu", "selu", "gelu", "silu", "mish", "sigmoid", "tanh", "softplus", "softsign", "hardswish"];
const TARGET_CURVE = 3;
const TARGET_HELP = 1.15;

const args = parseArgs(process.argv.slice(2));

function parseArgs(argv) {
  const o = { runs: 9, warmup: 1, base: undefined, write: true, cleanEnv: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if ((flag === "--runs" || flag === "--warmup") && /^\d+$/.test(value ?? "")) {
      o[flag.slice(2)] = Number(value);
      i++;
    } else if (flag === "--base" && value) {
      o.base = value;
      i++;
    } else if (flag === "--base-note" && value) {
      o.baseNote = value;
      i++;
    } else if (flag === "--clean-env") {
      o.cleanEnv = true;
    } else if (flag === "--no-write") {
      o.write = false;
    } else {
      console.error(`bench/first-chart.mjs: unknown argument '${flag}' (expected --runs N, --warmup N, --base DIR, --base-note TEXT, --clean-env, --no-write)`);
      process.exit(2);
    }
  }
  o.runs = Math.max(1, o.runs);
  return o;
}

/**
 * The timer, run by Python for every measurement: its getrusage(RUSAGE_CHILDREN) gives the
 * child's CPU time (user + sys) in microseconds, where /usr/bin/time rounds to 10 ms. The wall
 * time is taken around the child alone (Python's own start-up is not in it).
 */
const TIMER = `
import resource, subprocess, sys, time
before = resource.getrusage(resource.RUSAGE_CHILDREN)
t0 = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
wall = time.perf_counter() - t0
after = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
print(f"{wall * 1000:.3f} {cpu * 1000:.3f}")
sys.exit(code)
`;

/**
 * Runs a command once; its wall and CPU (user + sys, all threads) milliseconds. CPU time is
 * what other processes on a shared machine disturb least. Throws with its stderr when it fails.
 */
function timeOnce(cmd) {
  cmd.before?.();
  const env = { ...process.env };
  if (args.cleanEnv || cmd.cleanEnv) delete env.NODE_EXTRA_CA_CERTS;
  const r = spawnSync(PYTHON, ["-c", TIMER, cmd.file, ...cmd.args], { cwd: ROOT, env, encoding: "utf8", maxBuffer: 16 << 20 });
  if (r.error) throw new Error(`${cmd.label}: cannot start ${PYTHON}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd.label}: exit ${r.status ?? r.signal}\n${r.stderr}`);
  const [ms, cpu] = r.stdout.trim().split(" ").map(Number);
  return { ms, cpu };
}

/** The actviz commands of one build (its root holds bin/actviz.js). */
function actvizCommands(root, tag) {
  const bin = join(root, "bin", "actviz.js");
  const shownBin = root === ROOT ? "bin/actviz.js" : "BASE/bin/actviz.js";
  const out = (name) => join(OUT, `${tag}-${name}`);
  const curve = (name, fns) => ({
    label: `${tag}: curve ${name}`,
    file: NODE,
    args: [bin, "curve", "--fn", fns.join(","), "--out", out(name), "-q"],
    shown: `node ${shownBin} curve --fn ${fns.length === 1 ? fns[0] : "<12>"} --out DIR -q`,
    before: () => rmSync(out(name), { recursive: true, force: true }),
    dir: out(name),
    count: fns.length,
  });
  return {
    help: { label: `${tag}: --help`, file: NODE, args: [bin, "--help"], shown: `node ${shownBin} --help` },
    one: curve("relu", ["relu"]),
    twelve: curve("12", TWELVE),
  };
}

function matplotlib(name, fns) {
  const dir = join(OUT, `matplotlib-${name}`);
  return {
    label: `matplotlib: ${name}`,
    file: PYTHON,
    args: [join(ROOT, "bench", "curve_matplotlib.py"), "--out", dir, "--fn", fns.join(",")],
    shown: `${PYTHON} bench/curve_matplotlib.py --fn ${fns.length === 1 ? fns[0] : "<12>"} --out DIR`,
    before: () => rmSync(dir, { recursive: true, force: true }),
    dir,
    count: fns.length,
  };
}

/** A floor of the 12 curves (bench/curve-floor.cjs): `canvas`, `chartjs` or `dataset`. */
function floor(mode) {
  const dir = join(OUT, `floor-${mode}`);
  return {
    label: `floor: ${mode}`,
    file: NODE,
    args: [join(ROOT, "bench", "curve-floor.cjs"), mode, dir],
    shown: `node bench/curve-floor.cjs ${mode} DIR`,
    before: () => rmSync(dir, { recursive: true, force: true }),
    dir,
    count: TWELVE.length,
  };
}

const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(", ");

checkBuild("bench/first-chart.mjs");
mkdirSync(OUT, { recursive: true });
const mplVersion = run(PYTHON, ["-c", "import matplotlib; print(matplotlib.__version__)"]);
const node = { label: "node -e 0", file: NODE, args: ["-e", "0"], shown: "node -e 0" };
const extraCa = process.env.NODE_EXTRA_CA_CERTS !== undefined && !args.cleanEnv;
const nodeClean = { label: "node -e 0, clean", file: NODE, args: ["-e", "0"], shown: "node -e 0 (without NODE_EXTRA_CA_CERTS)", cleanEnv: true };
const floors = { canvas: floor("canvas"), chartjs: floor("chartjs"), dataset: floor("dataset") };
const ours = actvizCommands(ROOT, "actviz");
const base = args.base ? actvizCommands(args.base, "base") : undefined;
const mpl = { one: matplotlib("relu", ["relu"]), twelve: matplotlib("12", TWELVE) };
const cmds = [node, ...(extraCa ? [nodeClean] : []), ours.help, ...(base ? [base.help] : []), ours.one, ...(base ? [base.one] : []), mpl.one, ours.twelve, ...(base ? [base.twelve] : []), floors.dataset, floors.chartjs, floors.canvas, mpl.twelve];

const loadBefore = load();
const uptimeBefore = run("uptime", []);
for (let i = 0; i < args.warmup; i++) for (const cmd of cmds) timeOnce(cmd);
const times = new Map(cmds.map((c) => [c, []]));
const cpus = new Map(cmds.map((c) => [c, []]));
for (let round = 0; round < args.runs; round++) {
  // the order rotates each round, so no command always runs right after the same one
  for (let k = 0; k < cmds.length; k++) {
    const cmd = cmds[(k + round) % cmds.length];
    const { ms, cpu } = timeOnce(cmd);
    times.get(cmd).push(ms);
    cpus.get(cmd).push(cpu);
  }
}
const loadAfter = load();
for (const cmd of cmds.filter((c) => c.dir)) {
  const pngs = readdirSync(cmd.dir).filter((f) => f.endsWith(".png")).length;
  if (pngs !== cmd.count) throw new Error(`${cmd.label} wrote ${pngs} PNGs (expected ${cmd.count})`);
}

const stats = new Map(cmds.map((c) => [c, summary(times.get(c))]));
const cpuStats = new Map(cmds.map((c) => [c, summary(cpus.get(c))]));
const med = (cmd) => stats.get(cmd).median;
/** The per-round ratio a/b, then its median: steadier than a ratio of medians when load drifts. */
const roundRatio = (a, b, of = times) => summary(of.get(a).map((t, i) => t / of.get(b)[i])).median;
/** "wall ratio (CPU ratio)". */
const both = (a, b, digits = 2) => `**${roundRatio(a, b).toFixed(digits)}x** (CPU ${roundRatio(a, b, cpus).toFixed(digits)}x)`;
const mark = (ok) => (ok ? "met" : "**not met**");

const ratioRows = (side) => {
  const help = roundRatio(side.help, node);
  const twelve = roundRatio(mpl.twelve, side.twelve);
  const tag = side.help.label.split(":")[0];
  return [
    `| ${tag} | --help / node -e 0 | ${both(side.help, node)} | ≤ ${TARGET_HELP}x: ${mark(help <= TARGET_HELP)} |`,
    `| ${tag} | matplotlib / actviz, 1 curve (relu) | ${both(mpl.one, side.one)} | |`,
    `| ${tag} | matplotlib / actviz, 12 curves | ${both(mpl.twelve, side.twelve)} | ≥ ${TARGET_CURVE}x: ${mark(twelve >= TARGET_CURVE)} |`,
    `| ${tag} | curve relu − node -e 0 (medians) | ${(med(side.one) - med(node)).toFixed(0)} ms (CPU ${(cpuStats.get(side.one).median - cpuStats.get(node).median).toFixed(0)} ms) | |`,
  ];
};

const lines = [
  "# The first chart: start-up and small `curve` jobs against matplotlib",
  "",
  `Generated by \`node bench/first-chart.mjs${process.argv.slice(2).length ? " " + process.argv.slice(2).join(" ") : ""}\` on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC.`,
  "",
  `- machine: ${os.cpus()[0]?.model.trim() ?? "?"}, nproc ${os.availableParallelism()}, ${os.platform()} ${os.release()}; node ${process.version}; matplotlib ${mplVersion} (${PYTHON})`,
  `- \`uptime\` before: \`${uptimeBefore}\`; load average after: ${loadAfter} (before: ${loadBefore})`,
  `- ${args.runs} rounds after ${args.warmup} warm-up round; each round runs every command once, in a rotating order; whole processes, wall time`,
  ...(args.base ? [`- BASE: another build, \`${args.base}\`${args.baseNote ? ` (${args.baseNote})` : ""}, run interleaved with this one`] : []),
  `- 12 curves: ${TWELVE.join(", ")}; 800x500 PNG each, default range and samples; matplotlib: one reused figure, Agg, no pyplot`,
  `- floors: the same 12 charts by bench/curve-floor.cjs, nothing of actviz around them: \`dataset\`, Chart.js as a plain script uses it (chart.cjs, the line a 1001-point dataset); \`chartjs\`, Chart.js as actviz loads it (its tree-shaken build from the bundle, with the code cache), the line stroked by a plugin; \`canvas\`, node-canvas alone (fonts, text, grid, the line, PNG); three canvases in turn, PNG encoded on the thread pool at actviz's settings`,
  `- environment: ${args.cleanEnv ? "every command without NODE_EXTRA_CA_CERTS (--clean-env)" : extraCa ? `NODE_EXTRA_CA_CERTS is set (${process.env.NODE_EXTRA_CA_CERTS}): every node start parses that CA bundle; \`node -e 0\` is also timed without it` : "NODE_EXTRA_CA_CERTS is not set"}`,
  "",
  "| command | wall median | min | max | CPU (user + sys) median |",
  "| --- | ---: | ---: | ---: | ---: |",
  ...cmds.map((c) => {
    const s = stats.get(c);
    return `| \`${c.shown}\` | ${fmt(s.median)} | ${fmt(s.min)} | ${fmt(s.max)} | ${fmt(cpuStats.get(c).median)} |`;
  }),
  "",
  "Ratios: the median over rounds of the ratio within each round, of wall times (and of CPU times).",
  "",
  "| build | ratio | value | target |",
  "| --- | --- | ---: | --- |",
  ...ratioRows(ours),
  `| floor | matplotlib / Chart.js as a script uses it, 12 charts | ${both(mpl.twelve, floors.dataset)} | |`,
  `| floor | matplotlib / Chart.js as actviz loads it, 12 charts | ${both(mpl.twelve, floors.chartjs)} | |`,
  `| floor | matplotlib / node-canvas alone, 12 charts | ${both(mpl.twelve, floors.canvas)} | |`,
  ...(extraCa ? [`| environment | node -e 0 with NODE_EXTRA_CA_CERTS − without (medians) | ${(med(node) - med(nodeClean)).toFixed(0)} ms (CPU ${(cpuStats.get(node).median - cpuStats.get(nodeClean).median).toFixed(0)} ms) | |`] : []),
  ...(base ? ratioRows(base) : []),
  ...(base
    ? [
        `| actviz / base | --help | ${both(ours.help, base.help, 3)} | |`,
        `| actviz / base | curve relu | ${both(ours.one, base.one, 3)} | |`,
        `| actviz / base | curve 12 | ${both(ours.twelve, base.twelve, 3)} | |`,
      ]
    : []),
  "",
];
const md = lines.join("\n") + "\n";
process.stdout.write(md);
if (args.write) {
  mkdirSync(dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, md);
  console.error(`bench/first-chart.mjs: wrote ${relative(ROOT, RESULTS)}`);
}
