// The CLI's bundle (npm run build, after tsc): dist/cli/main.js and what it imports, as CommonJS
// chunks in dist/bundle, loaded lazily by dynamic import; and the loader bin/actviz.js loads them
// with (dist/cli/bundle-loader.js: V8's code cache, written after the bundle by
// src/cli/code-cache.build.mjs).
import { fileURLToPath } from "node:url";

const lazyChildProcess = fileURLToPath(new URL("./dist/cli/commander-child-process.js", import.meta.url));

const cli = {
  input: "dist/cli/main.js",
  platform: "node",
  external: ["chartjs-node-canvas", "onnxruntime-node", "@datadog/sketches-js"],
  logLevel: "warn",
  plugins: [
    {
      // commander's require("node:child_process") -> src/cli/commander-child-process.ts
      name: "commander-lazy-child-process",
      resolveId(source, importer) {
        return source === "node:child_process" && importer !== undefined && /[\\/]commander[\\/]lib[\\/]/.test(importer) ? lazyChildProcess : null;
      },
    },
  ],
  output: { dir: "dist/bundle", format: "cjs", charset: "ascii", comments: { legal: true, annotation: false, jsdoc: false }, entryFileNames: "[name].cjs", chunkFileNames: "[name]-[hash].cjs", cleanDir: true },
};

// The loader on its own (no chunk shared with the CLI's, which it loads): bin/actviz.js requires it.
const loader = {
  input: "dist/cli/bundle-loader.js",
  platform: "node",
  logLevel: "warn",
  output: { file: "dist/bundle-loader.cjs", format: "cjs" },
};

export default [cli, loader];
