// Synchronous clean-ups for a signal (Ctrl-C, SIGTERM): each writer of temporary files registers
// one when it loads, and the CLI's signal handler runs them all. A module of its own so that the
// CLI's start-up (and `--help`) does not load the writers, nor node's fs/promises with them.

const cleanups = new Set<() => void>();

/** Registers `cleanup` (synchronous: after a signal nothing asynchronous runs) for runCleanupsSync. */
export function onSignalCleanup(cleanup: () => void): void {
  cleanups.add(cleanup);
}

/** Runs every registered clean-up, in the order they were registered. */
export function runCleanupsSync(): void {
  for (const cleanup of cleanups) cleanup();
}
