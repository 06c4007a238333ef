import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { spawn } from "../../src/cli/commander-child-process.js";

// The bundle hands commander a stand-in for node:child_process with spawn alone (see
// rolldown.config.mjs): if an upgrade of commander uses anything else of it, this fails first.
const require = createRequire(import.meta.url);

describe("commander's node:child_process", () => {
  it("commander's lib uses child_process only as childProcess.spawn(...), required once, in command.js", () => {
    // its exports hide lib/: from the folder of its package.json
    const command = readFileSync(join(dirname(require.resolve("commander")), "lib", "command.js"), "utf8");
    expect(command.match(/require\('node:child_process'\)/g)).toHaveLength(1);
    const uses = [...command.matchAll(/childProcess\.(\w+)/g)].map((m) => m[1]);
    expect(uses.length).toBeGreaterThan(0);
    expect(new Set(uses)).toEqual(new Set(["spawn"]));
  });

  it("spawn(process.execPath, ['-e', '0']) runs node and exits 0, as node's spawn does", async () => {
    const code = await new Promise((resolve, reject) => spawn(process.execPath, ["-e", "0"], { stdio: "ignore" }).on("error", reject).on("exit", resolve));
    expect(code).toBe(0);
  });
});
