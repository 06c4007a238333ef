#!/usr/bin/env node
// The CLI from one bundled file (dist/bundle, made by `npm run build`): start-up reads a handful
// of files instead of ~200 modules; chart code is still loaded only when a chart is drawn.
// CommonJS (bin/package.json says so, and the bundle is .cjs): node starts a CommonJS entry
// without its ES module loader, ~15-20 % of a bare `node -e 0` that `--help` no longer pays.
"use strict";
// V8's compile cache (node >= 22.1: compiled code kept on disk, in the OS's temp folder, for the
// next run; NODE_DISABLE_COMPILE_CACHE=1 turns it off). Node 20 has no such function: nothing.
const { enableCompileCache } = require("node:module");
if (typeof enableCompileCache === "function") enableCompileCache();
// The bundle through its loader, which compiles each chunk from V8's code cache written at build
// time (dist/bundle/*.cjs.v8) where this node accepts it, and from source where not.
const { bundleLoader, writeBuiltHelp } = require("../dist/bundle-loader.cjs");
const bundle = require("node:path").join(__dirname, "..", "dist", "bundle");
const argv = process.argv.slice(2);

// `--help` and `COMMAND --help` into a pipe or a file: the text the build wrote by running the CLI
// (dist/bundle/help-texts.json), without loading the bundle; anything else runs the CLI.
if (!writeBuiltHelp(bundle, argv)) {
  const { cleanUpOnSignals, main } = bundleLoader(bundle).load("main.cjs");
  // (process.stdout's EPIPE, when a reader stops early, is handled where the CLI first uses it: src/cli/cli-io.ts)
  cleanUpOnSignals();
  main(argv).then((code) => {
    process.exitCode = code;
  });
}
