// Decoding and comparing PNGs with node-canvas, for golden and scale tests.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
type Canvas = { getContext(kind: "2d"): Ctx; toBuffer(mime: "image/png"): Buffer };
type Ctx = { drawImage(img: unknown, x: number, y: number): void; getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray }; putImageData(d: unknown, x: number, y: number): void; createImageData(w: number, h: number): { data: Uint8ClampedArray } };
const canvas = require("canvas") as { loadImage(src: Buffer): Promise<{ width: number; height: number }>; createCanvas(w: number, h: number): Canvas };

export interface Pixels {
  width: number;
  height: number;
  /** RGBA, row-major. */
  data: Uint8ClampedArray;
}

export async function decodePng(png: Buffer): Promise<Pixels> {
  const img = await canvas.loadImage(png);
  const c = canvas.createCanvas(img.width, img.height);
  const ctx = c.getContext("2d");
  ctx.drawImage(img, 0, 0);
  return { width: img.width, height: img.height, data: ctx.getImageData(0, 0, img.width, img.height).data };
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

export interface PixelDiff {
  /** Pixels where some channel differs by more than the threshold. */
  differing: number;
  /** A PNG showing differing pixels in red over a faded copy of `expected`. */
  diffPng: () => Buffer;
}

export function diffPixels(actual: Pixels, expected: Pixels, channelThreshold: number): PixelDiff {
  if (actual.width !== expected.width || actual.height !== expected.height) {
    throw new Error(`size ${actual.width}x${actual.height} differs from golden ${expected.width}x${expected.height}`);
  }
  const { width, height } = expected;
  const mask = new Uint8Array(width * height);
  let differing = 0;
  for (let p = 0; p < width * height; p++) {
    for (let c = 0; c < 4; c++) {
      if (Math.abs(actual.data[4 * p + c]! - expected.data[4 * p + c]!) > channelThreshold) {
        mask[p] = 1;
        differing++;
        break;
      }
    }
  }
  return {
    differing,
    diffPng: () => {
      const out = canvas.createCanvas(width, height);
      const ctx = out.getContext("2d");
      const img = ctx.createImageData(width, height);
      for (let p = 0; p < width * height; p++) {
        const grey = 128 + (expected.data[4 * p]! >> 1);
        img.data.set(mask[p] ? [255, 0, 0, 255] : [grey, grey, grey, 255], 4 * p);
      }
      ctx.putImageData(img, 0, 0);
      return out.toBuffer("image/png");
    },
  };
}

/**
 * Mean absolute difference per RGB channel (0-255) between `one` and `two` halved: each 2x2
 * block of `two` (a render at twice the pixel ratio) averaged against one pixel of `one`.
 */
export function halvedDifference(two: Pixels, one: Pixels): number {
  let total = 0;
  for (let y = 0; y < one.height; y++) {
    for (let x = 0; x < one.width; x++) {
      for (let c = 0; c < 3; c++) {
        const at = (yy: number, xx: number) => two.data[4 * (yy * two.width + xx) + c]!;
        const halved = (at(2 * y, 2 * x) + at(2 * y, 2 * x + 1) + at(2 * y + 1, 2 * x) + at(2 * y + 1, 2 * x + 1)) / 4;
        total += Math.abs(halved - one.data[4 * (y * one.width + x) + c]!);
      }
    }
  }
  return total / (one.width * one.height * 3);
}
