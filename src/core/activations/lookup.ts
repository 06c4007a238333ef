/** Finding an activation by name or alias, and suggesting one for a misspelt name. */
import { activations } from "./catalogue.js";
import { editDistance } from "./edit-distance.js";
import type { Activation } from "./types.js";

/** Lower case, '-' and ' ' read as '_', surrounding space dropped. */
function normalize(name: string): string {
  return name.trim().toLowerCase().replace(/[- ]/g, "_");
}

const byName = new Map<string, Activation>();
for (const act of activations) {
  for (const key of [act.name, ...act.aliases]) {
    if (byName.has(key)) throw new Error(`duplicate activation name '${key}'`); // a catalogue bug
    byName.set(key, act);
  }
}

/** The activation with this canonical name or alias (case-insensitive, '-' same as '_'). */
export function findActivation(name: string): Activation | undefined {
  return byName.get(normalize(name));
}

/**
 * The canonical name or alias nearest to `name` by edit distance, for "did you mean ...?";
 * undefined when nothing is within max(1, ⌊length/3⌋) edits. Ties go to the earlier
 * catalogue entry, canonical names before aliases.
 */
export function suggestActivation(name: string): string | undefined {
  const wanted = normalize(name);
  if (wanted === "") return undefined;
  const limit = Math.max(1, Math.floor(wanted.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const key of byName.keys()) {
    const d = editDistance(wanted, key);
    if (d < bestDistance) {
      best = key;
      bestDistance = d;
    }
  }
  return best;
}
