import type { ChartConfiguration, Point } from "chart.js";
import { backgroundPlugin } from "../plugins/background-plugin.js";
import { baseOptions, fontAt, textScale } from "./chart-base.js";
import type { ChartStyle } from "./curve-chart.js";
import { colorbarImage, colorScaleFor } from "../images/heatmap-image.js";
import { mapsLayout, type MapsLayout } from "../images/maps-layout.js";
import { mapsPlugin, type FeatureMaps } from "../plugins/maps-plugin.js";
import { themes } from "./theme.js";

/** The chart config mapsChart builds: hidden axes, no datasets, the maps and colour bar in a plugin. */
export type MapsChartConfig = ChartConfiguration<"scatter", Point[]>;

/** The words of a maps image: the title, the colour bar's label, one label per map. */
export interface MapsText {
  title?: string;
  valueLabel: string;
  labels: string[];
}

/** The sizes mapsChart draws with, at the chart's text scale. */
function metrics(style: ChartStyle) {
  const s = textScale(style);
  const font = fontAt(style);
  const label = font(12).size;
  return { s, font, label, labelHeight: Math.round(label * 1.6), cellGap: Math.round(10 * s), barWidth: Math.round(14 * s), barGap: Math.round(14 * s) };
}

/**
 * The layout mapsChart will draw, from an estimate of its chart area (the image less title,
 * padding and colour bar): for refusing, before anything is drawn, maps too many to be seen.
 */
export function estimatedMapsLayout(count: number, mapWidth: number, mapHeight: number, style: ChartStyle): MapsLayout {
  const m = metrics(style);
  return mapsLayout(count, mapWidth, mapHeight, estimatedArea(style, m.s), m.labelHeight, m.cellGap);
}

/** A little less than the chart area will be (less the title, padding and the colour bar's column). */
function estimatedArea(style: ChartStyle, s: number) {
  return { x: 0, y: 0, width: style.width - Math.round(120 * s), height: style.height - Math.round(50 * s) };
}

/**
 * Extra top and bottom padding that shrinks the chart area to about the grid's height, so a
 * grid of wide maps sits right under the title, title and grid centred together in the image.
 * The area keeps some room to spare: the maps are laid out again in the real area at draw time.
 */
function verticalSlack(maps: FeatureMaps, style: ChartStyle, m: ReturnType<typeof metrics>): number {
  const layout = estimatedMapsLayout(Math.max(1, maps.channels.length), maps.width, maps.height, style);
  const grid = layout.rows * (maps.height * layout.pixel + m.labelHeight) + (layout.rows - 1) * m.cellGap;
  return Math.max(0, Math.floor(estimatedArea(style, m.s).height - grid - 12 * m.s));
}

/**
 * A new Chart.js config showing the feature maps of one sample as a grid of images, largest
 * that fit with their aspect kept (see mapsLayout), each labelled above, all on ONE colour
 * scale (colorScaleFor over every map: viridis, or RdBu centred on 0 when values have both
 * signs; non-finite pixels grey) with its colour bar right of the maps. Each map is one bitmap.
 * The maps are not modified or kept beyond the config.
 */
export function mapsChart(maps: FeatureMaps, text: MapsText, style: ChartStyle): MapsChartConfig {
  const theme = themes[style.theme];
  const m = metrics(style);
  const scale = colorScaleFor(maps.data);
  const plugin = mapsPlugin(maps, text.labels, scale, colorbarImage(scale));
  const { title, ...base } = baseOptions(text.title, style, theme);
  const slack = verticalSlack(maps, style, m);
  const padding = { ...base.layout.padding, top: base.layout.padding.top + Math.floor(slack / 2), bottom: base.layout.padding.bottom + Math.ceil(slack / 2) };
  const hidden = { display: false, min: 0, max: 1 };
  return {
    type: "scatter",
    data: { datasets: [] },
    plugins: [backgroundPlugin, plugin],
    options: {
      ...base,
      layout: { padding },
      scales: { x: hidden, y: hidden },
      plugins: {
        title,
        legend: { display: false },
        tooltip: { enabled: false },
        actvizBackground: { color: theme.background },
        actvizMaps: {
          frame: theme.axis, text: theme.text,
          font: { family: style.fontFamily, label: m.label, tick: m.font(12).size, title: m.font(13).size },
          valueLabel: text.valueLabel, labelHeight: m.labelHeight, cellGap: m.cellGap, barWidth: m.barWidth, barGap: m.barGap,
        },
      },
    },
  };
}
