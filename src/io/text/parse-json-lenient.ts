/**
 * A JSON parser that also accepts the literals NaN, Infinity and -Infinity (which Python's
 * json.dumps writes for non-finite floats). It is the slow path: readers try JSON.parse first
 * and come here when it fails, for the extension and for a line:column in the error.
 */
export class JsonSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly found: string,
    readonly expected: string,
  ) {
    super(`${line}:${column}: ${found} (expected ${expected})`);
  }
}

const MAX_DEPTH = 512;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?/y;

export function parseJsonLenient(text: string): unknown {
  let pos = 0;
  const fail = (expected: string): never => {
    const before = text.slice(0, pos);
    const line = before.split("\n").length;
    const column = pos - before.lastIndexOf("\n");
    const found = pos >= text.length ? "end of input" : `'${text[pos]}'`;
    throw new JsonSyntaxError(line, column, found, expected);
  };
  const skip = (): void => {
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 32 || c === 9 || c === 10 || c === 13) pos++;
      else return;
    }
  };
  const literal = (word: string, value: unknown): unknown => {
    if (!text.startsWith(word, pos)) fail("a JSON value");
    pos += word.length;
    return value;
  };

  const value = (depth: number): unknown => {
    if (depth > MAX_DEPTH) fail(`nesting at most ${MAX_DEPTH} deep`);
    skip();
    const c = text[pos];
    if (c === "[") {
      pos++;
      const items: unknown[] = [];
      skip();
      if (text[pos] === "]") {
        pos++;
        return items;
      }
      for (;;) {
        items.push(value(depth + 1));
        skip();
        if (text[pos] === ",") pos++;
        else if (text[pos] === "]") {
          pos++;
          return items;
        } else fail("',' or ']'");
      }
    }
    if (c === "{") {
      pos++;
      const object: Record<string, unknown> = {};
      skip();
      if (text[pos] === "}") {
        pos++;
        return object;
      }
      for (;;) {
        skip();
        if (text[pos] !== '"') fail("a string key");
        const key = string();
        skip();
        if (text[pos] !== ":") fail("':'");
        pos++;
        Object.defineProperty(object, key, { value: value(depth + 1), enumerable: true, writable: true, configurable: true });
        skip();
        if (text[pos] === ",") pos++;
        else if (text[pos] === "}") {
          pos++;
          return object;
        } else fail("',' or '}'");
      }
    }
    if (c === '"') return string();
    if (c === "t") return literal("true", true);
    if (c === "f") return literal("false", false);
    if (c === "n") return literal("null", null);
    if (c === "N") return literal("NaN", NaN);
    if (c === "I") return literal("Infinity", Infinity);
    if (c === "-" && text[pos + 1] === "I") return literal("-Infinity", -Infinity);
    NUMBER.lastIndex = pos;
    const match = NUMBER.exec(text);
    if (match === null) return fail("a JSON value");
    pos += match[0].length;
    return Number(match[0]);
  };

  const string = (): string => {
    const start = pos;
    pos++;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (Number.isNaN(c) || c < 0x20) fail("a closing '\"'");
      if (c === 0x22) break;
      pos += c === 0x5c ? 2 : 1;
    }
    pos++;
    try {
      return JSON.parse(text.slice(start, pos)) as string;
    } catch {
      pos = start;
      return fail("a string with valid escapes");
    }
  };

  const result = value(0);
  skip();
  if (pos < text.length) fail("end of input");
  return result;
}
