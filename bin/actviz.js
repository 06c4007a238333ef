#!/usr/bin/env node
// The CLI from one bundled file (dist/bundle, made by `npm run build`): start-up reads a handful
// of files instead of ~200 modules; chart code is still loaded only when a chart is drawn.
import { cleanUpOnSignals, main } from "../dist/bundle/main.js";

// A reader that stops early (`actviz list | head -3`) closes the pipe: what it did not read is
// dropped, quietly, and the run goes on (files under --out are still written), as Unix tools do.
process.stdout.on("error", (err) => {
  if (err.code !== "EPIPE") throw err;
});
cleanUpOnSignals();
process.exitCode = await main(process.argv.slice(2));
