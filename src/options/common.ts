import { z } from "zod";

/**
 * Schema pieces shared by every subcommand's options. A flag parser and a JSON manifest produce
 * the same raw object; these schemas accept the flag spelling (strings such as "-10,10",
 * "png,svg") and the JSON spelling (arrays and numbers) and give one typed value.
 */

export const IMAGE_FORMATS = ["png", "svg", "pdf"] as const;
export type ImageFormatName = (typeof IMAGE_FORMATS)[number];

/** A finite number, from a number or a numeric string ("1e-3", "-10"). */
export const finiteNumber = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const n = typeof v === "number" ? v : parseNumber(v);
  if (!Number.isFinite(n)) {
    ctx.addIssue({ code: "custom", message: `'${String(v)}' is not a finite number` });
    return z.NEVER;
  }
  return n;
});

/** Parses a decimal or exponent number strictly: no hex, no empty string, no trailing junk. */
export function parseNumber(text: string): number {
  const t = text.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t) && !/^[+-]?(inf|infinity)$/i.test(t)) return NaN;
  if (/inf/i.test(t)) return t.startsWith("-") ? -Infinity : Infinity;
  return Number(t);
}

/** A whole number within [min, max], from a number or a string. */
export function integer(min: number, max: number) {
  return z.union([z.number(), z.string()]).transform((v, ctx) => {
    const n = typeof v === "number" ? v : parseNumber(v);
    if (!Number.isInteger(n) || n < min || n > max) {
      ctx.addIssue({ code: "custom", message: `'${String(v)}' is not a whole number from ${min} to ${max}` });
      return z.NEVER;
    }
    return n;
  });
}

/** A positive number within (0, max], from a number or a string. */
export function positive(max: number) {
  return z.union([z.number(), z.string()]).transform((v, ctx) => {
    const n = typeof v === "number" ? v : parseNumber(v);
    if (!(n > 0 && n <= max)) {
      ctx.addIssue({ code: "custom", message: `'${String(v)}' is not a number above 0 and at most ${max}` });
      return z.NEVER;
    }
    return n;
  });
}

/** A list given as "a,b,c", as repeated flags (["a", "b,c"]) or as a JSON array. */
/** A percentage, 0 to 100 (`--fail-on-dead`). */
export const percent = finiteNumber.pipe(z.number().min(0, "expected a percentage from 0 to 100").max(100, "expected a percentage from 0 to 100"));

export const stringList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) =>
    (Array.isArray(v) ? v : [v])
      .flatMap((s) => s.split(","))
      .map((s) => s.trim())
      .filter((s) => s.length > 0),
  );

/** Options every image-producing subcommand shares. */
export const styleFields = {
  width: integer(64, 10_000).default(800),
  height: integer(64, 10_000).default(500),
  scale: positive(8).default(1),
  theme: z.enum(["light", "dark"]).default("light"),
  lang: z.enum(["en", "zh"]).default("en"),
  font: z.string().min(1).optional(),
  title: z.string().optional(),
  xLabel: z.string().optional(),
  yLabel: z.string().optional(),
};

export const outputFields = {
  out: z.string().min(1).default("."),
  quiet: z.boolean().default(false),
};

/** `--grid RxC`: small multiples, rows x columns panels per image (at most 400). */
export const grid = z.string().transform((v, ctx) => {
  const m = /^(\d+)x(\d+)$/i.exec(v.trim());
  const rows = m ? Number(m[1]) : 0;
  const cols = m ? Number(m[2]) : 0;
  if (!m || rows < 1 || cols < 1 || rows * cols > 400) {
    ctx.addIssue({ code: "custom", message: `'${v}' is not RxC (expected rows x columns, e.g. 4x4, at most 400 panels)` });
    return z.NEVER;
  }
  return { rows, cols };
});
