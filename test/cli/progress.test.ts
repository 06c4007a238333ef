import { afterEach, describe, expect, it } from "vitest";
import { PassThrough } from "node:stream";
import { progressBar } from "../../src/cli/progress.js";
import type { CliIO } from "../../src/cli/cli-io.js";

function io(tty: boolean) {
  const chunks: string[] = [];
  const stderr = Object.assign(new PassThrough(), { isTTY: tty, columns: 80, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
  stderr.on("data", (b: Buffer) => chunks.push(b.toString()));
  return { io: { stdout: new PassThrough(), stderr, stdin: new PassThrough() } as unknown as CliIO, text: () => chunks.join("") };
}

const savedCI = process.env.CI;
afterEach(() => {
  if (savedCI === undefined) delete process.env.CI;
  else process.env.CI = savedCI;
});

describe("progressBar(io, total, label)", () => {
  it("draws on a terminal, outside CI, for a long run", async () => {
    delete process.env.CI;
    const t = io(true);
    const bar = await progressBar(t.io, 100, "charts");
    bar.update(50);
    bar.stop();
    await new Promise((r) => setImmediate(r));
    expect(t.text()).toMatch(/charts/);
  });

  it("writes nothing when stderr is not a terminal", async () => {
    delete process.env.CI;
    const t = io(false);
    const bar = await progressBar(t.io, 100, "charts");
    bar.update(50);
    bar.stop();
    expect(t.text()).toBe("");
  });

  it("writes nothing in CI, even on a terminal", async () => {
    process.env.CI = "true";
    const t = io(true);
    const bar = await progressBar(t.io, 100, "charts");
    bar.update(50);
    bar.stop();
    expect(t.text()).toBe("");
  });

  it("writes nothing for a short run", async () => {
    delete process.env.CI;
    const t = io(true);
    const bar = await progressBar(t.io, 5, "charts");
    bar.update(5);
    bar.stop();
    expect(t.text()).toBe("");
  });
});
