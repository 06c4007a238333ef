import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { actvizBin, largeDir, largeEnabled, roomFor, sparseFile } from "./large-file.js";

// `npm run test:large`: a CSV past the 512 MiB text limit (sparse: a header row, then spaces) is
// one line, exit 2, and no output; skipped in `npm test`.
const SIZE = 600_000_000;
const dir = largeDir("actviz-large-text-");

describe.skipIf(!largeEnabled)("a CSV past 512 MiB (npm run test:large)", () => {
  it("actviz neurons BIG.csv --stats is one line naming the size and the formats read in blocks, exit 2, nothing written", { timeout: 300_000 }, () => {
    if (!roomFor(dir(), SIZE, false)) return;
    const path = sparseFile(join(dir(), "big.csv"), SIZE, [[Buffer.from("a,b\n1,2\n"), 0]]);
    const stats = join(dir(), "r.json");
    const r = actvizBin(["neurons", path, "--input-format", "csv", "--stats", stats, "--out", join(dir(), "out"), "-q"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`actviz: ${path}: 600000000 bytes (572 MiB) of text, past the 512 MiB a text file is read in (expected a .npy or .safetensors file for data this size: they are read in blocks)\n`);
    expect(existsSync(stats)).toBe(false);
    expect(existsSync(join(dir(), "out"))).toBe(false);
  });
});
