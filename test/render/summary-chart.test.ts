import { describe, expect, it } from "vitest";
import type { BoxStats } from "../../src/core/quantiles.js";
import { DEAD_COLOR, labelStride, summaryChart } from "../../src/render/charts/summary-chart.js";
import type { SummaryItem } from "../../src/render/charts/summary-chart.js";
import { themes } from "../../src/render/charts/theme.js";

const style = { theme: "light" as const, fontFamily: "TestSans", width: 800, height: 500 };
const text = { title: "per neuron", xLabel: "neuron", yLabel: "activation" };
const box = (lo: number, hi: number): BoxStats => ({ min: lo, whiskerLow: lo, q1: lo + (hi - lo) / 4, median: (lo + hi) / 2, q3: lo + (3 * (hi - lo)) / 4, whiskerHigh: hi, max: hi });
const zero: BoxStats = { min: 0, whiskerLow: 0, q1: 0, median: 0, q3: 0, whiskerHigh: 0, max: 0 };
const items: SummaryItem[] = [
  { label: "0", box: box(0, 4), dead: false },
  { label: "1", box: zero, dead: true },
  { label: "2", box: { ...box(-1, 2), min: -3, max: 5 }, dead: false },
];
type Callback = (value: number, index: number) => string;

describe("summaryChart(items, text, style)", () => {
  it("summaryChart(...) returns a fresh config each call and does not modify the items", () => {
    const copy = structuredClone(items);
    const a = summaryChart(items, text, style);
    const b = summaryChart(items, text, style);
    expect(a).not.toBe(b);
    expect(a.options!.plugins!.actvizBoxPlot!.boxes).not.toBe(b.options!.plugins!.actvizBoxPlot!.boxes);
    expect(items).toEqual(copy);
  });

  it("summaryChart(items) puts the labels on a category axis and one box per item in the plugin, no datasets", () => {
    const c = summaryChart(items, text, style);
    expect(c.data.labels).toEqual(["0", "1", "2"]);
    expect(c.data.datasets).toHaveLength(0);
    expect(c.options!.scales!.x).toMatchObject({ type: "category", offset: true });
    const boxes = c.options!.plugins!.actvizBoxPlot!.boxes;
    expect(boxes).toHaveLength(3);
    expect(boxes![2]).toEqual({ ...items[2]!.box, dead: false });
  });

  it("summaryChart(items with a dead neuron) marks it by its box and cross alone, the tick labels all alike, and a 'dead' legend entry", () => {
    const c = summaryChart(items, text, style);
    expect(c.options!.plugins!.actvizBoxPlot!.boxes!.map((b) => b!.dead)).toEqual([false, true, false]);
    expect(c.options!.plugins!.actvizBoxPlot!.deadMark).toBe(DEAD_COLOR.light);
    expect(c.options!.scales!.x!.ticks!.color).toBe(themes.light.text);
    const legend = c.options!.plugins!.legend!;
    expect(legend.display).toBe(true);
    expect((legend.labels!.generateLabels as () => { text: string }[])().map((i) => i.text)).toEqual(["dead"]);
  });

  it("summaryChart(items, {note}) draws the note as the line under the title; without one there is no subtitle at all", () => {
    const c = summaryChart(items, { ...text, note: "quartiles from sketches ±1 %" }, style);
    expect(c.options!.plugins!.subtitle).toMatchObject({ display: true, text: "quartiles from sketches ±1 %" });
    expect("subtitle" in summaryChart(items, text, style).options!.plugins!).toBe(false);
  });

  it("summaryChart(no dead neuron) shows no legend", () => {
    expect(summaryChart([items[0]!, items[2]!], text, style).options!.plugins!.legend!.display).toBe(false);
  });

  it("summaryChart(items) y range covers every min and max with headroom (and room for the dead crosses)", () => {
    const y = summaryChart(items, text, style).options!.scales!.y!;
    expect(y.min).toBeLessThan(-3);
    expect(y.max).toBeGreaterThan(5);
  });

  it("summaryChart(..., {yRange}) uses the shared y range exactly", () => {
    expect(summaryChart(items, text, style, { yRange: { min: -1, max: 1 } }).options!.scales!.y).toMatchObject({ min: -1, max: 1 });
  });

  it("summaryChart(12 neurons) labels every neuron; summaryChart(300 neurons) every k-th from 0", () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ label: String(i), box: box(0, 1), dead: false }));
    const labelsOf = (n: number) => {
      const cb = summaryChart(many(n), text, style).options!.scales!.x!.ticks!.callback as unknown as Callback;
      return Array.from({ length: n }, (_, i) => cb(i, i));
    };
    expect(labelsOf(12)).toEqual(many(12).map((it) => it.label));
    const shown = labelsOf(300).filter((l) => l !== "");
    expect(shown.length).toBeGreaterThan(5);
    expect(shown.length).toBeLessThanOrEqual(60);
    const k = Number(shown[1]);
    expect(shown).toEqual(Array.from({ length: shown.length }, (_, i) => String(i * k)));
  });

  it("labelStride(count, chars, width, size) is 1, 2, 5, 10, ... and the shown labels fit the width", () => {
    expect(labelStride(10, 2, 700, 12)).toBe(1);
    for (const n of [61, 200, 1024, 60000]) {
      const k = labelStride(n, String(n).length, 700, 12);
      expect([1, 2, 5].includes(k / 10 ** Math.floor(Math.log10(k)))).toBe(true);
      expect(Math.ceil(n / k) * (String(n).length * 0.62 + 1.2) * 12).toBeLessThanOrEqual(700);
    }
  });
});
