import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { main } from "../../src/cli/main.js";
import { curveOptionsSchema } from "../../src/options/curve.js";
import { neuronsOptionsSchema } from "../../src/options/neurons.js";
import { schemaKeys } from "../../src/manifest/figure-commands.js";
import { capture } from "./capture.js";

async function schema() {
  const c = capture();
  expect(await main(["schema"], c.io)).toBe(0);
  return { text: c.stdout(), json: JSON.parse(c.stdout()) };
}

describe("actviz schema", () => {
  it("the shipped actviz.schema.json is what `actviz schema` prints (regenerate: actviz schema > docs/actviz.schema.json)", async () => {
    expect((await schema()).text).toBe(readFileSync("docs/actviz.schema.json", "utf8"));
    expect(JSON.parse(readFileSync("package.json", "utf8")).files).toContain("docs/actviz.schema.json");
  });

  it("a figure is one of the commands, with exactly its options schema's keys (flag strings and JSON types both allowed)", async () => {
    const { json } = await schema();
    const [curve, neurons] = json.properties.figures.items.oneOf;
    expect(curve.properties.command).toMatchObject({ const: "curve" });
    expect(neurons.properties.command).toMatchObject({ const: "neurons" });
    expect(Object.keys(curve.properties).sort()).toEqual(["caption", "command", ...schemaKeys(curveOptionsSchema)].sort());
    expect(Object.keys(neurons.properties).sort()).toEqual(["caption", "command", ...schemaKeys(neuronsOptionsSchema)].sort());
    expect(curve.additionalProperties).toBe(false);
    expect(curve.required).toEqual(["command", "fn"]);
    expect(neurons.required).toEqual(["command", "input"]);
    // "range": "-5,5" and "range": [-5, 5]
    expect(curve.properties.range.anyOf.map((s: { type: string }) => s.type)).toEqual(["string", "array"]);
  });

  it("defaults may hold any option of any command", async () => {
    const { json } = await schema();
    const keys = new Set([...schemaKeys(curveOptionsSchema), ...schemaKeys(neuronsOptionsSchema)]);
    expect(new Set(Object.keys(json.properties.defaults.properties))).toEqual(keys);
  });
});
