import { describe, expect, it } from "vitest";
import { jsonPathSteps } from "../../src/text/json-path.js";

describe("jsonPathSteps(path)", () => {
  it('jsonPathSteps(["jobs", 2, "range"]) is ".jobs[2].range": names after a dot, indices in brackets', () => {
    expect(jsonPathSteps(["jobs", 2, "range"])).toBe(".jobs[2].range");
  });
  it("jsonPathSteps([]) is empty: the root itself", () => {
    expect(jsonPathSteps([])).toBe("");
  });
  it("jsonPathSteps([0, 1]) is \"[0][1]\": nested arrays", () => {
    expect(jsonPathSteps([0, 1])).toBe("[0][1]");
  });
});
