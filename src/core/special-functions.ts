import { createRequire } from "node:module";

/**
 * erf and erfc of @stdlib (FreeBSD msun's algorithms: full double precision, unlike the common
 * 1e-7 approximations), loaded on first use. Their ~140 small modules cost ~40 ms to load,
 * which `actviz list` and `actviz --help` should not pay for functions they never evaluate.
 */
const require = createRequire(import.meta.url);
type Unary = (x: number) => number;
let erfImpl: Unary | undefined;
let erfcImpl: Unary | undefined;

export function erf(x: number): number {
  return (erfImpl ??= require("@stdlib/math-base-special-erf") as Unary)(x);
}

export function erfc(x: number): number {
  return (erfcImpl ??= require("@stdlib/math-base-special-erfc") as Unary)(x);
}
