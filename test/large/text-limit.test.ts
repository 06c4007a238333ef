import { spawnSync } from "node:child_process";
import { closeSync, existsSync, openSync, statfsSync, writeSync, ftruncateSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../temp-dir.js";

// `npm run test:large`: a CSV past the 512 MiB text limit (sparse: a header row, then spaces) is
// one line, exit 2, and no output; skipped in `npm test`.
const SIZE = 600_000_000;
const enabled = process.env.ACTVIZ_LARGE === "1";
let dir = "";
if (enabled) tempDir("actviz-large-text-", (d) => (dir = d), "all");

describe.skipIf(!enabled)("a CSV past 512 MiB (npm run test:large)", () => {
  it("actviz neurons BIG.csv --stats is one line naming the size and the formats read in blocks, exit 2, nothing written", { timeout: 300_000 }, () => {
    const free = statfsSync(dir).bavail * statfsSync(dir).bsize;
    if (free < SIZE) {
      console.warn(`skipped: the ${SIZE}-byte file needs that much free space in ${dir} (${free} bytes free)`);
      return;
    }
    const path = join(dir, "big.csv");
    const fd = openSync(path, "w");
    writeSync(fd, Buffer.from("a,b\n1,2\n"), 0, 8, 0);
    ftruncateSync(fd, SIZE);
    closeSync(fd);
    const stats = join(dir, "r.json");
    const r = spawnSync(process.execPath, ["bin/actviz.js", "neurons", path, "--input-format", "csv", "--stats", stats, "--out", join(dir, "out"), "-q"], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`actviz: ${path}: 600000000 bytes (572 MiB) of text, past the 512 MiB a text file is read in (expected a .npy or .safetensors file for data this size: they are read in blocks)\n`);
    expect(existsSync(stats)).toBe(false);
    expect(existsSync(join(dir, "out"))).toBe(false);
  });
});
