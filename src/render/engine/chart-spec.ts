import type { ChartConfiguration, ChartType } from "chart.js";
import type { Histogram } from "../../core/histogram.js";
import type { Matrix } from "../../core/matrix.js";
import type { AxisRange } from "../charts/axis-range.js";
import type { Band, ChartStyle, ChartText, CurveSeries, CurveChartOptions } from "../charts/curve-chart.js";
import type { GridShape } from "./grid-layout.js";
import type { GridFrame } from "./grid-render.js";
import type { HeatmapOptions, HeatmapText } from "../charts/heatmap-chart.js";
import type { MapsText } from "../charts/maps-chart.js";
import type { FeatureMaps } from "../plugins/maps-plugin.js";
import type { HistogramOverlay } from "../charts/histogram-chart.js";
import type { PanelOptions } from "../charts/neuron-line-chart.js";
import type { RenderTarget } from "./renderer.js";
import type { SummaryItem } from "../charts/summary-chart.js";
import type { PercentileBands, PercentileWords } from "../charts/percentile-bands-chart.js";

/**
 * A chart as plain data: what a config builder needs, and nothing else. Specs cross thread
 * boundaries (structured clone, typed arrays included), so charts can be rendered by a worker
 * pool; each render builds a fresh Chart.js config from the spec.
 */
export type ChartSpec =
  | { kind: "curve"; series: CurveSeries[]; bands: Band[]; text: ChartText; style: ChartStyle; options?: CurveChartOptions }
  | { kind: "line"; y: Float64Array; x: Float64Array; text: ChartText; style: ChartStyle; options: PanelOptions }
  | { kind: "hist"; histogram: Histogram; text: ChartText; style: ChartStyle; options: PanelOptions; overlay?: HistogramOverlay }
  | { kind: "bands"; bands: PercentileBands; words: PercentileWords; text: ChartText; style: ChartStyle }
  | { kind: "summary"; items: SummaryItem[]; text: ChartText; style: ChartStyle; options: { yRange?: AxisRange; names?: readonly [string, string] } }
  | { kind: "heatmap"; matrix: Matrix; options: HeatmapOptions; text: HeatmapText; style: ChartStyle }
  | { kind: "maps"; maps: FeatureMaps; text: MapsText; style: ChartStyle }
  | { kind: "class-bars"; names: string[]; means: number[]; stds: number[]; preferred: number; text: ChartText; style: ChartStyle };

/** One image to render: a chart, or a grid of charts in one image. `font` is a user font file. */
export type RenderJob =
  | { chart: ChartSpec; target: RenderTarget; font?: string }
  | { grid: ChartSpec[]; shape: GridShape; frame: GridFrame; target: RenderTarget; font?: string };

type AnyConfig = ChartConfiguration<ChartType, unknown[], unknown>;

/** Renders one job in this thread. Chart code is imported on first use. */
export async function renderJob(job: RenderJob): Promise<Buffer> {
  const [{ renderChart }, fonts] = await Promise.all([import("./renderer.js"), import("./fonts.js")]);
  const family = job.font ? fonts.useFontFile(job.font) : fonts.useBundledFont();
  if ("chart" in job) {
    const build = await builderFor(withFont(job.chart, family));
    return renderChart(build, job.target);
  }
  const { renderGrid } = await import("./grid-render.js");
  const panels = await Promise.all(job.grid.map((spec) => builderFor(withFont(spec, family))));
  return renderGrid(panels, job.shape, job.target, { ...job.frame, fontFamily: family });
}

/** The spec with the font family registered in this thread (families are per-thread names). */
function withFont(spec: ChartSpec, fontFamily: string): ChartSpec {
  return { ...spec, style: { ...spec.style, fontFamily } } as ChartSpec;
}

/** A factory that builds a fresh config from the spec on every call. */
async function builderFor(spec: ChartSpec): Promise<() => AnyConfig> {
  switch (spec.kind) {
    case "curve": {
      const { curveChart } = await import("../charts/curve-chart.js");
      return () => curveChart(spec.series, spec.bands, spec.text, spec.style, spec.options) as unknown as AnyConfig;
    }
    case "line": {
      const { neuronLineChart } = await import("../charts/neuron-line-chart.js");
      return () => neuronLineChart(spec.y, spec.x, spec.text, spec.style, spec.options) as unknown as AnyConfig;
    }
    case "hist": {
      const { histogramChart } = await import("../charts/histogram-chart.js");
      return () => histogramChart(spec.histogram, spec.text, spec.style, spec.options, spec.overlay) as unknown as AnyConfig;
    }
    case "bands": {
      const { percentileBandsChart } = await import("../charts/percentile-bands-chart.js");
      return () => percentileBandsChart(spec.bands, spec.text, spec.words, spec.style) as unknown as AnyConfig;
    }
    case "summary": {
      const { summaryChart } = await import("../charts/summary-chart.js");
      return () => summaryChart(spec.items, spec.text, spec.style, spec.options) as unknown as AnyConfig;
    }
    case "heatmap": {
      const { heatmapChart } = await import("../charts/heatmap-chart.js");
      return () => heatmapChart(spec.matrix, spec.options, spec.text, spec.style) as unknown as AnyConfig;
    }
    case "maps": {
      const { mapsChart } = await import("../charts/maps-chart.js");
      return () => mapsChart(spec.maps, spec.text, spec.style) as unknown as AnyConfig;
    }
    case "class-bars": {
      const { classBarsChart } = await import("../charts/class-bars-chart.js");
      return () => classBarsChart(spec.names, spec.means, spec.stds, spec.preferred, spec.text, spec.style) as unknown as AnyConfig;
    }
  }
}
