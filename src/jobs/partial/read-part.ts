import { z } from "zod";
import { InputError } from "../../errors.js";
import { jsonPathSteps } from "../../text/json-path.js";
import { PART_FORMAT, PART_VERSION } from "./part-file.js";
import type { PartFile } from "./part-file.js";

const count = z.number().int().min(0);
const store = z.object({ offset: z.number().int(), counts: z.array(count) }).strict();
const neuron = z
  .object({
    count,
    nonfinite: count,
    mean: z.number().nullable(),
    m2: z.number().min(0).nullable(),
    min: z.number().nullable(),
    max: z.number().nullable(),
    inactive: count,
    saturated: count.nullable(),
    sketch: z.object({ zero: count, positive: store, negative: store }).strict(),
  })
  .strict();

const partSchema = z
  .object({
    format: z.literal(PART_FORMAT),
    version: z.literal(PART_VERSION),
    source: z.string(),
    samples: z.number().int().min(1),
    first_sample: count,
    neurons: z.number().int().min(1),
    names: z.array(z.string().nullable()),
    layer: z
      .object({ number: count, name: z.string(), of: count, function: z.string(), weights: z.string(), dtype: z.enum(["f64", "f32"]), op: z.string().optional() })
      .strict()
      .nullable(),
    statistics: z
      .object({
        activation: z.string().nullable(),
        inactive_threshold: z.number(),
        saturation_eps: z.number(),
        saturation_bounds: z.object({ min: z.number().nullable(), max: z.number().nullable() }).strict().nullable(),
        channels: z.object({ axis: z.number().int(), reduce: z.string() }).strict().nullable(),
      })
      .strict(),
    sketch: z.object({ method: z.literal("ddsketch"), mapping: z.literal("logarithmic"), relative_accuracy: z.number().gt(0).lt(1), gamma: z.number().gt(1), index_offset: z.number().int() }).strict(),
    per_neuron: z.array(neuron),
  })
  .strict();

const EXPECTED = "expected a part written by actviz neurons --partial";

/**
 * A part file's bytes, checked: JSON, a part (`format`), of this version, every field of its
 * type, and its numbers consistent (one entry per neuron, a sketch holding each neuron's count).
 * InputError naming `source` and the JSON path otherwise.
 */
export function readPart(bytes: Uint8Array, source: string): PartFile {
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (err) {
    const why = err instanceof SyntaxError ? `not valid JSON, truncated? (${err.message})` : "not UTF-8 text";
    throw new InputError(`${source}: ${why} (${EXPECTED})`, "E_PART", { cause: err });
  }
  const head = doc as { format?: unknown; version?: unknown } | null;
  if (typeof head !== "object" || head === null || Array.isArray(head) || head.format !== PART_FORMAT) {
    throw new InputError(`${source}: not an actviz part, no "format": "${PART_FORMAT}" (${EXPECTED})`, "E_PART");
  }
  if (head.version !== PART_VERSION) {
    throw new InputError(`${source}: part format version ${JSON.stringify(head.version)} (expected ${PART_VERSION}, the version this actviz reads and writes)`, "E_PART_VERSION");
  }
  const parsed = partSchema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(`${source}: ${jsonPathSteps(issue.path) || "."}: ${issue.message} (${EXPECTED})`, "E_PART", { cause: parsed.error });
  }
  const part = parsed.data as PartFile;
  const bad = (where: string, what: string) => new InputError(`${source}: ${where}: ${what} (${EXPECTED})`, "E_PART");
  if (part.names.length !== part.neurons) throw bad(".names", `${part.names.length} names for ${part.neurons} neurons`);
  if (part.per_neuron.length !== part.neurons) throw bad(".per_neuron", `${part.per_neuron.length} entries for ${part.neurons} neurons`);
  part.per_neuron.forEach((n, j) => {
    const sum = (c: number[]) => c.reduce((s, x) => s + x, 0);
    const held = n.sketch.zero + sum(n.sketch.positive.counts) + sum(n.sketch.negative.counts);
    if (held !== n.count) throw bad(`.per_neuron[${j}].sketch`, `holds ${held} values but count is ${n.count}`);
    if (n.count + n.nonfinite !== part.samples) throw bad(`.per_neuron[${j}]`, `count ${n.count} + nonfinite ${n.nonfinite} is not the part's ${part.samples} samples`);
    if (n.count > 0 && (n.min === null || n.max === null)) throw bad(`.per_neuron[${j}]`, `min or max is null with ${n.count} finite values`);
    if (n.inactive > n.count || (n.saturated ?? 0) > n.count) throw bad(`.per_neuron[${j}]`, "more inactive or saturated values than finite ones");
  });
  return part;
}
