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

/** Every image of the page at `url` once decoded: its src, natural and shown sizes. */
async function images(url: string, width = 1280) {
  const page = await browser.newPage();
  await page.setViewport({ width, height: 900 });
  await page.goto(url, { waitUntil: "load" });
  // lazy images load once scrolled to; wait until each has decoded (a broken one rejects: naturalWidth 0)
  await page.$$eval("img", (imgs) => Promise.all(imgs.map((img) => { img.loading = "eager"; return img.decode().catch(() => undefined); })));
  const sizes = await page.$$eval("img", (imgs) =>
    imgs.map((img) => ({ src: img.getAttribute("src"), natural: [img.naturalWidth, img.naturalHeight], shown: [img.width, img.height] })),
  );
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  return { page, sizes, scrollWidth };
}

const manifestDoc = {
  title: "Activation figures",
  defaults: { width: 360, height: 225 },
  figures: [
    { command: "curve", fn: "relu,tanh", range: "-5,5", samples: 201, derivative: true, out: "figs/curves", caption: "ReLU and tanh with their derivatives." },
    { command: "curve", fn: "sigmoid", lang: "zh", samples: 201, format: ["svg", "csv"], out: "figs/zh" },
    { command: "neurons", input: example, neurons: "5", plot: ["line", "summary"], out: "figs/neurons" },
    { command: "curve", fn: "gelu", samples: 201, scale: 2, title: "GELU at twice the pixels", out: "figs/hidpi" },
  ],
};

describe("actviz render --gallery", () => {
  it("the page has an index, a heading and caption per figure, every image shown at its CSS size, relative links", async () => {
    const project = join(dir, "one");
    await mkdir(project, { recursive: true });
    await writeFile(join(project, "actviz.config.json"), JSON.stringify(manifestDoc));
    const c = capture();
    // a page in a subfolder: its links must climb out of it
    expect(await main(["render", join(project, "actviz.config.json"), "--gallery", join(project, "site", "index.html"), "-q"], c.io)).toBe(0);
    const html = await readFile(join(project, "site", "index.html"), "utf8");
    expect(html).toContain('src="../figs/curves/relu.png"');
    expect(html).not.toContain(dir); // no absolute paths: the folder can move (CI artifact, GitHub Pages)

    const { page, sizes } = await images(pathToFileURL(join(project, "site", "index.html")).href);
    expect(sizes.map((i) => i.src)).toEqual([
      "../figs/curves/relu.png", "../figs/curves/tanh.png", "../figs/zh/sigmoid.svg", "../figs/neurons/neuron-005.png", "../figs/neurons/summary.png", "../figs/hidpi/gelu.png",
    ]);
    for (const s of sizes.slice(0, 5)) {
      expect(s.natural, s.src!).toEqual([360, 225]);
      expect(s.shown, s.src!).toEqual([360, 225]);
    }
    // --scale 2: 720x450 pixels shown at its CSS size
    expect(sizes[5]).toMatchObject({ natural: [720, 450], shown: [360, 225] });
    expect(await page.$eval("h1", (h) => h.textContent)).toBe("Activation figures");
    expect(await page.$$eval("nav li a", (as) => as.map((a) => [a.textContent, a.getAttribute("href")]))).toEqual([
      ["curve relu,tanh", "#figure-1"], ["curve sigmoid", "#figure-2"], ["neurons digits-mlp-hidden.npy: line,summary", "#figure-3"], ["GELU at twice the pixels", "#figure-4"],
    ]);
    expect(await page.$$eval("section h2", (hs) => hs.map((h) => h.textContent))).toEqual(["curve relu,tanh", "curve sigmoid", "neurons digits-mlp-hidden.npy: line,summary", "GELU at twice the pixels"]);
    expect(await page.$eval("#figure-1 .caption", (p) => p.textContent)).toBe("ReLU and tanh with their derivatives.");
    expect(await page.$eval("#figure-1 .how", (p) => p.textContent)).toBe("curve: fn relu,tanh · range -5,5 · samples 201 · derivative · width 360 · height 225");
    expect(await page.$$eval("figcaption", (els) => els.map((e) => e.textContent))).toContain("neuron-005 figs/neurons/neuron-005.png");
    expect(await page.$$eval(".files a", (as) => as.map((a) => a.getAttribute("href")))).toEqual(["../figs/zh/sigmoid.csv"]);
    await mkdir("test/.output", { recursive: true });
    await page.screenshot({ path: "test/.output/gallery.png", fullPage: true });
    await page.close();
  }, 60_000);

  it("every image loads from a page written beside the manifest, in a subfolder, or outside its folder from another working directory", async () => {
    const project = join(dir, "two", "project");
    await mkdir(project, { recursive: true });
    await writeFile(join(project, "actviz.config.json"), JSON.stringify(manifestDoc));
    const elsewhere = join(dir, "two", "artifacts", "gallery");
    const cwd = process.cwd();
    try {
      // the working directory is neither the manifest's folder nor the page's
      process.chdir(join(dir, "two"));
      for (const page of [undefined, "project/site/deep/page.html", "artifacts/gallery/page.html"]) {
        const c = capture();
        expect(await main(["render", "project/actviz.config.json", "-q", ...(page === undefined ? ["--gallery"] : ["--gallery", page])], c.io), c.stderr()).toBe(0);
      }
    } finally {
      process.chdir(cwd);
    }
    for (const page of [join(project, "gallery.html"), join(project, "site", "deep", "page.html"), join(elsewhere, "page.html")]) {
      const { page: p, sizes } = await images(pathToFileURL(page).href);
      expect(sizes).toHaveLength(6);
      for (const s of sizes) expect(s.natural[0], `${page}: ${s.src}`).toBeGreaterThan(0);
      await p.close();
    }
  }, 60_000);

  it("at 420 px wide the page never scrolls sideways: images shrink to their cells", async () => {
    const project = join(dir, "three");
    await mkdir(project, { recursive: true });
    await writeFile(join(project, "actviz.config.json"), JSON.stringify({ ...manifestDoc, defaults: { width: 800, height: 500 } }));
    expect(await main(["render", join(project, "actviz.config.json"), "--gallery", "-q"], capture().io)).toBe(0);
    const { page, sizes, scrollWidth } = await images(pathToFileURL(join(project, "gallery.html")).href, 420);
    expect(scrollWidth).toBeLessThanOrEqual(420);
    for (const s of sizes) expect(s.shown[0], s.src!).toBeLessThan(420);
    await page.screenshot({ path: "test/.output/gallery-420.png", fullPage: false });
    await page.close();
  }, 60_000);
});
