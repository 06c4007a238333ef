import fc from "fast-check";

// Mutated fixture bytes for the fuzz tests (test/io/fuzz.test.ts on the whole-file readers,
// test/io/block-reader-fuzz.test.ts on the block readers): each file picks the kinds of mutation
// it draws.

/** One change to a file's bytes; `at` is taken modulo the length at the time. */
export type Mutation =
  | { op: "flip"; at: number; bit: number }
  | { op: "set"; at: number; byte: number }
  | { op: "insert"; at: number; byte: number }
  | { op: "delete"; at: number }
  | { op: "truncate"; at: number };

const kinds = {
  flip: fc.record({ op: fc.constant("flip" as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  set: fc.record({ op: fc.constant("set" as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  insert: fc.record({ op: fc.constant("insert" as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  delete: fc.record({ op: fc.constant("delete" as const), at: fc.nat() }),
  truncate: fc.record({ op: fc.constant("truncate" as const), at: fc.nat() }),
};

/** A mutation of one of the kinds named, drawn in that order (fc.oneof). */
export function mutationOf(...ops: readonly Mutation["op"][]): fc.Arbitrary<Mutation> {
  return fc.oneof(...ops.map((op): fc.Arbitrary<Mutation> => kinds[op]));
}

/**
 * A copy of `base` with `mutations` applied in turn. `truncateOneIn`: a truncation applies only
 * when its `at` is a multiple of it (8: rarer, so that most runs reach the data past the header).
 */
export function mutate(base: Uint8Array, mutations: readonly Mutation[], { truncateOneIn = 1 } = {}): Uint8Array {
  // typed-array copies, not a JS array: a 200 KB base is mutated 300 times per property
  let bytes = Uint8Array.from(base);
  for (const m of mutations) {
    const at = bytes.length === 0 ? 0 : m.at % bytes.length;
    if (m.op === "flip" && bytes.length > 0) bytes[at]! ^= 1 << m.bit;
    if (m.op === "set" && bytes.length > 0) bytes[at] = m.byte;
    if (m.op === "insert") {
      const grown = new Uint8Array(bytes.length + 1);
      grown.set(bytes.subarray(0, at));
      grown[at] = m.byte;
      grown.set(bytes.subarray(at), at + 1);
      bytes = grown;
    }
    if (m.op === "delete" && bytes.length > 0) {
      const shrunk = new Uint8Array(bytes.length - 1);
      shrunk.set(bytes.subarray(0, at));
      shrunk.set(bytes.subarray(at + 1), at);
      bytes = shrunk;
    }
    if (m.op === "truncate" && m.at % truncateOneIn === 0) bytes = bytes.slice(0, at);
  }
  return bytes;
}
