import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

// Render tests load the native canvas addon: run them in forked processes, not worker threads.
export default defineConfig({
  test: {
    pool: "forks",
    // every core (vitest's default leaves one idle: on a 2-core CI machine, one file at a time);
    // most files wait on child processes and files, so two forks on 2 cores finished the suite in
    // 218 s where one took 538 s (this session, the shared machine at load 4-7 both times)
    maxWorkers: availableParallelism(),
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup-fast-check.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
