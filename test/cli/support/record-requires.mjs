// Preloaded with `node --import` by bin.test.ts: records every CommonJS module id loaded
// (canvas, chart.js and chartjs-node-canvas's internals are CommonJS) and prints them on exit.
import { createRequire } from "node:module";

const Module = createRequire(import.meta.url)("node:module");
const load = Module._load;
const seen = new Set();
Module._load = function (request, ...rest) {
  seen.add(request);
  return load.call(this, request, ...rest);
};
process.on("exit", () => process.stderr.write(`\nREQUIRED ${JSON.stringify([...seen])}\n`));
