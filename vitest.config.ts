import { defineConfig } from "vitest/config";

// Render tests load the native canvas addon: run them in forked processes, not worker threads.
export default defineConfig({
  test: {
    pool: "forks",
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup-fast-check.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
