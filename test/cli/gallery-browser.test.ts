import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "puppeteer-core";
import { main } from "../../src/cli/main.js";
import { capture } from "./capture.js";
import { tempDir } from "../temp-dir.js";

// Debian's chromium (.ci/install-deps installs it); puppeteer-core never downloads a browser.
// Absent, this test fails rather than skips: CI must run it.
const CHROMIUM = process.env.ACTVIZ_CHROMIUM ?? "/usr/bin/chromium";
const example = resolve("fixtures/examples/digits-mlp-hidden.npy");

let dir: string;
tempDir("actviz-gallery-", (d) => (dir = d), "all");
let browser: Browser;
beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`no browser at ${CHROMIUM} (expected Debian's chromium: bash .ci/install-deps)`);
  const { launch } = await import("puppeteer-core");
  browser = await launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--allow-file-access-from-files"] });
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

describe("actviz render --gallery", () => {
  it("the page shows every image at its natural size, from paths relative to the page, with a caption", async () => {
    await writeFile(
      join(dir, "actviz.config.json"),
      JSON.stringify({
        defaults: { width: 360, height: 225 },
        figures: [
          { command: "curve", fn: "relu,tanh", range: "-5,5", samples: 201, derivative: true, out: "figs/curves" },
          { command: "curve", fn: "sigmoid", lang: "zh", samples: 201, format: ["svg", "csv"], out: "figs/zh" },
          { command: "neurons", input: example, neurons: "5", plot: ["line", "summary"], out: "figs/neurons" },
        ],
      }),
    );
    const c = capture();
    // a page in a subfolder: its links must climb out of it
    expect(await main(["render", join(dir, "actviz.config.json"), "--gallery", join(dir, "site", "index.html"), "-q"], c.io)).toBe(0);
    const html = await readFile(join(dir, "site", "index.html"), "utf8");
    expect(html).toContain('src="../figs/curves/relu.png"');
    expect(html).not.toContain(dir); // no absolute paths: the folder can move (CI artifact, GitHub Pages)

    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(pathToFileURL(join(dir, "site", "index.html")).href, { waitUntil: "load" });
    // lazy images load once scrolled to; wait until each has decoded
    await page.$$eval("img", (imgs) => Promise.all(imgs.map((img) => { img.loading = "eager"; return img.decode(); })));
    const sizes = await page.$$eval("img", (imgs) =>
      imgs.map((img) => ({ src: img.getAttribute("src"), complete: img.complete, natural: [img.naturalWidth, img.naturalHeight], shown: [img.width, img.height] })),
    );
    expect(sizes.map((i) => i.src)).toEqual([
      "../figs/curves/relu.png", "../figs/curves/tanh.png", "../figs/zh/sigmoid.svg", "../figs/neurons/neuron-005.png", "../figs/neurons/summary.png",
    ]);
    for (const s of sizes) {
      expect(s.complete, s.src!).toBe(true);
      expect(s.natural, s.src!).toEqual([360, 225]);
      expect(s.shown, s.src!).toEqual(s.natural);
    }
    const captions = await page.$$eval("figcaption", (els) => els.map((e) => e.textContent ?? ""));
    expect(captions[0]).toBe("relu figs/curves/relu.pngcurve: fn relu,tanh · range -5,5 · samples 201 · derivative · width 360 · height 225");
    expect(captions[3]).toBe("sigmoid figs/zh/sigmoid.csvcurve: fn sigmoid · lang zh · samples 201 · format svg,csv · width 360 · height 225");
    expect(captions[4]).toBe(`neuron-005 figs/neurons/neuron-005.pngneurons: input ${example} · neurons 5 · plot line,summary · width 360 · height 225`);
    expect(await page.$$eval("a.file", (as) => as.map((a) => a.getAttribute("href")))).toEqual(["../figs/zh/sigmoid.csv"]);

    await mkdir("test/.output", { recursive: true });
    await page.screenshot({ path: "test/.output/gallery.png", fullPage: true });
    await page.close();
  }, 60_000);
});
