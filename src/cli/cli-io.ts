/** What the CLI touches of the process, passed in so tests can run `main` in-process. */
export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
}

/**
 * The process's streams, each created by node on first use: a command that never reads stdin
 * does not make node set it up (for a pipe, that loads node's net module).
 */
export const processIO: CliIO = {
  get stdout() {
    return process.stdout;
  },
  get stderr() {
    return process.stderr;
  },
  get stdin() {
    return process.stdin;
  },
};
