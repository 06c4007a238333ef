import { describe, expect, it } from "vitest";
import { ChartJs } from "../../src/render/engine/chart-js.js";

// What our charts use is registered (the goldens show it draws as chart.js/auto did); what they
// do not use stays out of the bundle.
describe("ChartJs", () => {
  it("ChartJs knows the line and scatter controllers, the category, linear and logarithmic scales and the title, subtitle and legend plugins", () => {
    for (const id of ["line", "scatter"]) expect(ChartJs.registry.getController(id)).toBeDefined();
    for (const id of ["category", "linear", "logarithmic"]) expect(ChartJs.registry.getScale(id)).toBeDefined();
    for (const id of ["title", "subtitle", "legend", "tooltip", "filler", "decimation", "colors"]) expect(ChartJs.registry.getPlugin(id)).toBeDefined();
  });

  it("ChartJs has no bar, pie or radar controller, nor a time scale", () => {
    for (const id of ["bar", "pie", "radar"]) expect(() => ChartJs.registry.getController(id)).toThrow(/not a registered controller/);
    expect(() => ChartJs.registry.getScale("time")).toThrow(/not a registered scale/);
  });
});
