import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { activeFontFamily, BUNDLED_FONT_FAMILY, bundledFontFiles, useBundledFont, useFontFile } from "../../src/render/engine/fonts.js";
import { tempDir } from "../temp-dir.js";

const require = createRequire(import.meta.url);
type Ctx = { font: string; measureText(t: string): { width: number } };
const { createCanvas } = require("canvas") as { createCanvas(w: number, h: number): { getContext(k: "2d"): Ctx } };
let dir: string;
tempDir("actviz-fonts-", (d) => (dir = d), "all");

/** Advance width of `text` at 40 px in `family`. */
function advance(family: string, text: string): number {
  const ctx = createCanvas(10, 10).getContext("2d");
  ctx.font = `40px ${family}`;
  return ctx.measureText(text).width;
}

function usageError(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return err as UsageError;
  }
  throw new Error("expected a UsageError");
}

describe("useBundledFont()", () => {
  it("useBundledFont() registers our Noto Sans Hans and returns its family, the same every call", () => {
    expect(useBundledFont()).toBe(BUNDLED_FONT_FAMILY);
    expect(useBundledFont()).toBe(BUNDLED_FONT_FAMILY);
    expect(activeFontFamily()).toBe(BUNDLED_FONT_FAMILY);
  });

  it("bundledFontFiles() are OpenType files resolved through node_modules", () => {
    const { regular, bold } = bundledFontFiles();
    for (const file of [regular, bold]) {
      expect(file).toMatch(/node_modules[\\/]@embedpdf[\\/]fonts-sc[\\/]fonts[\\/]NotoSansHans-(Regular|Bold)\.otf$/);
      expect(readFileSync(file).subarray(0, 4).toString("latin1")).toBe("OTTO");
    }
  });

  // A missing glyph is drawn as a hex box narrower than a CJK glyph, whose advance in Noto
  // Sans Hans is exactly one em. This machine has no CJK system font, so only ours can pass.
  it.each([..."函数输入值输出值"])("useBundledFont() renders %s as a real one-em CJK glyph, not a missing-glyph box", (ch) => {
    const family = useBundledFont();
    expect(advance(family, ch)).toBe(40);
    expect(advance(family, "\uE000")).not.toBe(40);
  });
});

describe("useFontFile(path)", () => {
  it("useFontFile(a TTF/OTF file) registers it under a family of ours that then applies to all text", () => {
    const file = join(dir, "user.otf");
    copyFileSync(bundledFontFiles().regular, file);
    const family = useFontFile(file);
    expect(family).toMatch(/^ActvizUser\d+$/);
    expect(advance(family, "函")).toBe(40);
    expect(activeFontFamily()).toBe(family);
    expect(useFontFile(file)).toBe(family);
  });

  it("useFontFile(missing file) throws UsageError E_FONT naming the file", () => {
    const err = usageError(() => useFontFile(join(dir, "nope.ttf")));
    expect(err.code).toBe("E_FONT");
    expect(err.exitCode).toBe(2);
    expect(err.message).toContain("nope.ttf: no such file");
    expect(err.message).toContain("expected");
  });

  it("useFontFile(directory) throws UsageError E_FONT", () => {
    const sub = join(dir, "fonts.d");
    mkdirSync(sub, { recursive: true });
    expect(usageError(() => useFontFile(sub)).message).toContain("fonts.d: is a directory");
  });

  it("useFontFile(text file) throws UsageError E_FONT: not a font file", () => {
    const file = join(dir, "readme.ttf");
    writeFileSync(file, "hello, I am not a font\n");
    const err = usageError(() => useFontFile(file));
    expect(err.code).toBe("E_FONT");
    expect(err.message).toContain("readme.ttf: not a font file");
  });

  it("useFontFile(empty file) throws UsageError E_FONT: not a font file", () => {
    const file = join(dir, "empty.otf");
    writeFileSync(file, "");
    expect(usageError(() => useFontFile(file)).message).toContain("empty.otf: not a font file");
  });

  it("useFontFile(OpenType header with garbage) throws UsageError E_FONT with the loader's reason", () => {
    const file = join(dir, "broken.otf");
    writeFileSync(file, Buffer.concat([Buffer.from("OTTO"), Buffer.alloc(200, 7)]));
    const err = usageError(() => useFontFile(file));
    expect(err.code).toBe("E_FONT");
    expect(err.message).toContain("broken.otf: cannot load the font");
    expect(err.cause).toBeInstanceOf(Error);
  });

  it.skipIf(process.getuid?.() === 0)("useFontFile(unreadable file) throws UsageError E_FONT: permission denied", async () => {
    const { chmodSync } = await import("node:fs");
    const file = join(dir, "secret.ttf");
    copyFileSync(bundledFontFiles().regular, file);
    chmodSync(file, 0o000);
    expect(usageError(() => useFontFile(file)).message).toContain("secret.ttf: permission denied");
  });
});
