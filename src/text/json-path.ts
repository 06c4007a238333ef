/** `["jobs", 2, "range"]` -> `.jobs[2].range`: the steps of a JSON path, after its root. */
export function jsonPathSteps(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("");
}
