/** A rectangle in CSS pixels. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** From this many CSS px per map pixel on, the pixel size is rounded down to a whole number. */
export const SNAP_FROM = 3;

/** Where each feature map of a grid goes: its image box and the band above it for its label. */
export interface MapsLayout {
  rows: number;
  cols: number;
  /** CSS px per map pixel: a whole number from SNAP_FROM on, so every map pixel is the same size. */
  pixel: number;
  /** The map images, in order, row by row. */
  maps: Box[];
  /** The label bands, one above each map, as wide as its map. */
  labels: Box[];
}

/**
 * The grid that shows `count` maps of mapWidth x mapHeight pixels largest in `area`, aspect
 * kept: every column count is tried and the one giving the largest map pixel wins (fewer
 * columns on a tie). Each cell holds a label band of `labelHeight` over its map; cells are
 * `gap` apart and the grid is centred in the area. Maps enlarged SNAP_FROM times or more get a
 * whole number of CSS px per map pixel (crisp, equal pixels, at most a third smaller); others
 * keep the exact fit (maps larger than their cell are shrunk to fit).
 * RangeError for a count or map size that is not a positive integer.
 */
export function mapsLayout(count: number, mapWidth: number, mapHeight: number, area: Box, labelHeight: number, gap: number): MapsLayout {
  for (const [name, v] of [["count", count], ["map width", mapWidth], ["map height", mapHeight]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be a positive integer (got ${v})`);
  }
  let best = { cols: 1, rows: count, pixel: -Infinity };
  for (let cols = 1; cols <= count; cols++) {
    const rows = Math.ceil(count / cols);
    const cellWidth = (area.width - (cols - 1) * gap) / cols;
    const cellHeight = (area.height - (rows - 1) * gap) / rows - labelHeight;
    const pixel = Math.min(cellWidth / mapWidth, cellHeight / mapHeight);
    if (pixel > best.pixel) best = { cols, rows, pixel };
  }
  const { cols, rows } = best;
  const pixel = Math.max(0, best.pixel >= SNAP_FROM ? Math.floor(best.pixel) : best.pixel);
  const width = mapWidth * pixel;
  const height = mapHeight * pixel;
  // the slack shared out to centre the grid: never negative (an exact fit can round to -1e-13)
  const left = area.x + Math.max(0, Math.floor((area.width - (cols * width + (cols - 1) * gap)) / 2));
  const top = area.y + Math.max(0, Math.floor((area.height - (rows * (height + labelHeight) + (rows - 1) * gap)) / 2));
  const maps: Box[] = [];
  const labels: Box[] = [];
  for (let k = 0; k < count; k++) {
    const x = left + (k % cols) * (width + gap);
    const y = top + Math.floor(k / cols) * (height + labelHeight + gap);
    labels.push({ x, y, width, height: labelHeight });
    maps.push({ x, y: y + labelHeight, width, height });
  }
  return { rows, cols, pixel, maps, labels };
}
