import type { spawn as nodeSpawn } from "node:child_process";
import { createRequire } from "node:module";

// The bundle's stand-in for node:child_process inside commander (rolldown.config.mjs resolves
// commander's require of it here). Commander requires it when it loads, but only to spawn
// executable subcommands, which actviz has none of; loading node's child_process costs ~8 % of a
// bare `node -e 0`, paid by every --help. Here it is loaded only if spawn is ever called.
// test/cli/commander-child-process.test.ts fails if commander starts using more of it.
const require = createRequire(import.meta.url);

/** node:child_process's spawn, loaded on the first call. */
export const spawn = ((...args: Parameters<typeof nodeSpawn>) => (require("node:child_process") as typeof import("node:child_process")).spawn(...args)) as typeof nodeSpawn;
