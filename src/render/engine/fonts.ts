import { closeSync, openSync, readSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { UsageError } from "../../errors.js";

/** Resolves packages from wherever this file lives: src/, dist/ or a global install. */
const require = createRequire(import.meta.url);

/** The family name our bundled Noto Sans Hans (Latin + CJK) is registered under. */
export const BUNDLED_FONT_FAMILY = "ActvizSans";

type RegisterFont = (file: string, face: { family: string; weight?: string; style?: string }) => void;

let bundledDone = false;
let userFamily: string | undefined;
const userFamilies = new Map<string, string>();

/** node-canvas's registerFont, loaded on first use so `--help` never loads the native addon. */
function registerFont(file: string, face: { family: string; weight?: string }): void {
  (require("canvas") as { registerFont: RegisterFont }).registerFont(file, face);
}

/** The regular and bold font files of @embedpdf/fonts-sc (its exports hide the folder). */
export function bundledFontFiles(): { regular: string; bold: string } {
  const fonts = join(dirname(require.resolve("@embedpdf/fonts-sc")), "..", "fonts");
  return { regular: join(fonts, "NotoSansHans-Regular.otf"), bold: join(fonts, "NotoSansHans-Bold.otf") };
}

/**
 * Registers the bundled Latin + CJK font (once) and returns its family name. Call it before
 * the first canvas is created; the renderer does.
 */
export function useBundledFont(): string {
  if (!bundledDone) {
    const { regular, bold } = bundledFontFiles();
    registerFont(regular, { family: BUNDLED_FONT_FAMILY });
    registerFont(bold, { family: BUNDLED_FONT_FAMILY, weight: "bold" });
    bundledDone = true;
  }
  return BUNDLED_FONT_FAMILY;
}

/** The family the renderer uses when a config names none: the user's font if one was given. */
export function activeFontFamily(): string {
  return userFamily ?? useBundledFont();
}

/** First four bytes of TrueType, OpenType (CFF), Apple TrueType and TrueType collections. */
const FONT_MAGICS = ["00010000", "4f54544f", "74727565", "74746366"];

/**
 * Registers a user TTF/OTF/TTC file for all text and returns the family name to put in
 * configs. Throws UsageError (E_FONT) naming the file when it is missing, unreadable or not
 * a font. Registering the same file again returns the same family.
 */
export function useFontFile(path: string): string {
  const file = resolve(path);
  const known = userFamilies.get(file);
  if (known !== undefined) return (userFamily = known);
  checkFontFile(path, file);
  const family = `ActvizUser${userFamilies.size + 1}`;
  try {
    registerFont(file, { family });
  } catch (cause) {
    throw new UsageError(`--font ${path}: cannot load the font: ${(cause as Error).message} (expected a .ttf, .otf or .ttc file)`, "E_FONT", { cause });
  }
  userFamilies.set(file, family);
  return (userFamily = family);
}

function checkFontFile(shown: string, file: string): void {
  const expected = "(expected a TrueType or OpenType font: .ttf, .otf or .ttc)";
  const magic = Buffer.alloc(4);
  let read = 0;
  try {
    if (statSync(file).isDirectory()) throw new UsageError(`--font ${shown}: is a directory ${expected}`, "E_FONT");
    const fd = openSync(file, "r");
    try {
      read = readSync(fd, magic, 0, 4, 0);
    } finally {
      closeSync(fd);
    }
  } catch (cause) {
    if (cause instanceof UsageError) throw cause;
    const code = (cause as NodeJS.ErrnoException).code;
    const what = code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : `cannot read (${code ?? String(cause)})`;
    throw new UsageError(`--font ${shown}: ${what} ${expected}`, "E_FONT", { cause });
  }
  if (read < 4 || !FONT_MAGICS.includes(magic.toString("hex"))) {
    throw new UsageError(`--font ${shown}: not a font file ${expected}`, "E_FONT");
  }
}
