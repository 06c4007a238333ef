import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";

/**
 * A fresh temporary folder, named from `prefix`, for each test (`each`) or for the whole file
 * (`all`), removed after it; `set` gets its path before the test (or the file's first test) runs.
 */
export function tempDir(prefix: string, set: (dir: string) => void, scope: "each" | "all" = "each"): void {
  let dir = "";
  const [before, after] = scope === "each" ? [beforeEach, afterEach] : [beforeAll, afterAll];
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
    set(dir);
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });
}
