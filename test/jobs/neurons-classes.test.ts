import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readLabelSet, repeatLabels, rowClasses, sampleClasses } from "../../src/jobs/neurons-classes.js";

describe("rowClasses(labels, inputs, rows, a, b, source)", () => {
  it("--reduce flatten's rows [a, b) (P per sample) get the classes of the labels repeated P times, in the same order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 2, max: 5 }),
        fc.boolean(),
        fc.nat(),
        fc.nat(),
        (values, per, strings, x, y) => {
          const text = values.map((v) => (strings ? ["cat", "dog", "eel", "fox", "gnu"][v]! : String(v))).join("\n") + "\n";
          const labels = readLabelSet(new TextEncoder().encode(text), "labels.txt");
          const rows = values.length * per;
          const [a, b] = [Math.min(x, y) % (rows + 1), Math.max(x, y) % (rows + 1)].sort((p, q) => p - q) as [number, number];
          const got = rowClasses(labels, values.length, rows, a, b, "acts.npy");
          const expected = sampleClasses(repeatLabels(labels, per), rows, a, b, "acts.npy");
          expect(got.names).toEqual(expected.names);
          expect(Array.from(got.of)).toEqual(Array.from(expected.of));
        },
      ),
    );
  });

  it("one label per row (no reduction) is sampleClasses, with its error for a count that does not match", () => {
    const labels = readLabelSet(new TextEncoder().encode("1\n0\n1\n"), "labels.txt");
    expect(Array.from(rowClasses(labels, 3, 3, 1, 3, "acts.npy").of)).toEqual([0, 1]);
    expect(() => rowClasses(labels, 4, 4, 0, 4, "acts.npy")).toThrow(/^labels.txt: 3 labels for 4 samples of acts.npy \(expected one label per sample\)$/);
  });
});
