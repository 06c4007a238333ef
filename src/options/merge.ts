import { z } from "zod";
import { IMAGE_FORMATS, outputFields, percent, stringList, styleFields } from "./common.js";

/** The options of `actviz merge`: part files in, the report and the summary of all their samples out. */
export const mergeOptionsSchema = z
  .object({
    parts: z.array(z.string().min(1)).min(1, "no parts (expected one or more files written by actviz neurons --partial)"),
    stats: z.string().min(1).optional(),
    // summary, or none (the default): the report and the summary lines only
    plot: stringList.pipe(z.array(z.enum(["summary", "none"])).min(1)).default(["none"]),
    failOnDead: percent.optional(),
    format: stringList.pipe(z.array(z.enum(IMAGE_FORMATS)).min(1)).default(["png"]),
    ...styleFields,
    ...outputFields,
  })
  .strict()
  .superRefine((o, ctx) => {
    if (o.plot.includes("none") && o.plot.length > 1) {
      ctx.addIssue({ code: "custom", path: ["plot"], message: `'${o.plot.join(",")}' mixes none with plots (expected none alone, or summary)` });
    }
    if (o.out === "-" && o.stats === "-" && o.plot.includes("summary")) {
      ctx.addIssue({ code: "custom", path: ["stats"], message: "--stats - and --out - both write to stdout (expected at most one of them on stdout)" });
    }
  })
  .transform((o) => ({ ...o, plot: o.plot.includes("summary") ? (["summary"] as const) : ([] as const), format: [...new Set(o.format)] }));

export type MergeOptions = z.output<typeof mergeOptionsSchema>;
