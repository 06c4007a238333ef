const DECIMAL = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

const SPECIAL: Record<string, number> = {
  nan: NaN, "+nan": NaN, "-nan": NaN,
  inf: Infinity, "+inf": Infinity, infinity: Infinity, "+infinity": Infinity,
  "-inf": -Infinity, "-infinity": -Infinity,
};

/**
 * The number a text cell spells: a decimal such as "1", "-2.5", ".5", "1e-3", or (any case)
 * nan, inf, -inf, infinity as numpy and pandas write them. Anything else, the empty cell, hex
 * and padding included, is undefined.
 */
export function parseNumberCell(cell: string): number | undefined {
  if (DECIMAL.test(cell)) return Number(cell);
  return cell.length <= 9 ? SPECIAL[cell.toLowerCase()] : undefined;
}
