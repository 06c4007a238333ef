// The CLI's bundle (npm run build, after tsc): dist/cli/main.js and what it imports, as CommonJS
// chunks in dist/bundle (bin/actviz.js requires main.cjs), loaded lazily by dynamic import.
import { fileURLToPath } from "node:url";

const lazyChildProcess = fileURLToPath(new URL("./dist/cli/commander-child-process.js", import.meta.url));

export default {
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
  output: { dir: "dist/bundle", format: "cjs", entryFileNames: "[name].cjs", chunkFileNames: "[name]-[hash].cjs", cleanDir: true },
};
