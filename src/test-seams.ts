/**
 * Places where a test's own entry script (test/cli/support/hooked-bin.mjs) puts slow or spinning
 * work into a real run, to test the watchdog and signals. actviz itself never sets them, and
 * nothing in src reads the environment for them: unset, each costs one property read.
 */
export const testSeams: {
  /** Replaces the n-th chart this process draws (1 = the first) by `draw`. */
  chart?: { n: number; draw: () => unknown };
  /** Runs after each block of rows of a forward pass, before the progress report. */
  passBlock?: (done: number, rows: number) => void;
} = {};
