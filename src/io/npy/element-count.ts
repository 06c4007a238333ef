import { inputError } from "../input-error.js";

/**
 * The number of elements of `shape` (1 for a 0-d shape), refusing dimensions that are not
 * non-negative safe integers or whose product is not a safe integer.
 */
export function elementCount(shape: readonly number[], source: string, place: string): number {
  let count = 1;
  for (const dim of shape) {
    if (!Number.isSafeInteger(dim) || dim < 0) {
      throw inputError(source, place, `shape (${shape.join(", ")}) has dimension ${dim}`, "non-negative integers", "E_SHAPE");
    }
    count *= dim;
    if (!Number.isSafeInteger(count)) {
      throw inputError(source, place, `shape (${shape.join(", ")}) has more than 2^53 elements`, "a shape that fits in memory", "E_SHAPE");
    }
  }
  return count;
}
