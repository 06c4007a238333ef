import { basename } from "node:path";
import { InputError, UsageError } from "../errors.js";
import type { Tensor } from "../io/tensor.js";
import type { NeuronsOptions } from "../options/neurons.js";
import type { ChartSpec } from "../render/engine/chart-spec.js";
import type { ChartStyle } from "../render/charts/curve-chart.js";
import type { FeatureMaps } from "../render/plugins/maps-plugin.js";
import { neuronWords } from "../text/labels.js";
import { sampleRange, type NeuronData } from "./neurons-data.js";
import { itemStem } from "./neurons-names.js";

/** A map drawn smaller than this (CSS px, its shorter side) cannot be read: the run is refused. */
export const MIN_MAP_SIZE = 12;

/** One maps image to render: its file stem and its chart, built when it is drawn. */
export interface MapsTask {
  name: string;
  build: () => ChartSpec;
}

/**
 * The images of `--plot maps`: for each chosen sample (`--samples A:B`, default the first),
 * `maps-<sample>` showing the chosen channels' H x W maps of a rank-4 tensor ([N, C, H, W],
 * or the channel axis `--channel-axis` names). UsageError (exit 2) naming the shape for any
 * other rank, and for maps too many to be seen at the image size; InputError for values no
 * colour scale can span. All checked before anything is drawn.
 */
export async function mapsTasks(d: NeuronData, o: NeuronsOptions, style: ChartStyle, lead: string | undefined): Promise<MapsTask[]> {
  const t = d.tensor;
  // streamed: the tensor holds the samples drawn only, of `total`
  const held = d.layer ? undefined : d.tensorRows;
  const shape = held && t ? [held.total, ...t.shape.slice(1)] : (t?.shape ?? [d.matrix.rows, d.matrix.cols]);
  if (!t || shape.length !== 4) {
    throw new UsageError(`--plot maps: ${d.source}${d.layer ? ` (${d.layer.name})` : ""} has shape [${shape.join(", ")}], rank ${shape.length} (expected rank 4: [samples, channels, height, width], or [samples, height, width, channels] with --channel-axis 3)`, "E_SHAPE");
  }
  const axis = o.channelAxis < 0 ? o.channelAxis + 4 : o.channelAxis;
  const [hAxis, wAxis] = [1, 2, 3].filter((a) => a !== axis) as [number, number];
  const height = shape[hAxis]!;
  const width = shape[wAxis]!;
  if (height === 0 || width === 0) throw new UsageError(`--plot maps: ${d.source} has shape [${shape.join(", ")}]: maps of ${height}x${width} (expected maps of at least 1x1)`, "E_SHAPE");
  const channels = d.selected;
  // files keep every sample (row n is sample n); computed layers hold only the chosen ones
  const offset = d.layer ? d.firstSample : (held?.first ?? 0);
  const n = shape[0]!;
  const [a, b] = o.samples === undefined ? [offset, offset + Math.min(1, n)] : d.layer ? [offset, offset + n] : sampleRange(o.samples, n);
  const samples = Array.from({ length: b - a }, (_, i) => a + i);

  const { estimatedMapsLayout } = await import("../render/charts/maps-chart.js");
  const layout = estimatedMapsLayout(channels.length, width, height, style);
  const side = Math.min(width, height) * layout.pixel;
  if (side < MIN_MAP_SIZE) {
    throw new UsageError(`--plot maps: ${channels.length} maps of ${height}x${width} in ${style.width}x${style.height} px would be ${Math.floor(height * layout.pixel)}x${Math.floor(width * layout.pixel)} px each (expected at least ${MIN_MAP_SIZE} px: fewer channels with --top or --neurons, or a larger --width and --height)`, "E_GRID");
  }
  const w = neuronWords(o.lang);
  const label = lead ?? o.key ?? (o.input === "-" || d.layer ? undefined : basename(d.source));
  for (const s of samples) checkSpan(featureMaps(t, axis, hAxis, wAxis, s - offset, channels), d.source, s);
  return samples.map((s) => ({
    name: itemStem("maps", s, d.layer ? offset + n : n),
    build: (): ChartSpec => ({
      kind: "maps",
      maps: featureMaps(t, axis, hAxis, wAxis, s - offset, channels),
      text: { title: label ? `${label}: ${w.mapsTitle(s)}` : w.mapsTitle(s), valueLabel: w.activation, labels: channels.map((c) => w.channel(c)) },
      style,
    }),
  }));
}

/**
 * The maps of `channels` of tensor row `row`: copied out (only these) into one array of
 * channels.length x height x width, row-major, in the tensor's float type.
 */
export function featureMaps(t: Tensor, channelAxis: number, hAxis: number, wAxis: number, row: number, channels: readonly number[]): FeatureMaps {
  const shape = t.shape;
  const strides = [0, 0, 0, 0];
  for (let a = 3, s = 1; a >= 0; a--) {
    strides[a] = s;
    s *= shape[a]!;
  }
  const height = shape[hAxis]!;
  const width = shape[wAxis]!;
  const [sc, sh, sw] = [strides[channelAxis]!, strides[hAxis]!, strides[wAxis]!];
  const data = t.data instanceof Float32Array ? new Float32Array(channels.length * height * width) : new Float64Array(channels.length * height * width);
  let k = 0;
  for (const c of channels) {
    const base = row * strides[0]! + c * sc;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) data[k++] = t.data[base + y * sh + x * sw]!;
    }
  }
  return { height, width, channels: [...channels], data };
}

/** InputError when the maps' values span more than one colour scale can (max − min overflows). */
function checkSpan(maps: FeatureMaps, source: string, sample: number): void {
  let min = Infinity;
  let max = -Infinity;
  for (const v of maps.data) {
    if (v - v !== 0) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const span = min < 0 && max > 0 ? 2 * Math.max(-min, max) : max - min;
  if (min <= max && !Number.isFinite(span)) {
    throw new InputError(`${source}: sample ${sample}: the maps' values span [${min}, ${max}], wider than one colour scale can show (expected a scale of at most ${Number.MAX_VALUE}; pick other --neurons)`, "E_RANGE");
  }
}
