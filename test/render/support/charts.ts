// Sample charts for the render tests. Data is computed here, not taken from src/core.
import type { CurveChartConfig, CurveSeries } from "../../../src/render/charts/curve-chart.js";
import { curveChart } from "../../../src/render/charts/curve-chart.js";
import type { ThemeName } from "../../../src/render/charts/theme.js";

export function grid(from: number, to: number, n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => from + ((to - from) * i) / (n - 1));
}

export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
export const sigmoidPrime = (x: number): number => sigmoid(x) * (1 - sigmoid(x));
export const tanhPrime = (x: number): number => 1 - Math.tanh(x) ** 2;

/** A function and its dashed derivative in one colour. */
export function withDerivative(label: string, x: Float64Array, f: (x: number) => number, df: (x: number) => number): CurveSeries[] {
  return [
    { label, x, y: Float64Array.from(x, f), dashed: false, colorIndex: 0 },
    { label: `${label}′`, x, y: Float64Array.from(x, df), dashed: true, colorIndex: 0 },
  ];
}

/** Sigmoid with its derivative and saturation bands, Chinese title and axis labels. */
export function sigmoidChart(fontFamily: string, width = 480, height = 300, theme: ThemeName = "light"): CurveChartConfig {
  const x = grid(-6, 6, 241);
  return curveChart(
    withDerivative("sigmoid", x, sigmoid, sigmoidPrime),
    [{ from: -6, to: -3.9 }, { from: 3.9, to: 6 }],
    { title: "Sigmoid函数", xLabel: "输入值", yLabel: "输出值", bandLabel: "|f′| < 0.05" },
    { theme, fontFamily, width, height },
  );
}

/** tanh with its derivative, dark theme, no bands. */
export function tanhChart(fontFamily: string, width = 480, height = 300): CurveChartConfig {
  const x = grid(-4, 4, 161);
  return curveChart(withDerivative("tanh", x, Math.tanh, tanhPrime), [], { title: "tanh", xLabel: "x", yLabel: "tanh(x)" }, { theme: "dark", fontFamily, width, height });
}

/** ReLU alone on [-10, 10]: one series, no legend. */
export function reluChart(fontFamily: string, width = 480, height = 300): CurveChartConfig {
  const x = grid(-10, 10, 201);
  const series = [{ label: "relu", x, y: Float64Array.from(x, (v) => Math.max(0, v)), dashed: false, colorIndex: 0 }];
  return curveChart(series, [], { title: "ReLU", xLabel: "x", yLabel: "relu(x)" }, { theme: "light", fontFamily, width, height });
}

/** x² dashed over [-25, 24] with a band, dark theme: a chart unlike reluChart in every layer. */
export function bandsDarkChart(fontFamily: string, width = 333, height = 222): CurveChartConfig {
  const x = Float64Array.from({ length: 50 }, (_, i) => i - 25);
  return curveChart([{ label: "b", x, y: x.map((v) => v * v), dashed: true, colorIndex: 2 }], [{ from: -3, to: 3 }], { title: "B", xLabel: "x", yLabel: "y", bandLabel: "band" }, { theme: "dark", fontFamily, width, height });
}
