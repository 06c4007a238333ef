// The three tiny Chart.js plugins, driven with a stand-in chart that records drawing calls.
import type { Chart } from "chart.js";
import { describe, expect, it } from "vitest";
import { backgroundPlugin } from "../../src/render/plugins/background-plugin.js";
import { bandsPlugin } from "../../src/render/plugins/bands-plugin.js";
import { zeroLinesPlugin } from "../../src/render/plugins/zero-lines-plugin.js";

/** A chart whose x runs -6..6 over pixels 100..700 and y -1..1 over 400..100 (up). */
function fakeChart(ratio = 1) {
  const calls: string[] = [];
  const rec = (name: string) => (...args: unknown[]) => void calls.push(`${name}(${args.join(",")})`);
  const ctx = {
    save: rec("save"), restore: rec("restore"), fillRect: rec("fillRect"), beginPath: rec("beginPath"),
    moveTo: rec("moveTo"), lineTo: rec("lineTo"), stroke: rec("stroke"),
    set fillStyle(v: string) { calls.push(`fillStyle=${v}`); },
    set strokeStyle(v: string) { calls.push(`strokeStyle=${v}`); },
    set lineWidth(v: number) { calls.push(`lineWidth=${v}`); },
  };
  const linear = (min: number, max: number, p0: number, p1: number) => ({ min, max, getPixelForValue: (v: number) => p0 + ((v - min) / (max - min)) * (p1 - p0) });
  const chart = {
    ctx, width: 800, height: 500, currentDevicePixelRatio: ratio,
    chartArea: { left: 100, right: 700, top: 100, bottom: 400 },
    scales: { x: linear(-6, 6, 100, 700), y: linear(-1, 1, 400, 100) },
  } as unknown as Chart;
  return { chart, calls };
}
const none = { cancelable: false } as never;

describe("backgroundPlugin", () => {
  it("backgroundPlugin.beforeDraw fills the whole chart, not just the chart area", () => {
    const { chart, calls } = fakeChart();
    backgroundPlugin.beforeDraw!(chart, none, { color: "#123456" });
    expect(calls).toEqual(["save()", "fillStyle=#123456", "fillRect(0,0,800,500)", "restore()"]);
  });

  it("backgroundPlugin.beforeDraw without a colour paints nothing", () => {
    const { chart, calls } = fakeChart();
    backgroundPlugin.beforeDraw!(chart, none, {});
    expect(calls).toEqual([]);
  });
});

describe("bandsPlugin", () => {
  it("bandsPlugin.beforeDatasetsDraw shades each band over the full chart-area height", () => {
    const { chart, calls } = fakeChart();
    bandsPlugin.beforeDatasetsDraw!(chart, none, { bands: [{ from: -6, to: -3 }, { from: 3, to: 6 }], color: "rgba(0,0,0,0.1)" });
    expect(calls).toEqual(["save()", "fillStyle=rgba(0,0,0,0.1)", "fillRect(100,100,150,300)", "fillRect(550,100,150,300)", "restore()"]);
  });

  it("bandsPlugin clips bands to the chart area and reaches the edge for infinite ends", () => {
    const { chart, calls } = fakeChart();
    bandsPlugin.beforeDatasetsDraw!(chart, none, { bands: [{ from: -Infinity, to: -3 }, { from: 3, to: 60 }], color: "c" });
    expect(calls.filter((c) => c.startsWith("fillRect"))).toEqual(["fillRect(100,100,150,300)", "fillRect(550,100,150,300)"]);
  });

  it("bandsPlugin accepts a band given backwards and skips empty, NaN and out-of-range bands", () => {
    const { chart, calls } = fakeChart();
    const bands = [{ from: 0, to: -3 }, { from: 1, to: 1 }, { from: NaN, to: 2 }, { from: 7, to: 9 }];
    bandsPlugin.beforeDatasetsDraw!(chart, none, { bands, color: "c" });
    expect(calls.filter((c) => c.startsWith("fillRect"))).toEqual(["fillRect(250,100,150,300)"]);
  });
});

describe("zeroLinesPlugin", () => {
  it("zeroLinesPlugin draws x = 0 and y = 0 across the chart area on half pixels", () => {
    const { chart, calls } = fakeChart();
    zeroLinesPlugin.beforeDatasetsDraw!(chart, none, { color: "#666", width: 1 });
    expect(calls).toEqual(["save()", "strokeStyle=#666", "lineWidth=1", "beginPath()", "moveTo(400.5,100)", "lineTo(400.5,400)", "moveTo(100,250.5)", "lineTo(700,250.5)", "stroke()", "restore()"]);
  });

  it("zeroLinesPlugin at device pixel ratio 2 puts a 1 px line on whole pixels (two device pixels)", () => {
    const { chart, calls } = fakeChart(2);
    zeroLinesPlugin.beforeDatasetsDraw!(chart, none, { color: "#666", width: 1 });
    expect(calls.filter((c) => c.startsWith("moveTo"))).toEqual(["moveTo(400,100)", "moveTo(100,250)"]);
  });

  it("zeroLinesPlugin skips a zero that is not strictly inside an axis range", () => {
    const { chart, calls } = fakeChart();
    (chart.scales.y as { min: number }).min = 0;
    zeroLinesPlugin.beforeDatasetsDraw!(chart, none, { color: "#666", width: 1 });
    expect(calls.filter((c) => c.startsWith("moveTo"))).toEqual(["moveTo(400.5,100)"]);
  });
});
