import { fstatSync, statSync, writeSync } from "node:fs";

/** What the CLI touches of the process, passed in so tests can run `main` in-process. */
export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Writes a whole text to stdout (commander's help and --version); without it, stdout.write. */
  writeText?(text: string): void;
  /** True when stdout is surely no terminal, known without setting stdout up (see processIO). */
  stdoutIsNoTerminal?(): boolean;
}

let stdoutSetUp = false;

/**
 * The process's streams, each created by node on first use: a command that never reads stdin
 * does not make node set it up (for a pipe, that loads node's net module), and --help into a
 * pipe or a file never sets up stdout (see writeTextSync and stdoutIsNoTerminal).
 */
export const processIO: CliIO = {
  get stdout() {
    const stdout = process.stdout;
    if (!stdoutSetUp) {
      stdoutSetUp = true;
      // A reader that stops early (`actviz list | head -3`) closes the pipe: what it did not read
      // is dropped, quietly, and the run goes on (files under --out are still written), as Unix tools do.
      stdout.on("error", (err: NodeJS.ErrnoException) => {
        if (err.code !== "EPIPE") throw err;
      });
    }
    return stdout;
  },
  get stderr() {
    return process.stderr;
  },
  get stdin() {
    return process.stdin;
  },
  // Windows: through process.stdout, which writes a console as UTF-16 (raw UTF-8 bytes would not be)
  ...(process.platform === "win32" ? {} : { writeText: writeTextSync }),
  stdoutIsNoTerminal,
};

/**
 * Whether file descriptor 1 is a pipe, a socket, a file or /dev/null, which no terminal is: from
 * fstat, so commander need not ask process.stdout (setting it up) how wide the help may be.
 * False when it may be a terminal (another character device), and on Windows.
 */
export function stdoutIsNoTerminal(): boolean {
  if (process.platform === "win32") return false;
  try {
    const out = fstatSync(1);
    return !out.isCharacterDevice() || out.rdev === statSync("/dev/null").rdev;
  } catch {
    return false;
  }
}

/**
 * Writes `text` to file descriptor 1 at once, without making node set up process.stdout: its
 * stream modules are ~3 % of a bare node's start, which `--help` would pay for one write. Node
 * writes to files, pipes and terminals synchronously on Linux and macOS in any case (not used on
 * Windows, where node writes a console as UTF-16). A pipe that
 * is full and non-blocking (EAGAIN) gets the rest through process.stdout; a closed one (EPIPE)
 * drops it quietly, as process.stdout does above.
 */
export function writeTextSync(text: string): void {
  const bytes = Buffer.from(text, "utf8");
  let done = 0;
  try {
    while (done < bytes.length) done += writeSync(1, bytes, done);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EPIPE") return;
    if (code !== "EAGAIN") throw err;
    processIO.stdout.write(bytes.subarray(done));
  }
}
