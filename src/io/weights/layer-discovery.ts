import { inputError } from "../input-error.js";

/** Compares "layers.10" and "layers.9" by their numbers: natural sort order. */
export function naturalCompare(a: string, b: string): number {
  const pa = a.split(/(\d+)/);
  const pb = b.split(/(\d+)/);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (x === y) continue;
    if (i % 2 === 1) return Number(x) - Number(y) || x.length - y.length;
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

/** A dense layer found among the tensor names: its prefix and whether a `<prefix>.bias` exists. */
export interface FoundLayer {
  name: string;
  hasBias: boolean;
}

/**
 * The dense layers among a weights file's tensor names, in run order: every prefix with a
 * `<prefix>.weight`, natural sort, or `layers` (`--layers`) as given. InputError (E_KEY) for a
 * `--layers` name without a weight, or for names with no `.weight` at all. Shared by
 * readWeights and `actviz layers`, so the listing shows exactly the layers a forward pass runs.
 */
export function discoverLayers(names: readonly string[], source: string, layers?: readonly string[]): FoundLayer[] {
  const present = new Set(names);
  const prefixes = names.filter((n) => n.endsWith(".weight")).map((n) => n.slice(0, -".weight".length));
  let order: string[];
  if (layers) {
    for (const p of layers) {
      if (!present.has(`${p}.weight`)) {
        throw inputError(source, `--layers: ${p}.weight`, "not found", prefixes.length ? `one of ${prefixes.map((q) => `${q}.weight`).join(", ")}` : "tensors named <layer>.weight", "E_KEY");
      }
    }
    order = [...layers];
  } else {
    order = [...prefixes].sort(naturalCompare);
  }
  if (order.length === 0) {
    throw inputError(source, "", `no tensor named <layer>.weight among ${names.length} (${names.slice(0, 5).join(", ")}${names.length > 5 ? ", ..." : ""})`, "PyTorch names such as fc1.weight, fc1.bias", "E_KEY");
  }
  return order.map((name) => ({ name, hasBias: present.has(`${name}.bias`) }));
}

/** A tensor no layer uses, and why. */
export interface IgnoredTensor {
  name: string;
  why: string;
}

/**
 * The tensors a forward pass over `layers` does not read, in the file's order: names that are
 * not `<prefix>.weight` or `<prefix>.bias`, a bias without a weight, and layers `--layers` leaves out.
 */
export function ignoredTensors(names: readonly string[], layers: readonly FoundLayer[]): IgnoredTensor[] {
  const used = new Set(layers.flatMap((l) => [`${l.name}.weight`, `${l.name}.bias`]));
  const weights = new Set(names.filter((n) => n.endsWith(".weight")));
  const ignored: IgnoredTensor[] = [];
  for (const name of names) {
    if (used.has(name)) continue;
    let why: string;
    if (name.endsWith(".weight")) why = "not in --layers";
    else if (name.endsWith(".bias")) why = weights.has(`${name.slice(0, -".bias".length)}.weight`) ? "not in --layers" : `no ${name.slice(0, -".bias".length)}.weight beside it`;
    else why = "not a <layer>.weight or <layer>.bias";
    ignored.push({ name, why });
  }
  return ignored;
}
