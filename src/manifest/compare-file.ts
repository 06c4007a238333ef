import { normalizeSvg } from "../render/engine/svg-normalize.js";

export type CompareMode = "bytes" | "pixels";

/** pixelmatch's per-pixel colour distance (0..1) under which two pixels count as the same. */
export const PIXEL_THRESHOLD = 0.1;

/**
 * Whether a rendered file is unchanged from the one on disk. "bytes": identical bytes.
 * "pixels": PNGs decode to the same size and at most `tolerance` (a fraction) of their pixels
 * differ by more than PIXEL_THRESHOLD, anti-aliased edge pixels not counted (pixelmatch);
 * SVGs are equal after normalisation (generated ids, trailing whitespace, line endings);
 * other files (PDF, CSV, JSON) still compare by bytes.
 */
export async function sameFile(path: string, rendered: Uint8Array, onDisk: Uint8Array, mode: CompareMode, tolerance: number): Promise<boolean> {
  if (Buffer.compare(Buffer.from(rendered), Buffer.from(onDisk)) === 0) return true;
  if (mode === "bytes") return false;
  if (/\.svg$/i.test(path)) return svgText(rendered) === svgText(onDisk);
  if (!/\.png$/i.test(path)) return false;
  const diff = await pixelDiff(onDisk, rendered, false);
  return typeof diff !== "string" && diff.differing <= tolerance * diff.pixels;
}

/**
 * How two PNGs differ, by pixelmatch (PIXEL_THRESHOLD; anti-aliased pixels not counted), with a
 * diff image when `image` (changed pixels red, anti-aliased ones yellow, over a faded copy); or
 * why they cannot be compared: one does not decode, or their sizes differ.
 */
export async function pixelDiff(expected: Uint8Array, actual: Uint8Array, image: boolean): Promise<{ differing: number; pixels: number; png?: Uint8Array } | string> {
  // loaded only here: --help and plain runs never pay for them
  const [{ PNG }, { default: pixelmatch }] = await Promise.all([import("pngjs"), import("pixelmatch")]);
  let a, b;
  try {
    a = PNG.sync.read(Buffer.from(expected));
    b = PNG.sync.read(Buffer.from(actual));
  } catch {
    return "the committed file is not a PNG that decodes";
  }
  if (a.width !== b.width || a.height !== b.height) return `sizes differ: ${a.width}x${a.height} committed, ${b.width}x${b.height} now`;
  const out = image ? new PNG({ width: a.width, height: a.height }) : undefined;
  const differing = pixelmatch(a.data, b.data, out?.data, a.width, a.height, { threshold: PIXEL_THRESHOLD });
  return { differing, pixels: a.width * a.height, ...(out ? { png: PNG.sync.write(out) } : {}) };
}

function svgText(data: Uint8Array): string {
  const text = Buffer.from(data).toString("utf8").replace(/\r\n/g, "\n");
  return normalizeSvg(text).replace(/[ \t]+$/gm, "").trim();
}
