// Writes the help texts of the CLI (dist/bundle/help-texts.json: `actviz --help` and each
// `actviz COMMAND --help` as main writes them into no terminal, which the bin then prints without
// loading the bundle; see writeBuiltHelp in src/cli/bundle-loader.ts), then V8's code cache of the CLI's bundle (dist/bundle/*.cjs.v8, read by
// src/cli/bundle-loader.ts): loads the bundle as bin/actviz.js does, runs what a first chart
// runs (--help, and a curve to a temporary folder) in this process, then saves the compiled code
// of every chunk it loaded. Part of `npm run build`, after rolldown. The cache is only for the
// node that wrote it: another node (or other V8 flags) makes V8 reject it, and the loader then
// compiles the chunks from source, as it does for chunks with no cache.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const bundle = fileURLToPath(new URL("../../dist/bundle", import.meta.url));
const { bundleLoader, writeCodeCache, CODE_CACHE_SUFFIX, HELP_TEXTS_FILE } = require(join(bundle, "..", "bundle-loader.cjs"));

for (const f of readdirSync(bundle)) if (f.endsWith(CODE_CACHE_SUFFIX)) rmSync(join(bundle, f));
// the loader runs chunks as vm scripts, where node 20 has no import(): require instead
const withImport = readdirSync(bundle).filter((f) => f.endsWith(".cjs") && /\bimport\s*\(/.test(readFileSync(join(bundle, f), "utf8")));
if (withImport.length > 0) throw new Error(`code-cache.build.mjs: import() in ${withImport.join(", ")} (expected none: the bundle's loader cannot run it; require what is loaded lazily)`);
const loader = bundleLoader(bundle, { useCache: false });
const { main, commandNames } = loader.load("main.cjs");

const sink = () => Object.assign(new PassThrough().resume(), { isTTY: false });

// the help texts, each as main writes it into a pipe or a file (no terminal: commander's own width)
const texts = {};
for (const key of ["", ...commandNames()]) {
  let text = "";
  const io = { stdout: sink(), stderr: sink(), stdin: sink(), writeText: (s) => (text += s), stdoutIsNoTerminal: () => true };
  const code = await main(key === "" ? ["--help"] : [key, "--help"], io);
  if (code !== 0 || text === "") throw new Error(`code-cache.build.mjs: actviz ${key} --help exited ${code} with ${text.length} characters (expected 0 and its help)`);
  texts[key] = text;
}
writeFileSync(join(bundle, HELP_TEXTS_FILE), JSON.stringify({ texts }, null, 1) + "\n");
const out = mkdtempSync(join(tmpdir(), "actviz-code-cache-"));
const io = { stdout: sink(), stderr: sink(), stdin: Object.assign(new PassThrough(), { isTTY: true }) };
// A run that fails here (no canvas on the building machine, say) leaves a cache of what it loaded:
// the CLI is only slower to start where it has none; the tests are what fail on a broken build.
try {
  for (const argv of [["--help"], ["curve", "--fn", "relu,sigmoid", "--out", out, "-q"]]) {
    const code = await main(argv, io);
    if (code !== 0) {
      console.warn(`code-cache.build.mjs: actviz ${argv.join(" ")} exited ${code}: the cache covers only what ran before`);
      break;
    }
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
const written = writeCodeCache(loader);
console.log(`code cache: ${written.length} chunks (${written.join(", ")}); help texts: ${Object.keys(texts).length}`);
