import { linspace } from "../../core/grid.js";
import { saturationIntervals } from "../../core/saturation.js";
import { breakAtJumps, breakSteepSteps, jumpDots, jumpsAt } from "../../core/jumps.js";
import type { CurveOptions } from "../../options/curve.js";
import { displayName, words } from "../../text/labels.js";
import type { Band, CurveSeries } from "../../render/charts/curve-chart.js";
import { lineStyle } from "../../render/charts/curve-chart.js";
import { themes } from "../../render/charts/theme.js";
import type { ChartSpec, RenderJob } from "../../render/engine/chart-spec.js";
import { finiteExtent, paddedRange } from "../../render/charts/axis-range.js";
import { Y_HEADROOM } from "../../render/charts/curve-chart.js";
import { curvesToCsv, curvesToJson, sampleFigure } from "./curve-data.js";
import type { SampledCurve } from "./curve-data.js";
import type { OutputFile } from "../output-file.js";
import { planCurves } from "./curve-plan.js";
import type { CurveFigure } from "./curve-plan.js";
import type { Renderer } from "../../render/engine/render-queue.js";

/**
 * `actviz curve` as a pure job: options in, files in memory out. Nothing is written here, so
 * the CLI can write all or nothing, and `render --check` can compare bytes. Images are
 * rendered one at a time by the renderer, from plain-data jobs.
 */

/** The names of the files curveJob will make, known without rendering. */
export function curveFileNames(o: CurveOptions): string[] {
  const figures = planCurves(o);
  if (!o.grid) return figures.flatMap((figure) => o.format.map((format) => `${figure.stem}.${format}`));
  // --grid: the images are pages of panels; CSV and JSON stay one file per function
  const pages = gridPages(figures.length, o.grid);
  return [
    ...pages.flatMap((_, p) => o.format.filter(isImage).map((format) => `${gridStem(p, pages.length)}.${format}`)),
    ...figures.flatMap((figure) => o.format.filter((f) => !isImage(f)).map((format) => `${figure.stem}.${format}`)),
  ];
}

const isImage = (f: string): f is "png" | "svg" | "pdf" => f === "png" || f === "svg" || f === "pdf";

/** The figures' indices on each page of a grid: rows x cols per page. */
function gridPages(count: number, grid: { rows: number; cols: number }): number[][] {
  const size = grid.rows * grid.cols;
  return Array.from({ length: Math.ceil(count / size) }, (_, p) => Array.from({ length: Math.min(size, count - p * size) }, (_, k) => p * size + k));
}

/** `grid`, or `grid-2`, `grid-3`... when the panels need several pages (as `neurons --grid`). */
const gridStem = (page: number, pages: number) => (pages === 1 ? "grid" : `grid-${page + 1}`);

export async function curveJob(o: CurveOptions, shared?: Renderer): Promise<OutputFile[]> {
  const figures = planCurves(o);
  const x = linspace(o.range[0], o.range[1], o.samples);
  const images = o.format.filter((f): f is "png" | "svg" | "pdf" => f === "png" || f === "svg" || f === "pdf");
  const { createRenderer } = await import("../../render/engine/render-queue.js");
  // a shared renderer (one for a whole manifest) is the caller's to close
  const renderer = images.length === 0 ? null : (shared ?? (await createRenderer()));
  try {
    const pending: Promise<OutputFile>[] = [];
    if (o.grid) pending.push(...gridImages(figures, x, o, renderer));
    for (const figure of figures) {
      const curves = sampleFigure(figure, x, o.derivative);
      for (const format of o.grid ? o.format.filter((f) => !isImage(f)) : o.format) {
        const name = `${figure.stem}.${format}`;
        if (format === "csv") pending.push(Promise.resolve({ name, data: curvesToCsv(x, curves), binary: false }));
        else if (format === "json") pending.push(Promise.resolve({ name, data: curvesToJson(x, curves), binary: false }));
        else pending.push(renderer!.render(imageJob(figure, x, curves, o, format)).then((data) => ({ name, data, binary: format !== "svg" })));
      }
    }
    return await Promise.all(pending);
  } finally {
    if (!shared) await renderer?.close();
  }
}

/**
 * `--grid RxC`: small multiples, one panel per function (a sweep's curves in one panel), pages of
 * R x C panels per image; every panel spans the same x and y ranges, the axis titles and the
 * title are drawn once per page.
 */
function gridImages(figures: CurveFigure[], x: Float64Array, o: CurveOptions, renderer: Renderer | null): Promise<OutputFile>[] {
  const w = words(o.lang);
  const panels = figures.map((figure) => {
    const curves = sampleFigure(figure, x, o.derivative);
    return { figure, series: toSeries(x, curves, o.lang), bands: o.saturation === null ? [] : saturationBands(figure, x, o.saturation) };
  });
  const extent = finiteExtent(panels.flatMap((p) => p.series.map((s) => s.y)));
  const yRange = paddedRange(extent ?? { min: 0, max: 0 }, Y_HEADROOM);
  const frame = { title: o.title ?? w.overlayTitle, xLabel: o.xLabel ?? w.input, yLabel: o.yLabel ?? w.output, theme: o.theme, fontFamily: "" };
  const pages = gridPages(panels.length, o.grid!);
  return pages.flatMap((page, p) =>
    o.format.filter(isImage).map(async (format) => {
      const { gridPanelSize } = await import("../../render/engine/grid-render.js");
      const cell = gridPanelSize(o.grid!, { width: o.width, height: o.height }, frame);
      const grid: ChartSpec[] = page.map((k) => ({
        kind: "curve",
        series: panels[k]!.series,
        bands: panels[k]!.bands,
        text: { title: w.functionTitle(displayName(panels[k]!.figure.entries[0]!.act.name)), xLabel: "", yLabel: "" },
        style: { theme: o.theme, fontFamily: "", ...cell },
        options: { yRange, legend: false },
      }));
      const job: RenderJob = { grid, shape: o.grid!, frame, target: { format, width: o.width, height: o.height, scale: o.scale }, ...(o.font ? { font: o.font } : {}) };
      return { name: `${gridStem(p, pages.length)}.${format}`, data: await renderer!.render(job), binary: format !== "svg" };
    }),
  );
}

/** The render job of one figure: series, saturation bands and words, as plain data. */
function imageJob(figure: CurveFigure, x: Float64Array, curves: SampledCurve[], o: CurveOptions, format: "png" | "svg" | "pdf"): RenderJob {
  const w = words(o.lang);
  const single = figure.entries.every((e) => e.act === figure.entries[0]!.act);
  const text = {
    title: o.title ?? (single ? w.functionTitle(displayName(figure.entries[0]!.act.name)) : w.overlayTitle),
    xLabel: o.xLabel ?? w.input,
    yLabel: o.yLabel ?? w.output,
    ...(o.saturation === null ? {} : { bandLabel: w.saturation(o.saturation) }),
  };
  return {
    chart: {
      kind: "curve",
      series: toSeries(x, curves, o.lang),
      bands: o.saturation === null ? [] : saturationBands(figure, x, o.saturation),
      text,
      // the family is resolved where the chart is drawn (the bundled font, or --font)
      style: { theme: o.theme, fontFamily: "", width: o.width, height: o.height },
    },
    target: { format, width: o.width, height: o.height, scale: o.scale },
    ...(o.font ? { font: o.font } : {}),
  };
}

function toSeries(x: Float64Array, curves: readonly SampledCurve[], lang: CurveOptions["lang"]): CurveSeries[] {
  const w = words(lang);
  // past the palette's colours, curves take dash patterns: every series its own (colour, dash)
  const colors = themes.light.palette.length;
  return curves.flatMap((c, i) => {
    const main: CurveSeries = { label: c.label, ...withJumps(x, c.y, c.entry.bound.f, c.entry, c.entry.bound.df), dashed: false, ...lineStyle(i, colors, false) };
    if (!c.dy) return [main];
    return [main, { label: w.derivative(c.label), ...withJumps(x, c.dy, c.entry.bound.df, c.entry), dashed: true, ...lineStyle(i, colors, true) }];
  });
}

/**
 * The samples of g with a break at each of its jumps (the catalogue's kinks where g jumps, as
 * binary_step at 0, or relu′ at 0) and a dot at each end, and, given g′, a gap wherever two samples
 * differ by more than g could climb between them: never a vertical segment where the function
 * has no values. CSV and JSON keep the samples as they are.
 */
function withJumps(x: Float64Array, y: Float64Array, g: (v: number) => number, entry: SampledCurve["entry"], dg?: (v: number) => number): Pick<CurveSeries, "x" | "y" | "dots"> {
  const jumps = jumpsAt(g, entry.act.kinks(entry.params), x[0]!, x[x.length - 1]!);
  const known = jumps.length === 0 ? { x, y } : breakAtJumps(x, y, jumps);
  // and, where g′ is known, any step between samples steeper than g could climb
  const broken = dg ? breakSteepSteps(known.x, known.y, dg) : known;
  return jumps.length === 0 ? broken : { ...broken, dots: jumps.flatMap(jumpDots) };
}

/**
 * Saturation zones to shade. With one curve, its zones; with several, the zones where every
 * curve saturates (the common flat regions), so the shading stays readable.
 */
function saturationBands(figure: CurveFigure, x: Float64Array, eps: number): Band[] {
  const sets = figure.entries.map((e) => saturationIntervals(e.bound.df, x, eps));
  return sets.reduce((acc, next) => intersect(acc, next));
}

function intersect(a: readonly Band[], b: readonly Band[]): Band[] {
  const out: Band[] = [];
  for (const p of a) {
    for (const q of b) {
      const from = Math.max(p.from, q.from);
      const to = Math.min(p.to, q.to);
      if (from < to) out.push({ from, to });
    }
  }
  return out;
}
