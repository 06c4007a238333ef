/**
 * A strict parser for the Python literals that appear in a .npy header: dicts, tuples, lists,
 * strings, non-negative or negative integers (with Python 2's `L` suffix), True, False and
 * None. Nothing is evaluated; anything else is a syntax error with its character position.
 */
export type PyValue =
  | string
  | number
  | boolean
  | null
  | { kind: "tuple" | "list"; items: PyValue[] }
  | { kind: "dict"; entries: [PyValue, PyValue][] };

/** A syntax error at character `position` of the literal. */
export class PythonLiteralError extends Error {
  constructor(
    readonly position: number,
    readonly found: string,
    readonly expected: string,
  ) {
    super(`${found} at ${position} (expected ${expected})`);
  }
}

const MAX_DEPTH = 32;

/** Parses one literal filling the whole text (surrounding whitespace allowed). */
export function parsePythonLiteral(text: string): PyValue {
  let pos = 0;
  const skip = (): void => {
    while (pos < text.length && " \t\n\r".includes(text[pos]!)) pos++;
  };
  const describe = (): string => (pos >= text.length ? "end of header" : `'${text[pos]}'`);
  const fail = (expected: string): never => {
    throw new PythonLiteralError(pos, describe(), expected);
  };

  const value = (depth: number): PyValue => {
    if (depth > MAX_DEPTH) fail(`nesting at most ${MAX_DEPTH} deep`);
    skip();
    const c = text[pos];
    if (c === "{") return dict(depth);
    if (c === "(") return sequence("tuple", ")", depth);
    if (c === "[") return sequence("list", "]", depth);
    if (c === "'" || c === '"') return string(c);
    if (c !== undefined && /[-+0-9]/.test(c)) return integer();
    for (const [word, v] of [["True", true], ["False", false], ["None", null]] as const) {
      if (text.startsWith(word, pos) && !/[A-Za-z0-9_]/.test(text[pos + word.length] ?? "")) {
        pos += word.length;
        return v;
      }
    }
    return fail("a dict, tuple, list, string, integer, True, False or None");
  };

  const sequence = (kind: "tuple" | "list", close: string, depth: number): PyValue => {
    pos++;
    const items: PyValue[] = [];
    let sawComma = false;
    for (;;) {
      skip();
      if (text[pos] === close) break;
      items.push(value(depth + 1));
      skip();
      if (text[pos] === ",") {
        pos++;
        sawComma = true;
      } else if (text[pos] === close) break;
      else fail(`',' or '${close}'`);
    }
    pos++;
    // (3) is the integer 3 in Python, not a tuple: only () and (x,) forms make tuples.
    if (kind === "tuple" && items.length === 1 && !sawComma) return items[0]!;
    return { kind, items };
  };

  const dict = (depth: number): PyValue => {
    pos++;
    const entries: [PyValue, PyValue][] = [];
    for (;;) {
      skip();
      if (text[pos] === "}") break;
      const key = value(depth + 1);
      skip();
      if (text[pos] !== ":") fail("':'");
      pos++;
      entries.push([key, value(depth + 1)]);
      skip();
      if (text[pos] === ",") pos++;
      else if (text[pos] === "}") break;
      else fail("',' or '}'");
    }
    pos++;
    return { kind: "dict", entries };
  };

  const string = (quote: string): string => {
    let out = "";
    pos++;
    for (;;) {
      const c = text[pos];
      if (c === undefined || c === "\n") fail(`a closing ${quote}`);
      pos++;
      if (c === quote) return out;
      if (c !== "\\") {
        out += c;
        continue;
      }
      const e = text[pos];
      const escapes: Record<string, string> = { "\\": "\\", "'": "'", '"': '"', n: "\n", t: "\t", r: "\r" };
      if (e === undefined || escapes[e] === undefined) fail("one of the escapes \\\\ \\' \\\" \\n \\t \\r");
      out += escapes[e!];
      pos++;
    }
  };

  const integer = (): number => {
    const match = /^[-+]?[0-9]+L?/.exec(text.slice(pos, pos + 40));
    if (match === null) return fail("an integer");
    const digits = match[0].replace("L", "");
    if (/^[-+]?0[0-9]/.test(digits)) fail("an integer without leading zeros");
    pos += match[0].length;
    if (/[.eEjJxX_]/.test(text[pos] ?? "")) fail("an integer (floats and other numbers are not used in npy headers)");
    return Number(digits);
  };

  const result = value(0);
  skip();
  if (pos !== text.length) fail("end of header");
  return result;
}
