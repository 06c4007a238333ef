#!/usr/bin/env node
// The CLI from one bundled file (dist/bundle, made by `npm run build`): start-up reads a handful
// of files instead of ~200 modules; chart code is still loaded only when a chart is drawn.
import { main } from "../dist/bundle/main.js";

process.exitCode = await main(process.argv.slice(2));
