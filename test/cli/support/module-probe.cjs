// Preloaded with `node -r` by test/cli/bin-start.test.ts: on exit, prints to stderr which of
// node's ES module loader parts, and which of its public modules, the process loaded
// (process.moduleLoadList), as one JSON line.
"use strict";
process.on("exit", () => {
  const esm = process.moduleLoadList.filter((m) => m.includes("internal/modules/esm/"));
  const builtins = process.moduleLoadList.filter((m) => /^NativeModule [a-z_]+$/.test(m)).map((m) => m.slice("NativeModule ".length));
  process.stderr.write(`module-probe: ${JSON.stringify({ esm, builtins })}\n`);
});
