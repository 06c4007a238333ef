// Preloaded with `node -r` by test/cli/bin-start.test.ts: a node:module.enableCompileCache (node
// >= 22.1 has one, node 20 none) that only says it was called, so the bin's feature test shows.
"use strict";
require("node:module").enableCompileCache = () => {
  process.stderr.write("compile-cache-stub: enabled\n");
  return { status: 0 };
};
