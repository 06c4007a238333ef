/** An RGB colour, channels 0-255. */
export type Rgb = readonly [number, number, number];

/** The colour maps a heatmap can use: sequential viridis, diverging RdBu_r (blue < 0 < red). */
export type ColormapName = "viridis" | "rdbu";

// 33 control points at t = i / 32, from matplotlib 3.6 (fixtures/colormaps/make_colormaps.py);
// linear interpolation between them stays within 4 units (of 255) of matplotlib's 256-entry tables.
const VIRIDIS: readonly Rgb[] = [
  [68, 1, 84], [71, 13, 96], [72, 24, 106], [72, 35, 116], [71, 45, 123], [69, 55, 129], [66, 64, 134], [62, 73, 137],
  [59, 82, 139], [55, 91, 141], [51, 99, 141], [47, 107, 142], [44, 114, 142], [41, 122, 142], [38, 130, 142], [35, 137, 142],
  [33, 145, 140], [31, 152, 139], [31, 160, 136], [34, 167, 133], [40, 174, 128], [50, 182, 122], [63, 188, 115], [78, 195, 107],
  [94, 201, 98], [112, 207, 87], [132, 212, 75], [152, 216, 62], [173, 220, 48], [194, 223, 35], [216, 226, 25], [236, 229, 27],
  [253, 231, 37],
];
const RDBU_R: readonly Rgb[] = [
  [5, 48, 97], [14, 65, 121], [23, 82, 144], [31, 99, 168], [42, 113, 178], [52, 128, 185], [63, 142, 192], [82, 157, 200],
  [107, 172, 209], [132, 188, 217], [155, 201, 224], [174, 211, 230], [194, 221, 236], [212, 230, 241], [224, 236, 243], [236, 242, 245],
  [247, 246, 246], [249, 238, 231], [251, 229, 216], [253, 220, 201], [251, 204, 180], [248, 187, 158], [245, 170, 137], [238, 150, 119],
  [228, 128, 102], [219, 107, 85], [208, 85, 72], [197, 62, 61], [186, 40, 50], [171, 22, 42], [147, 14, 38], [124, 7, 34],
  [103, 0, 31],
];

const tables: Record<ColormapName, readonly Rgb[]> = { viridis: VIRIDIS, rdbu: RDBU_R };

/** The colour of cells with no finite value: a neutral grey that neither map contains. */
export const NONFINITE_RGB: Rgb = [128, 128, 128];

/** Entries of the lookup tables colormapLut builds; enough that neighbours differ by ≤ 1 unit. */
export const LUT_SIZE = 256;

/**
 * The colour at position t in [0, 1] of a colour map (t is clamped; NaN gives the
 * non-finite grey), channels rounded to integers.
 */
export function colormap(name: ColormapName, t: number): Rgb {
  if (Number.isNaN(t)) return NONFINITE_RGB;
  const table = tables[name];
  const pos = Math.min(1, Math.max(0, t)) * (table.length - 1);
  const i = Math.min(table.length - 2, Math.floor(pos));
  const f = pos - i;
  const a = table[i]!;
  const b = table[i + 1]!;
  return [Math.round(a[0] + (b[0] - a[0]) * f), Math.round(a[1] + (b[1] - a[1]) * f), Math.round(a[2] + (b[2] - a[2]) * f)];
}

/** LUT_SIZE colours of a map as packed RGB (3 bytes each), entry k at t = k / (LUT_SIZE - 1). */
export function colormapLut(name: ColormapName): Uint8Array {
  const lut = new Uint8Array(LUT_SIZE * 3);
  for (let k = 0; k < LUT_SIZE; k++) lut.set(colormap(name, k / (LUT_SIZE - 1)), 3 * k);
  return lut;
}
