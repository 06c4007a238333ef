import { afterEach, describe, expect, it } from "vitest";
import { PassThrough } from "node:stream";
import { progressAfter, progressBar } from "../../src/cli/progress.js";
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

describe("progressAfter(io, afterMs, label)", () => {
  const tick = () => new Promise((r) => setTimeout(r, 20));

  it("shows no bar for work that ends before afterMs", async () => {
    delete process.env.CI;
    const t = io(true);
    const p = progressAfter(t.io, 60_000, "forward pass");
    p.update(100, 1000);
    p.update(1000, 1000);
    p.stop();
    await tick();
    expect(t.text()).toBe("");
  });

  it("shows the bar, at the count reached, once the work has taken afterMs, and stops it", async () => {
    delete process.env.CI;
    const t = io(true);
    const p = progressAfter(t.io, 0, "forward pass");
    p.update(256, 1000); // asks for the bar; it comes once cli-progress is loaded
    await tick();
    p.update(512, 1000);
    p.stop();
    await tick();
    expect(t.text()).toMatch(/forward pass \[[^\]]*\] 512\/1000/);
  });

  it("a bar that arrives after stop() is stopped at once: no bar is left running", async () => {
    delete process.env.CI;
    const t = io(true);
    const p = progressAfter(t.io, 0, "forward pass");
    p.update(10, 1000);
    p.stop(); // before cli-progress has loaded
    await tick();
    // the bar hid the cursor when it started (\x1b[?25l) and showed it again when stopped (\x1b[?25h)
    const text = t.text();
    expect(text).toContain("\x1b[?25l");
    expect(text.lastIndexOf("\x1b[?25h")).toBeGreaterThan(text.lastIndexOf("\x1b[?25l"));
  });
});
