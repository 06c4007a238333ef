// Run by the cross-process tests as plain JS (see transpile.ts): proves that loading the
// render modules loads no canvas/Chart.js, then renders the sample charts and prints the
// bytes as JSON on stdout.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const loaded = (pkg: string) => Object.keys(require.cache).some((k) => k.includes(`/node_modules/${pkg}/`));

const { renderChart } = await import("../../../src/render/engine/renderer.js");
const { useBundledFont } = await import("../../../src/render/engine/fonts.js");
const charts = await import("./charts.js");
const lazy = { canvas: loaded("canvas"), chartjs: loaded("chart.js") || loaded("chartjs-node-canvas") };

const family = useBundledFont();
const target = (format: "png" | "svg" | "pdf") => ({ format, width: 480, height: 300, scale: 1 });
// A different chart first (in the opposite order to the test process), so cairo's
// process-wide id counters stand elsewhere when the compared charts are drawn.
await renderChart(() => charts.reluChart(family), target("svg"));
const pdf = await renderChart(() => charts.sigmoidChart(family), target("pdf"));
const svg = await renderChart(() => charts.sigmoidChart(family), target("svg"));
const png = await renderChart(() => charts.sigmoidChart(family), target("png"));
// the first chart of its size in this process: drawn on a new engine and a new chart
const bands = await renderChart(() => charts.bandsDarkChart(family), { format: "png", width: 333, height: 222, scale: 1 });
process.stdout.write(JSON.stringify({ lazy, svg: svg.toString("base64"), pdf: pdf.toString("base64"), png: png.toString("base64"), bands: bands.toString("base64") }));
