/**
 * erf and erfc of @stdlib (FreeBSD msun's algorithms: full double precision, unlike the common
 * 1e-7 approximations), from each package's own single-file build (dist/index.js, 3 kB): the
 * same functions as the packages' main entries (bit for bit on 3.2 million inputs, random bit
 * patterns and the special values), which load ~140 small modules (~40 ms, paid by the first
 * curve that uses erf: gelu and its kin). One file each, bundled with the CLI.
 */
import erfImpl from "@stdlib/math-base-special-erf/dist/index.js";
import erfcImpl from "@stdlib/math-base-special-erfc/dist/index.js";

export function erf(x: number): number {
  return erfImpl(x);
}

export function erfc(x: number): number {
  return erfcImpl(x);
}
