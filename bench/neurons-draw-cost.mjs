#!/usr/bin/env node
// What one neuron line chart costs in node-canvas itself, without Chart.js: stroking an N-point
// noisy polyline (ReLU of normal data, as bench/make_inputs.py) on an 800x500 canvas with
// different line joins and widths, then PNG encodes of the result with different settings.
// In-process timings (performance.now), mean over repeated draws after one warm-up; no files.
//
//   node bench/neurons-draw-cost.mjs [N ...]        (default: 500 1000 1450 4000)
//
// actviz draws neuron lines 1.5 px wide with round joins (src/render/charts/neuron-line-chart.ts) and
// encodes PNG at zlib level 6 with every filter tried per row (src/render/engine/renderer.ts).
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const { createCanvas, Canvas } = createRequire(join(ROOT, "package.json"))("canvas");
const W = 800;
const H = 500;
const REPS = 20;

/** A deterministic ReLU(normal) series of n values (Park-Miller + Box-Muller). */
function reluNoise(n) {
  let seed = 1;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  return Array.from({ length: n }, () => Math.max(0, Math.sqrt(-2 * Math.log(rnd())) * Math.cos(2 * Math.PI * rnd())));
}

function drawer(ctx, ys) {
  return (join, width) => {
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, W, H);
    ctx.strokeStyle = "#0072B2";
    ctx.lineWidth = width;
    ctx.lineJoin = join;
    ctx.lineCap = "butt";
    ctx.beginPath();
    // about the plot area of actviz's 800x500 line chart
    for (let i = 0; i < ys.length; i++) {
      const x = 55 + (i / (ys.length - 1)) * 725;
      const y = 420 - ys[i] * 110;
      if (i === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    }
    ctx.stroke();
  };
}

function meanMs(fn, reps) {
  fn();
  const t0 = performance.now();
  for (let r = 0; r < reps; r++) fn();
  return (performance.now() - t0) / reps;
}

const sizes = process.argv.slice(2).map(Number).filter((n) => Number.isInteger(n) && n > 1);
const rows = ["| points | join | width | stroke ms |", "| ---: | --- | ---: | ---: |"];
const png = ["| points | PNG settings | encode ms | bytes |", "| ---: | --- | ---: | ---: |"];
for (const n of sizes.length ? sizes : [500, 1000, 1450, 4000]) {
  const canvas = createCanvas(W, H);
  const draw = drawer(canvas.getContext("2d"), reluNoise(n));
  for (const [join, width] of [["round", 1.5], ["miter", 1.5], ["bevel", 1.5], ["round", 1]]) {
    rows.push(`| ${n} | ${join} | ${width} | ${meanMs(() => draw(join, width), REPS).toFixed(2)} |`);
  }
  draw("round", 1.5);
  const settings = [
    ["level 6, all filters (actviz today)", { compressionLevel: 6 }],
    ["level 6, filter NONE", { compressionLevel: 6, filters: Canvas.PNG_FILTER_NONE }],
    ["level 1, filter NONE", { compressionLevel: 1, filters: Canvas.PNG_FILTER_NONE }],
  ];
  for (const [label, opts] of settings) {
    let bytes = 0;
    const ms = meanMs(() => (bytes = canvas.toBuffer("image/png", opts).length), 10);
    png.push(`| ${n} | ${label} | ${ms.toFixed(2)} | ${bytes.toLocaleString("en-US")} |`);
  }
}
process.stdout.write([...rows, "", ...png, ""].join("\n"));
