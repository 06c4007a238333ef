import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join, resolve } from "node:path";
import { Script } from "node:vm";
import { stdoutIsNoTerminal, writeTextSync } from "./cli-io.js";

// The CLI's bundle (dist/bundle/*.cjs) loaded with a V8 code cache made at build time, so a run
// deserialises compiled code instead of parsing and compiling ~1 MB of JavaScript on every start
// (issue #16 item 7; measured by bench/first-chart.mjs). Each chunk `x.cjs` may have `x.cjs.v8`
// beside it (written by writeCodeCache after a representative run). Without one, or when V8
// rejects it (another node or V8 version, other V8 flags, a chunk of another length), the chunk
// is compiled from source as node would: the same code, only slower. Chunks require each other by
// `./name.cjs` (rolldown's output); anything else (node's built-ins, packages) goes to node's
// require, resolved from the chunk's folder. A chunk must not use import(): node 20 runs import()
// in a vm.Script only behind an experimental option, and not at all in a script compiled from a
// code cache; so the sources require what they load lazily from outside the bundle, and
// code-cache.build.mjs fails the build when a chunk holds an import().

/** The suffix of a chunk's code cache file. */
export const CODE_CACHE_SUFFIX = ".v8";

interface Loaded {
  exports: unknown;
  script: Script;
  file: string;
  /** "accepted": compiled from the cache; "rejected": V8 refused it; "none": no usable cache file. */
  cache: "accepted" | "rejected" | "none";
}

/** How each chunk loaded so far was compiled (for tests and the build's cache writer). */
export interface BundleLoader {
  /** Loads a chunk (once) by its file name in the bundle folder and returns its exports. */
  load(name: string): unknown;
  readonly loaded: ReadonlyMap<string, Loaded>;
}

/** CommonJS's wrapper: the chunk's code as a function of what a CommonJS module sees. */
const wrap = (source: string) => `(function (exports, require, module, __filename, __dirname) { ${source}\n});`;

/**
 * The cache bytes for a chunk, or undefined when there is none. V8 checks them against the
 * source's length, its own version and its flags; a build (rolldown's cleanDir) removes every
 * cache with the chunks it replaces, so a cache never outlives its chunk unless a chunk is edited
 * by hand (then delete its .v8 file, or rebuild).
 */
function readCache(file: string): Buffer | undefined {
  try {
    return readFileSync(file + CODE_CACHE_SUFFIX);
  } catch {
    return undefined;
  }
}

/**
 * A loader of the bundle in `dir`. With `useCache: false` every chunk is compiled from source
 * (the cache writer does so, so that its cache holds only what this node compiled).
 */
export function bundleLoader(folder: string, { useCache = true }: { useCache?: boolean } = {}): BundleLoader {
  const dir = resolve(folder);
  const loaded = new Map<string, Loaded>();
  const nodeRequire = createRequire(join(dir, "index.cjs"));

  function load(name: string): unknown {
    const file = join(dir, name);
    const known = loaded.get(file);
    if (known) return known.exports;
    const source = readFileSync(file, "utf8");
    const cachedData = useCache ? readCache(file) : undefined;
    const script = new Script(wrap(source), { filename: file, ...(cachedData ? { cachedData } : {}) });
    const module = { exports: {} as unknown, filename: file, id: file, loaded: false };
    const entry: Loaded = { exports: module.exports, script, file, cache: cachedData ? (script.cachedDataRejected ? "rejected" : "accepted") : "none" };
    loaded.set(file, entry);
    const require = Object.assign((id: string) => (id.startsWith("./") && id.endsWith(".cjs") && !id.includes("/", 2) ? load(id.slice(2)) : nodeRequire(id)), {
      resolve: nodeRequire.resolve,
      cache: nodeRequire.cache,
      main: nodeRequire.main,
    });
    const fn = script.runInThisContext() as (...args: unknown[]) => void;
    fn.call(module.exports, module.exports, require, module, file, dirname(file));
    module.loaded = true;
    entry.exports = module.exports;
    return module.exports;
  }
  return { load, loaded };
}

/**
 * Writes the code cache of every chunk `loader` loaded: V8's compiled code of what has run so
 * far (after a representative run, that covers the functions a run needs). Returns the chunk
 * names written. A cache V8 cannot make is skipped.
 */
export function writeCodeCache(loader: BundleLoader): string[] {
  const written: string[] = [];
  for (const { script, file } of loader.loaded.values()) {
    const data = script.createCachedData();
    if (data.length === 0) continue;
    writeFileSync(file + CODE_CACHE_SUFFIX, data);
    written.push(basename(file));
  }
  return written.sort();
}

/**
 * The help texts the build writes beside the chunks (code-cache.build.mjs, by running the CLI):
 * `{ "texts": { "": <actviz --help>, "curve": <actviz curve --help>, ... } }`, as the CLI writes
 * them into no terminal.
 */
export const HELP_TEXTS_FILE = "help-texts.json";

/** The help text `argv` asks for, by its key in HELP_TEXTS_FILE: "" for `--help` or `-h`, "NAME" for `NAME --help`; else undefined. */
export function helpKey(argv: readonly string[]): string | undefined {
  const asks = (flag: string | undefined) => flag === "--help" || flag === "-h";
  if (argv.length === 1 && asks(argv[0])) return "";
  if (argv.length === 2 && asks(argv[1]) && /^[a-z]+$/.test(argv[0]!)) return argv[0];
  return undefined;
}

/**
 * `actviz --help` and `actviz COMMAND --help` into no terminal (a pipe, a file, /dev/null): writes
 * the text the build wrote by running the CLI itself (the same bytes, tested) without loading the
 * bundle, and returns true. Returns false, having written nothing, for any other argv, when stdout
 * may be a terminal (commander then wraps the help to its width) or on Windows (see writeTextSync
 * in cli-io.ts), and when the texts file is missing, unreadable or lacks the text: the bin then runs
 * the CLI, which prints the same help.
 */
export function writeBuiltHelp(folder: string, argv: readonly string[]): boolean {
  const key = helpKey(argv);
  if (key === undefined || process.platform === "win32" || !stdoutIsNoTerminal()) return false;
  let texts: unknown;
  try {
    texts = (JSON.parse(readFileSync(join(folder, HELP_TEXTS_FILE), "utf8")) as { texts?: unknown }).texts;
  } catch {
    return false;
  }
  // own keys only: "constructor --help" must not find Object's
  const text = typeof texts === "object" && texts !== null && Object.hasOwn(texts, key) ? (texts as Record<string, unknown>)[key] : undefined;
  if (typeof text !== "string") return false;
  writeTextSync(text);
  return true;
}
