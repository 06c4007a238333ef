#!/usr/bin/env node
// bin/actviz.js with test seams set first: `hooked-bin.mjs --slow-chart N -- <actviz args>` makes
// the N-th chart spin forever (the watchdog's test); `--slow-pass` makes every block of a forward
// pass take 100 ms more (the signal test). Each says so on stderr, synchronously (a pipe or a
// file on Linux), so the test knows when to send its signal.
import { cleanUpOnSignals, main, testSeams } from "../../../dist/bundle/main.cjs";

const split = process.argv.indexOf("--");
const own = process.argv.slice(2, split);
const args = process.argv.slice(split + 1);
const slowChart = own.indexOf("--slow-chart");
if (slowChart >= 0) {
  testSeams.chart = {
    n: Number(own[slowChart + 1]),
    draw: () => {
      process.stderr.write("actviz: test: slow chart started\n");
      for (;;) {
        // nothing: only the watchdog ends this
      }
    },
  };
}
if (own.includes("--slow-pass")) {
  testSeams.passBlock = (done, rows) => {
    process.stderr.write(`actviz: test: slow forward pass, ${done} of ${rows} rows\n`);
    const end = Date.now() + 100;
    while (Date.now() < end) {
      // nothing: a block of rows that takes long
    }
  };
}
cleanUpOnSignals();
process.exitCode = await main(args);
