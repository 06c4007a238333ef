/**
 * The Python values a restricted unpickle builds. Lists are JS arrays; ints are numbers, or
 * bigints beyond 2^53; str is string; bytes is Uint8Array; None is null. Nothing here holds code.
 */
export class PyTuple {
  constructor(readonly items: readonly unknown[]) {}
}

/** A dict (or OrderedDict): a Map, so a key such as "__proto__" is only a key. */
export class PyDict {
  readonly map = new Map<unknown, unknown>();
}

export class PySet {
  readonly items: unknown[] = [];
}

/** An allow-listed global: `call` builds a value from the arguments (our code; nothing of the file's is run). */
export class PyCallable {
  constructor(
    readonly qualname: string,
    readonly call: (args: readonly unknown[], at: number) => unknown,
  ) {}
}

/** A global that is not on the allow-list: an error once the pickle uses it. */
export class RefusedGlobal {
  constructor(
    readonly qualname: string,
    readonly at: number,
  ) {}
}

/** `text` safe for a one-line message: control characters escaped, at most `max` characters. */
export function printable(text: string, max = 80): string {
  const safe = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
  return safe.length > max ? `${safe.slice(0, max)}...` : safe;
}

/** A short description of a value's type, for messages ("a tuple", "the int 3"). */
export function describe(value: unknown): string {
  if (value === null) return "None";
  if (typeof value === "number" || typeof value === "bigint") return `the number ${value}`;
  if (typeof value === "string") return `the string '${printable(value, 40)}'`;
  if (typeof value === "boolean") return value ? "True" : "False";
  if (Array.isArray(value)) return "a list";
  if (value instanceof PyTuple) return `a tuple of ${value.items.length}`;
  if (value instanceof PyDict) return "a dict";
  if (value instanceof PySet) return "a set";
  if (value instanceof Uint8Array) return "bytes";
  if (value instanceof PyCallable) return value.qualname;
  if (value instanceof RefusedGlobal) return value.qualname;
  return "an object";
}
