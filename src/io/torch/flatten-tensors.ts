import { inputError } from "../input-error.js";
import { PyDict, PyTuple, describe } from "./python-values.js";
import { TorchTensor } from "./torch-objects.js";

/** Nesting deeper than this is refused rather than recursed into. */
const MAX_DEPTH = 100;

/**
 * The tensors of an unpickled object by dotted name: dict keys and list or tuple indices joined
 * with "." (a training checkpoint's `model_state_dict.fc1.weight`, `optimizer_state_dict.state.0.exp_avg`);
 * a lone tensor is named "". Numbers, strings and other leaves are left out.
 */
export function flattenTensors(value: unknown, source: string): Map<string, TorchTensor> {
  const out = new Map<string, TorchTensor>();
  const path = new Set<unknown>();
  const walk = (v: unknown, name: string, depth: number): void => {
    if (v instanceof TorchTensor) {
      if (out.has(name)) throw inputError(source, `tensor '${name}'`, "two tensors have this dotted name", "unique names", "E_KEY");
      out.set(name, v);
      return;
    }
    const children = v instanceof PyDict ? [...v.map].map(([k, c]) => [keyName(k), c] as const)
      : Array.isArray(v) || v instanceof PyTuple ? (Array.isArray(v) ? v : v.items).map((c, i) => [String(i), c] as const)
        : undefined;
    if (children === undefined) return;
    if (depth >= MAX_DEPTH) throw inputError(source, name, `containers nest more than ${MAX_DEPTH} deep`, "a state dict or checkpoint", "E_PICKLE");
    if (path.has(v)) throw inputError(source, name, "a container holds itself", "a tree of containers", "E_PICKLE");
    path.add(v);
    for (const [k, c] of children) walk(c, name === "" ? k : `${name}.${k}`, depth + 1);
    path.delete(v);
  };
  walk(value, "", 0);
  return out;
}

function keyName(k: unknown): string {
  if (typeof k === "string") return k;
  if (typeof k === "number" || typeof k === "bigint") return String(k);
  if (typeof k === "boolean") return k ? "True" : "False";
  if (k === null) return "None";
  if (k instanceof PyTuple) return `(${k.items.map(keyName).join(", ")})`;
  return `<${describe(k)}>`;
}
