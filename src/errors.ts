/**
 * The project's typed errors. `core` never uses these (it throws RangeError/TypeError);
 * `io`, `render`, `output` and `cli` throw an ActvizError subclass, and the CLI alone turns
 * one into a single stderr line and an exit code.
 */
export class ActvizError extends Error {
  /** A stable machine-readable code, e.g. "E_USAGE", "E_DTYPE". */
  readonly code: string;
  /** The process exit code the CLI uses for this error. */
  readonly exitCode: number;

  constructor(message: string, code: string, exitCode: number, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.exitCode = exitCode;
  }
}

/** A bad flag or option value: the user typed something we cannot use. Exit 2. */
export class UsageError extends ActvizError {
  constructor(message: string, code = "E_USAGE", options?: { cause?: unknown }) {
    super(message, code, 2, options);
  }
}

/**
 * Bad input data: a file that cannot be parsed. The message names the source and the place
 * (byte offset, row:column, JSON path, tensor name) and what was expected. Exit 2.
 */
export class InputError extends ActvizError {
  constructor(message: string, code = "E_INPUT", options?: { cause?: unknown }) {
    super(message, code, 2, options);
  }
}

/** Output that cannot be written (unwritable directory, binary to a terminal). Exit 2. */
export class OutputError extends ActvizError {
  constructor(message: string, code = "E_OUTPUT", options?: { cause?: unknown }) {
    super(message, code, 2, options);
  }
}

/** A check that ran and failed (stale figure, too many dead neurons). Exit 1. */
export class CheckFailedError extends ActvizError {
  constructor(message: string, code = "E_CHECK", options?: { cause?: unknown }) {
    super(message, code, 1, options);
  }
}
