import { decodeText } from "./decode-text.js";
import { inputError } from "../input-error.js";
import { parseJson } from "./parse-json.js";
import { readNpy } from "../npy/read-npy.js";

/**
 * One label per sample, as a file gives them: integers (class numbers) or strings (class
 * names). `place(i)` names label i as its file shows it ("line 12", "element 11", "[11]").
 */
export type LabelList = ({ kind: "integer"; values: number[] } | { kind: "string"; values: string[] }) & {
  place: (i: number) => string;
};

const EXPECTED = "one label per sample: a 1-D .npy of integers, a JSON array of integers or strings, or text with one label per line";

/**
 * Reads a labels file's bytes: a 1-D `.npy` of integers (or [N, 1]; floats that are whole
 * numbers count), a JSON array of integers or strings (not mixed), or text/CSV with one label
 * per line (integers or strings; "quoted" labels; a first line that is not an integer above
 * integers is a header and skipped; blank lines at the end ignored). InputError (exit 2) for
 * anything else, naming the line or element.
 */
export function readLabels(bytes: Uint8Array, source: string): LabelList {
  if (bytes.length === 0) throw inputError(source, "", "file is empty (0 bytes)", EXPECTED, "E_EMPTY");
  if (bytes[0] === 0x93 && bytes[1] === 0x4e && bytes[2] === 0x55 && bytes[3] === 0x4d && bytes[4] === 0x50 && bytes[5] === 0x59) return npyLabels(bytes, source);
  let first = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (first < bytes.length && [0x20, 0x09, 0x0a, 0x0d].includes(bytes[first]!)) first++;
  if (bytes[first] === 0x5b || bytes[first] === 0x7b) return jsonLabels(bytes, source);
  return textLabels(bytes, source);
}

function npyLabels(bytes: Uint8Array, source: string): LabelList {
  const t = readNpy(bytes, source);
  const flat = t.shape.length === 1 || (t.shape.length === 2 && t.shape[1] === 1);
  if (!flat) throw inputError(source, "", `labels array has shape [${t.shape.join(", ")}]`, "a 1-D array [samples] (or [samples, 1]) of integers", "E_LABELS");
  const place = (i: number) => `element ${i}`;
  const values = new Array<number>(t.data.length);
  for (let i = 0; i < t.data.length; i++) {
    const v = t.data[i]!;
    if (!Number.isSafeInteger(v)) throw inputError(source, place(i), `${v} is not an integer label`, "integer class numbers (dtype int, or whole floats)", "E_LABELS");
    values[i] = v;
  }
  if (values.length === 0) throw inputError(source, "", "no labels (an empty array)", EXPECTED, "E_EMPTY");
  return { kind: "integer", values, place };
}

function jsonLabels(bytes: Uint8Array, source: string): LabelList {
  const doc = parseJson(bytes, source, "a JSON array of labels");
  if (!Array.isArray(doc)) throw inputError(source, "$", "not an array", "a JSON array of integers or strings, one per sample", "E_LABELS");
  if (doc.length === 0) throw inputError(source, "$", "no labels (an empty array)", EXPECTED, "E_EMPTY");
  const place = (i: number) => `[${i}]`;
  const kind = typeof doc[0] === "string" ? "string" : "integer";
  for (let i = 0; i < doc.length; i++) {
    const v: unknown = doc[i];
    const ok = kind === "string" ? typeof v === "string" : typeof v === "number" && Number.isSafeInteger(v);
    if (!ok) {
      const shown = typeof v === "string" ? `'${v}'` : JSON.stringify(v) ?? String(v);
      const what = typeof v === "string" || (typeof v === "number" && Number.isSafeInteger(v)) ? `${shown} mixes ${typeof v === "string" ? "a string" : "an integer"} with ${kind} labels` : `${shown} is neither an integer nor a string`;
      throw inputError(source, place(i), what, `labels all integers or all strings (${kind}s, as [0] is)`, "E_LABELS");
    }
  }
  return kind === "string" ? { kind, values: doc as string[], place } : { kind, values: doc as number[], place };
}

const INTEGER = /^[+-]?\d+$/;

function textLabels(bytes: Uint8Array, source: string): LabelList {
  let text = decodeText(bytes, source, EXPECTED);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (/[\0-\x08\x0e-\x1f]/.test(text)) throw inputError(source, "byte 0", "binary data", EXPECTED, "E_FORMAT");
  const lines = text.split("\n");
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === "") lines.pop();
  if (lines.length === 0) throw inputError(source, "", "no labels (only blank lines)", EXPECTED, "E_EMPTY");
  const raw = lines.map((line, i) => cell(line.trim(), source, `line ${i + 1}`));
  const integers = raw.map((s) => INTEGER.test(s) && Number.isSafeInteger(Number(s)));
  // a header: a first line that is not an integer above lines that all are
  const header = raw.length > 1 && !integers[0] && integers.every((v, i) => i === 0 || v) ? 1 : 0;
  const place = (i: number) => `line ${i + 1 + header}`;
  const labels = raw.slice(header);
  const empty = labels.findIndex((s) => s === "");
  if (empty >= 0) throw inputError(source, place(empty), "empty label", "one label per line (an integer or a name)", "E_LABELS");
  if (integers.every((v, i) => i < header || v)) return { kind: "integer", values: labels.map(Number), place };
  return { kind: "string", values: labels, place };
}

/** A line's label: unquoted ("a ""b""" -> a "b"); a delimiter outside quotes is an error. */
function cell(line: string, source: string, place: string): string {
  if (line.startsWith('"')) {
    const m = /^"((?:[^"]|"")*)"$/.exec(line);
    if (!m) throw inputError(source, place, `${line.slice(0, 40)} is not one quoted label`, 'a label in quotes, "" for a quote inside', "E_LABELS");
    return m[1]!.replace(/""/g, '"');
  }
  const delimiter = /[,\t]/.exec(line);
  if (delimiter) throw inputError(source, place, `'${line.slice(0, 40)}' holds several cells`, "one label per line (quote a label that holds a comma)", "E_LABELS");
  return line;
}
