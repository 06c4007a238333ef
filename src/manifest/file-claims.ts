import { DIGITS } from "../jobs/neurons-names.js";
import { patternsOverlap } from "./path-pattern.js";

/** A pattern as people read it: `figs/neuron-<n>.png`. */
export function shownPattern(claim: string): string {
  return claim.split(DIGITS).join("<n>");
}

/**
 * The files a manifest's figures may write, each claimed by one figure: exact paths (found by
 * name) and patterns (DIGITS for a run of digits, searched), so that two figures that may write
 * one file are found before any data is read.
 */
export class FileClaims {
  private readonly exact = new Map<string, string>();
  private readonly patterns: { claim: string; at: string }[] = [];

  /** The first figure that may write a file `claim` matches, if any. */
  owner(claim: string): { claim: string; at: string } | undefined {
    if (!claim.includes(DIGITS)) {
      const at = this.exact.get(claim);
      if (at !== undefined) return { claim, at };
      return this.patterns.find((p) => patternsOverlap(p.claim, claim));
    }
    for (const [path, at] of this.exact) if (patternsOverlap(claim, path)) return { claim: path, at };
    return this.patterns.find((p) => patternsOverlap(p.claim, claim));
  }

  add(claim: string, at: string): void {
    if (claim.includes(DIGITS)) this.patterns.push({ claim, at });
    else this.exact.set(claim, at);
  }
}
