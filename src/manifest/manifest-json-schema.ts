import { z } from "zod";
import { FIGURE_COMMANDS, schemaKeys } from "./figure-commands.js";
import type { FigureCommand } from "./figure-commands.js";

/**
 * The JSON Schema of a manifest, generated from the commands' own zod schemas (their input
 * side: the strings and JSON values a manifest may hold), so editors complete and check it.
 */
export async function manifestJsonSchema(): Promise<Record<string, unknown>> {
  const figures: Record<string, unknown>[] = [];
  const defaults: Record<string, unknown> = {};
  for (const command of Object.keys(FIGURE_COMMANDS) as FigureCommand[]) {
    const schema = await FIGURE_COMMANDS[command]();
    const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as {
      properties: Record<string, unknown>;
      required?: string[];
    };
    delete (json as { $schema?: string }).$schema;
    for (const key of schemaKeys(schema)) defaults[key] ??= json.properties[key];
    figures.push({
      ...json,
      properties: {
        command: { const: command, description: `runs 'actviz ${command}'` },
        caption: { type: "string", description: "a sentence about the figure, shown under its heading in the gallery (render --gallery)" },
        ...json.properties,
      },
      required: ["command", ...(json.required ?? [])],
    });
  }
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: "actviz render manifest",
    description: "Figures for 'actviz render': each figure is one curve or neurons run; keys are the long flag names in camelCase.",
    type: "object",
    properties: {
      $schema: { type: "string" },
      title: { type: "string", description: "the gallery's title (render --gallery)" },
      defaults: {
        description: "options applied to every figure that does not set them (and whose command has them)",
        type: "object",
        properties: defaults,
        additionalProperties: false,
      },
      figures: { type: "array", minItems: 1, items: { oneOf: figures } },
    },
    required: ["figures"],
    additionalProperties: false,
  };
}
