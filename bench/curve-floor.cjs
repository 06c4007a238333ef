// Lower bounds for `actviz curve` of 12 functions: the same 12 charts (800x500 PNG, title, axis
// titles, grid, ticks, one 1001-point line) drawn with nothing of actviz around them, to tell
// how much of a run the platform itself takes.
//
//   node bench/curve-floor.cjs canvas OUT    node-canvas alone: fonts, text, lines, PNG (no Chart.js)
//   node bench/curve-floor.cjs chartjs OUT   Chart.js as actviz loads it (its tree-shaken build, from the
//                                            bundle with its V8 code cache: needs `npm run build`)
//                                            drawing the frame (title, axes, ticks, grid), the line
//                                            stroked by a plugin, as actviz's curves are; one chart
//                                            reused by update() for the next function
//   node bench/curve-floor.cjs dataset OUT   Chart.js as a script would use it: chart.cjs with
//                                            everything registered, the line a 1001-point dataset
//
// Both encode PNG on libuv's pool (zlib level 4, the up filter: actviz's settings), three
// canvases in turn, and write each file. Timed as whole processes by bench/first-chart.mjs.
"use strict";
const { join } = require("node:path");
const fs = require("node:fs");
const [mode, out] = process.argv.slice(2);
if (!["canvas", "chartjs", "dataset"].includes(mode) || !out) {
  console.error("usage: node bench/curve-floor.cjs canvas|chartjs|dataset OUT");
  process.exit(2);
}
const root = join(__dirname, "..");
const { createCanvas, registerFont } = require(join(root, "node_modules", "canvas"));
const fonts = join(root, "node_modules", "@embedpdf", "fonts-sc", "fonts");
registerFont(join(fonts, "NotoSansHans-Regular.otf"), { family: "ActvizSans" });
registerFont(join(fonts, "NotoSansHans-Bold.otf"), { family: "ActvizSans", weight: "bold" });

const erf = (x) => { const t = 1 / (1 + 0.3275911 * Math.abs(x)); const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x); return x >= 0 ? y : -y; };
const softplus = (x) => (x > 20 ? x : Math.log1p(Math.exp(x)));
const FNS = {
  relu: (x) => Math.max(0, x), leaky_relu: (x) => (x > 0 ? x : 0.01 * x), elu: (x) => (x > 0 ? x : Math.expm1(x)),
  selu: (x) => 1.0507009873554805 * (x > 0 ? x : 1.6732632423543772 * Math.expm1(x)), gelu: (x) => 0.5 * x * (1 + erf(x / Math.SQRT2)),
  silu: (x) => x / (1 + Math.exp(-x)), mish: (x) => x * Math.tanh(softplus(x)), sigmoid: (x) => 1 / (1 + Math.exp(-x)), tanh: Math.tanh,
  softplus, softsign: (x) => x / (1 + Math.abs(x)), hardswish: (x) => (x * Math.min(Math.max(x + 3, 0), 6)) / 6,
};
const W = 800, H = 500, N = 1001;
fs.mkdirSync(out, { recursive: true });
const canvases = [0, 1, 2].map(() => createCanvas(W, H));
const pending = [];
const encode = (canvas, name) => new Promise((resolve, reject) => canvas.toBuffer((err, png) => (err ? reject(err) : resolve(fs.promises.writeFile(join(out, name + ".png"), png))), "image/png", { compressionLevel: 4, filters: 0x20 }));

function samples(f) {
  const x = new Float64Array(N), y = new Float64Array(N);
  for (let i = 0; i < N; i++) { x[i] = -10 + (20 * i) / (N - 1); y[i] = f(x[i]); }
  return { x, y };
}

function drawCanvas(canvas, name, { x, y }) {
  const ctx = canvas.getContext("2d");
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = "#fff"; ctx.fillRect(0, 0, W, H);
  let lo = Infinity, hi = -Infinity; for (const v of y) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  const pad = (hi - lo) * 0.08 || 1, ymin = lo - pad, ymax = hi + pad;
  const L = 60, R = 780, T = 40, B = 450, px = (v) => L + ((v + 10) / 20) * (R - L), py = (v) => B - ((v - ymin) / (ymax - ymin)) * (B - T);
  ctx.font = "bold 16px ActvizSans"; ctx.fillStyle = "#222"; ctx.textAlign = "center"; ctx.fillText(name, W / 2, 22);
  ctx.font = "12px ActvizSans"; ctx.strokeStyle = "#e5e5e5"; ctx.lineWidth = 1;
  for (let i = 0; i <= 10; i++) { const v = -10 + 2 * i; ctx.beginPath(); ctx.moveTo(px(v), T); ctx.lineTo(px(v), B + 5); ctx.stroke(); ctx.measureText(String(v)); ctx.fillText(String(v), px(v), B + 18); }
  ctx.textAlign = "right";
  for (let i = 0; i <= 8; i++) { const v = ymin + ((ymax - ymin) * i) / 8; const s = v.toFixed(1); ctx.beginPath(); ctx.moveTo(L - 5, py(v)); ctx.lineTo(R, py(v)); ctx.stroke(); ctx.measureText(s); ctx.fillText(s, L - 8, py(v) + 4); }
  ctx.textAlign = "center"; ctx.font = "13px ActvizSans"; ctx.fillText("Input", W / 2, H - 12);
  ctx.save(); ctx.translate(16, (T + B) / 2); ctx.rotate(-Math.PI / 2); ctx.fillText("Output", 0, 0); ctx.restore();
  ctx.strokeStyle = "#1f77b4"; ctx.lineWidth = 2; ctx.lineJoin = "round"; ctx.beginPath();
  for (let i = 0; i < N; i++) ctx.lineTo(px(x[i]), py(y[i]));
  ctx.stroke();
}

let Chart;
const charts = [];
/** Chart.js: actviz's build through its loader ("chartjs"), or chart.cjs with all of it registered ("dataset"). */
function loadChartJs() {
  if (mode === "chartjs") {
    const bundle = join(root, "dist", "bundle");
    const { bundleLoader } = require(join(root, "dist", "bundle-loader.cjs"));
    const chunk = fs.readdirSync(bundle).find((f) => /^chart-js-.*\.cjs$/.test(f));
    if (!chunk) throw new Error("bench/curve-floor.cjs: no dist/bundle/chart-js-*.cjs (expected a build: npm run build)");
    return bundleLoader(bundle).load(chunk).ChartJs;
  }
  const chartJs = require(join(root, "node_modules", "chart.js", "dist", "chart.cjs"));
  chartJs.Chart.register(...chartJs.registerables);
  return chartJs.Chart;
}

function drawChartJs(k, canvas, name, { x, y }) {
  Chart ??= loadChartJs();
  let lo = Infinity, hi = -Infinity; for (const v of y) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  const pad = (hi - lo) * 0.08 || 1;
  const line = {
    id: "line",
    afterDatasetsDraw(c) {
      const { ctx, scales } = c;
      ctx.save(); ctx.strokeStyle = "#1f77b4"; ctx.lineWidth = 2; ctx.lineJoin = "round"; ctx.beginPath();
      for (let i = 0; i < N; i++) ctx.lineTo(scales.x.getPixelForValue(x[i]), scales.y.getPixelForValue(y[i]));
      ctx.stroke(); ctx.restore();
    },
  };
  const dataset = mode === "dataset"
    ? { data: Array.from(x, (v, i) => ({ x: v, y: y[i] })), borderColor: "#1f77b4", borderWidth: 2, pointRadius: 0, tension: 0, fill: false }
    : { data: [] };
  const config = {
    type: "line",
    data: { datasets: [dataset] },
    plugins: [{ id: "bg", beforeDraw: (c) => { c.ctx.save(); c.ctx.fillStyle = "#fff"; c.ctx.fillRect(0, 0, c.width, c.height); c.ctx.restore(); } }, ...(mode === "dataset" ? [] : [line])],
    options: {
      responsive: false, animation: false, parsing: false, normalized: true, events: [], font: { family: "ActvizSans", size: 12 },
      plugins: { title: { display: true, text: name, font: { family: "ActvizSans", size: 16, weight: "bold" } }, legend: { display: false }, tooltip: { enabled: false } },
      scales: {
        x: { type: "linear", min: -10, max: 10, title: { display: true, text: "Input" } },
        y: { type: "linear", min: lo - pad, max: hi + pad, title: { display: true, text: "Output" } },
      },
    },
  };
  const old = charts[k % 3];
  if (old) {
    old.data = config.data; old.options = config.options; old.config.plugins.splice(0, Infinity, ...config.plugins); old.update("none");
    return;
  }
  charts[k % 3] = new Chart(canvas, config);
}

async function main() {
  const names = Object.keys(FNS);
  for (let k = 0; k < names.length; k++) {
    const canvas = canvases[k % 3];
    await pending[k % 3];
    const s = samples(FNS[names[k]]);
    if (mode === "canvas") drawCanvas(canvas, names[k], s);
    else drawChartJs(k, canvas, names[k], s);
    pending[k % 3] = encode(canvas, names[k]);
  }
  await Promise.all(pending);
}
main().catch((err) => { console.error(err); process.exit(1); });
