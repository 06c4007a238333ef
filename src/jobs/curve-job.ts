import { linspace } from "../core/grid.js";
import { saturationIntervals } from "../core/saturation.js";
import type { CurveOptions } from "../options/curve.js";
import { displayName, words } from "../text/labels.js";
import type { Band, CurveSeries } from "../render/curve-chart.js";
import { curvesToCsv, curvesToJson, sampleFigure } from "./curve-data.js";
import type { SampledCurve } from "./curve-data.js";
import type { OutputFile } from "./output-file.js";
import { planCurves } from "./curve-plan.js";
import type { CurveFigure } from "./curve-plan.js";

/**
 * `actviz curve` as a pure job: options in, files in memory out. Nothing is written here, so
 * the CLI can write all or nothing, and `render --check` can compare bytes.
 */
export async function curveJob(o: CurveOptions): Promise<OutputFile[]> {
  const figures = planCurves(o);
  const x = linspace(o.range[0], o.range[1], o.samples);
  const images = o.format.filter((f) => f === "png" || f === "svg" || f === "pdf");
  const render = images.length > 0 ? await loadRenderer(o.font) : null;
  const files: OutputFile[] = [];
  for (const figure of figures) {
    const curves = sampleFigure(figure, x, o.derivative);
    for (const format of o.format) {
      const name = `${figure.stem}.${format}`;
      if (format === "csv") files.push({ name, data: curvesToCsv(x, curves), binary: false });
      else if (format === "json") files.push({ name, data: curvesToJson(x, curves), binary: false });
      else {
        const data = await render!.image(figure, x, curves, o, format);
        files.push({ name, data, binary: format !== "svg" });
      }
    }
  }
  return files;
}

/** Loads Chart.js and canvas only when an image is asked for: `list` and `--help` stay fast. */
async function loadRenderer(fontFile: string | undefined) {
  const [{ renderChart }, { curveChart }, fonts] = await Promise.all([
    import("../render/renderer.js"),
    import("../render/curve-chart.js"),
    import("../render/fonts.js"),
  ]);
  const fontFamily = fontFile ? fonts.useFontFile(fontFile) : fonts.useBundledFont();
  return {
    async image(figure: CurveFigure, x: Float64Array, curves: SampledCurve[], o: CurveOptions, format: "png" | "svg" | "pdf") {
      const w = words(o.lang);
      const series = toSeries(x, curves, o.lang);
      const bands = o.saturation === null ? [] : saturationBands(figure, x, o.saturation);
      const single = figure.entries.every((e) => e.act === figure.entries[0]!.act);
      const text = {
        title: o.title ?? (single ? w.functionTitle(displayName(figure.entries[0]!.act.name)) : w.overlayTitle),
        xLabel: o.xLabel ?? w.input,
        yLabel: o.yLabel ?? w.output,
        ...(o.saturation === null ? {} : { bandLabel: w.saturation(o.saturation) }),
      };
      const style = { theme: o.theme, fontFamily, width: o.width, height: o.height };
      return renderChart(() => curveChart(series, bands, text, style), {
        format,
        width: o.width,
        height: o.height,
        scale: o.scale,
      });
    },
  };
}

function toSeries(x: Float64Array, curves: readonly SampledCurve[], lang: CurveOptions["lang"]): CurveSeries[] {
  const w = words(lang);
  return curves.flatMap((c, i) => {
    const main: CurveSeries = { label: c.label, x, y: c.y, dashed: false, colorIndex: i };
    return c.dy ? [main, { label: w.derivative(c.label), x, y: c.dy, dashed: true, colorIndex: i }] : [main];
  });
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
