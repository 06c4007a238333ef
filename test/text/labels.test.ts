import { describe, expect, it } from "vitest";
import { displayName, neuronWords, words } from "../../src/text/labels.js";

describe("labels", () => {
  it('words("zh") gives the tutorial\'s wording: "Sigmoid函数", "输入值", "输出值"', () => {
    const w = words("zh");
    expect(w.functionTitle(displayName("sigmoid"))).toBe("Sigmoid函数");
    expect(w.input).toBe("输入值");
    expect(w.output).toBe("输出值");
  });

  it('words("en") titles a chart with the display name and labels its axes Input and Output', () => {
    const w = words("en");
    expect(w.functionTitle(displayName("leaky_relu"))).toBe("Leaky ReLU");
    expect([w.input, w.output]).toEqual(["Input", "Output"]);
  });

  it("displayName(name) title-cases names it does not know", () => {
    expect(displayName("my_new_fn")).toBe("My new fn");
  });

  it("neuronWords(lang) names a neuron with its header name when it has one", () => {
    expect(neuronWords("en").neuron(3, "fc1_3")).toBe("Neuron 3 (fc1_3)");
    expect(neuronWords("zh").neuron(3, null)).toBe("神经元 3");
  });
});
