// Preloaded with `node -r` by test/cli/bin-start.test.ts: on exit, prints to stderr which of
// node's ES module loader parts the process loaded (process.moduleLoadList), as one JSON line.
"use strict";
process.on("exit", () => {
  const esm = process.moduleLoadList.filter((m) => m.includes("internal/modules/esm/"));
  process.stderr.write(`module-probe: ${JSON.stringify(esm)}\n`);
});
