import { z } from "zod";
import { stringList } from "./common.js";

/** The options of `actviz layers`: the weights-reading flags of `neurons --weights`, so the listing is what a pass would run. */
export const layersOptionsSchema = z
  .object({
    weights: z.string().min(1),
    json: z.boolean().default(false),
    layers: stringList.pipe(z.array(z.string()).min(1, "no layer names (expected e.g. fc1,fc2)")).optional(),
    bias: z.boolean().default(true),
    // absent: out-in, except for Keras files, whose kernels are always [in, out]
    weightLayout: z.enum(["out-in", "in-out"]).optional(),
  })
  .strict();

export type LayersOptions = z.output<typeof layersOptionsSchema>;
