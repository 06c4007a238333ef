import { inputError } from "../input-error.js";
import { parseJson } from "./parse-json.js";
import { selectKey } from "../select-key.js";
import type { Tensor } from "../tensor.js";

/**
 * Reads a JSON matrix: an array of rows of numbers (shape [rows, columns]), a flat array of
 * numbers (one neuron: shape [n, 1]), or an object whose `key` member is one of those (without
 * a key, the object's only array member). Decisions: `null` is NaN (pandas writes NaN as
 * null), and the non-JSON literals NaN, Infinity and -Infinity that Python's json writes are
 * accepted. Errors name the JSON path ("$[3][1]", "$.acts") or the line:column of bad syntax.
 */
export function readJsonMatrix(bytes: Uint8Array, source: string, key?: string): Tensor {
  const root = parseJson(bytes, source, "a JSON array of rows");
  let value = root;
  let path = "$";
  if (root !== null && typeof root === "object" && !Array.isArray(root)) {
    const members = Object.keys(root);
    const name = key !== undefined ? selectKey(members, key, source, "member") : selectKey(members.filter((m) => Array.isArray((root as Record<string, unknown>)[m])), undefined, source, "array member");
    value = (root as Record<string, unknown>)[name];
    path = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? `$.${name}` : `$[${JSON.stringify(name)}]`;
  } else if (key !== undefined) {
    throw inputError(source, "$", `key '${key}' given but the top level is ${describe(root)}`, "an object with that member", "E_KEY");
  }
  if (!Array.isArray(value)) throw inputError(source, path, `got ${describe(value)}`, "an array of rows or of numbers", "E_TYPE");
  if (value.length === 0) throw inputError(source, path, "empty array", "at least one row", "E_EMPTY");
  return Array.isArray(value[0]) ? matrix(value, path, source) : column(value, path, source);
}

function matrix(rows: unknown[], path: string, source: string): Tensor {
  const columns = (rows[0] as unknown[]).length;
  if (columns === 0) throw inputError(source, `${path}[0]`, "empty row", "at least one number", "E_EMPTY");
  const data = new Float64Array(rows.length * columns);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const rowPath = `${path}[${i}]`;
    if (!Array.isArray(row)) throw inputError(source, rowPath, `got ${describe(row)}`, `a row array like ${path}[0]`, "E_TYPE");
    if (row.length !== columns) {
      throw inputError(source, rowPath, `row has ${row.length} value${row.length === 1 ? "" : "s"}`, `${columns}, like ${path}[0]`, "E_SHAPE");
    }
    for (let j = 0; j < columns; j++) data[i * columns + j] = toNumber(row[j], rowPath, j, source);
  }
  return { shape: [rows.length, columns], data, dtype: "<f8" };
}

function column(values: unknown[], path: string, source: string): Tensor {
  const data = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) data[i] = toNumber(values[i], path, i, source);
  return { shape: [values.length, 1], data, dtype: "<f8" };
}

function toNumber(value: unknown, path: string, index: number, source: string): number {
  if (typeof value === "number") return value;
  if (value === null) return NaN;
  throw inputError(source, `${path}[${index}]`, `got ${describe(value)}`, "a number", "E_TYPE");
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return `the string ${JSON.stringify(value.length > 20 ? `${value.slice(0, 20)}...` : value)}`;
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}
