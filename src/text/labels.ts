/**
 * The words on a chart, in English and Chinese. Function display names follow the papers'
 * spelling (ReLU, GELU, SiLU); Chinese titles use the tutorial's wording ("Sigmoid函数").
 */
export type Lang = "en" | "zh";

const DISPLAY: Readonly<Record<string, string>> = {
  elu: "ELU", hardshrink: "Hardshrink", hardtanh: "Hardtanh", hardsigmoid: "Hardsigmoid",
  hardswish: "Hardswish", leaky_relu: "Leaky ReLU", logsigmoid: "LogSigmoid", prelu: "PReLU",
  relu: "ReLU", relu6: "ReLU6", rrelu: "RReLU", selu: "SELU", silu: "SiLU", mish: "Mish",
  celu: "CELU", gelu: "GELU", sigmoid: "Sigmoid", softplus: "Softplus", softshrink: "Softshrink",
  softsign: "Softsign", tanh: "Tanh", tanhshrink: "Tanhshrink", threshold: "Threshold",
  identity: "Identity", binary_step: "Binary step", swish: "Swish", quick_gelu: "QuickGELU",
  arctan: "Arctan", bent_identity: "Bent identity", gaussian: "Gaussian", sinc: "Sinc",
  sqnl: "SQNL", isru: "ISRU", isrlu: "ISRLU", elliott: "Elliott", squareplus: "Squareplus",
  erf: "erf", soft_exponential: "Soft exponential", thresholded_relu: "Thresholded ReLU",
};

/** "leaky_relu" -> "Leaky ReLU"; unknown names are title-cased. */
export function displayName(fn: string): string {
  return DISPLAY[fn] ?? fn.replace(/_/g, " ").replace(/^\w/, (c) => c.toUpperCase());
}

interface Words {
  functionTitle(name: string): string;
  overlayTitle: string;
  input: string;
  output: string;
  derivative(label: string): string;
  saturation(eps: number): string;
}

const WORDS: Readonly<Record<Lang, Words>> = {
  en: {
    functionTitle: (name) => name,
    overlayTitle: "Activation functions",
    input: "Input",
    output: "Output",
    derivative: (label) => `${label} derivative`,
    saturation: (eps) => `|f′| < ${eps}`,
  },
  zh: {
    functionTitle: (name) => `${name}函数`,
    overlayTitle: "激活函数",
    input: "输入值",
    output: "输出值",
    derivative: (label) => `${label} 导数`,
    saturation: (eps) => `饱和区 |f′| < ${eps}`,
  },
};

export function words(lang: Lang): Words {
  return WORDS[lang];
}

interface NeuronWords {
  neuron(index: number, name: string | null): string;
  sample: string;
  activation: string;
  count: string;
  neuronAxis: string;
  heatmapTitle: string;
  summaryTitle: string;
  histTitle(label: string): string;
  lineGridTitle: string;
  histGridTitle: string;
  /** The lead of a computed layer's titles: "fc1 (layer 1 of 2)". */
  layerTitle(name: string, number: number, of: number): string;
  /** A feature-maps image: "Feature maps of sample 3", each map labelled "channel 5". */
  mapsTitle(sample: number): string;
  channel(index: number): string;
  samplesByClass: string;
  classAxis: string;
  classMean: string;
  classMeanAxis: string;
  classHeatmapTitle: string;
  /** A `classes` chart's title: the neuron, its preferred class and selectivity (null: none). */
  classesTitle(label: string, preferred: string | null, selectivity: number | null): string;
  classLegend(name: string): string;
  differenceTitle(current: string, baseline: string): string;
  differenceValue: string;
  probability: string;
  /** The legend of percentile bands (a summary of many neurons). */
  bands: { median: string; inner: string; outer: string; dead: string };
  /** The note of a summary drawn from merged parts: how many, and that quartiles (bands: percentiles) come from sketches of accuracy `pct`. */
  sketchNote(parts: number, pct: string, bands: boolean): string;
  /** A heatmap's note when cells are merged into pixels (see HeatmapText.aggregated). */
  aggregated: { both: string; x: string; y: string; mean: string; max: string };
}

const NEURON_WORDS: Readonly<Record<Lang, NeuronWords>> = {
  en: {
    neuron: (i, name) => (name ? `Neuron ${i} (${name})` : `Neuron ${i}`),
    sample: "Sample",
    activation: "Activation",
    count: "Count",
    neuronAxis: "Neuron",
    heatmapTitle: "Activations (neurons × samples)",
    summaryTitle: "Activation distribution per neuron",
    histTitle: (label) => `${label}: activation histogram`,
    lineGridTitle: "Neuron activations over samples",
    histGridTitle: "Activation histograms",
    layerTitle: (name, n, of) => `${name} (layer ${n} of ${of})`,
    mapsTitle: (sample) => `Feature maps of sample ${sample}`,
    channel: (i) => `channel ${i}`,
    samplesByClass: "Samples, sorted by class",
    classAxis: "Class",
    classMean: "Mean activation",
    classMeanAxis: "Mean activation (±1 std)",
    classHeatmapTitle: "Mean activation per class (neurons × classes)",
    classesTitle: (label, preferred, sel) =>
      preferred === null ? `${label}: no preferred class` : `${label}: prefers class ${preferred}${sel === null ? "" : ` (selectivity ${sel.toFixed(2)})`}`,
    classLegend: (name) => `class ${name}`,
    differenceTitle: (a, b) => `Change of activation: ${a} − ${b}`,
    differenceValue: "Δ activation (current − baseline)",
    probability: "Probability",
    bands: { median: "median", inner: "25-75 %", outer: "5-95 %", dead: "dead" },
    sketchNote: (parts, pct, bands) => `merged from ${parts} part${parts === 1 ? "" : "s"}: ${bands ? "percentiles" : "quartiles and whiskers"} from sketches ${pct}${bands ? "" : ", min and max exact"}`,
    aggregated: { both: "each pixel: the {how} of {x} samples × {y} neurons", x: "each pixel: the {how} of {x} samples", y: "each pixel: the {how} of {y} neurons", mean: "mean", max: "maximum" },
  },
  zh: {
    neuron: (i, name) => (name ? `神经元 ${i}（${name}）` : `神经元 ${i}`),
    sample: "样本",
    activation: "激活值",
    count: "计数",
    neuronAxis: "神经元",
    heatmapTitle: "激活热图（神经元 × 样本）",
    summaryTitle: "各神经元的激活分布",
    histTitle: (label) => `${label}：激活直方图`,
    lineGridTitle: "各神经元在样本上的激活",
    histGridTitle: "激活直方图",
    layerTitle: (name, n, of) => `${name}（第 ${n} 层，共 ${of} 层）`,
    mapsTitle: (sample) => `样本 ${sample} 的特征图`,
    channel: (i) => `通道 ${i}`,
    samplesByClass: "样本（按类别排序）",
    classAxis: "类别",
    classMean: "平均激活值",
    classMeanAxis: "平均激活值（±1 标准差）",
    classHeatmapTitle: "各类别的平均激活（神经元 × 类别）",
    classesTitle: (label, preferred, sel) =>
      preferred === null ? `${label}：无偏好类别` : `${label}：偏好类别 ${preferred}${sel === null ? "" : `（选择性 ${sel.toFixed(2)}）`}`,
    classLegend: (name) => `类别 ${name}`,
    differenceTitle: (a, b) => `激活变化：${a} − ${b}`,
    differenceValue: "激活差（当前 − 基线）",
    probability: "概率",
    bands: { median: "中位数", inner: "25-75 %", outer: "5-95 %", dead: "死亡" },
    sketchNote: (parts, pct, bands) => `由 ${parts} 个部分合并：${bands ? "百分位数" : "四分位数与须线"}来自草图（${pct}）${bands ? "" : "，最小值与最大值精确"}`,
    aggregated: { both: "每个像素：{x} 个样本 × {y} 个神经元的{how}", x: "每个像素：{x} 个样本的{how}", y: "每个像素：{y} 个神经元的{how}", mean: "平均值", max: "最大值" },
  },
};

/** What a column of the matrix is: a neuron, a conv channel (a channel axis reduced), or a class (softmax output). */
export type Unit = "neuron" | "channel" | "class";

/** The words that name the columns, for channels and classes (neurons: NEURON_WORDS itself). */
const UNIT_WORDS: Readonly<Record<Lang, Record<Exclude<Unit, "neuron">, Pick<NeuronWords, "neuron" | "neuronAxis" | "heatmapTitle" | "summaryTitle" | "lineGridTitle" | "aggregated">>>> = {
  en: {
    channel: {
      neuron: (i, name) => (name ? `Channel ${i} (${name})` : `Channel ${i}`),
      neuronAxis: "Channel",
      heatmapTitle: "Activations (channels × samples)",
      summaryTitle: "Activation distribution per channel",
      lineGridTitle: "Channel activations over samples",
      aggregated: { both: "each pixel: the {how} of {x} samples × {y} channels", x: "each pixel: the {how} of {x} samples", y: "each pixel: the {how} of {y} channels", mean: "mean", max: "maximum" },
    },
    class: {
      neuron: (i, name) => (name ? `Class ${i} (${name})` : `Class ${i}`),
      neuronAxis: "Class",
      heatmapTitle: "Class probabilities (classes × samples)",
      summaryTitle: "Probability distribution per class",
      lineGridTitle: "Class probabilities over samples",
      aggregated: { both: "each pixel: the {how} of {x} samples × {y} classes", x: "each pixel: the {how} of {x} samples", y: "each pixel: the {how} of {y} classes", mean: "mean", max: "maximum" },
    },
  },
  zh: {
    channel: {
      neuron: (i, name) => (name ? `通道 ${i}（${name}）` : `通道 ${i}`),
      neuronAxis: "通道",
      heatmapTitle: "激活热图（通道 × 样本）",
      summaryTitle: "各通道的激活分布",
      lineGridTitle: "各通道在样本上的激活",
      aggregated: { both: "每个像素：{x} 个样本 × {y} 个通道的{how}", x: "每个像素：{x} 个样本的{how}", y: "每个像素：{y} 个通道的{how}", mean: "平均值", max: "最大值" },
    },
    class: {
      neuron: (i, name) => (name ? `类别 ${i}（${name}）` : `类别 ${i}`),
      neuronAxis: "类别",
      heatmapTitle: "类别概率（类别 × 样本）",
      summaryTitle: "各类别的概率分布",
      lineGridTitle: "各类别在样本上的概率",
      aggregated: { both: "每个像素：{x} 个样本 × {y} 个类别的{how}", x: "每个像素：{x} 个样本的{how}", y: "每个像素：{y} 个类别的{how}", mean: "平均值", max: "最大值" },
    },
  },
};

export function neuronWords(lang: Lang, unit: Unit = "neuron"): NeuronWords {
  return unit === "neuron" ? NEURON_WORDS[lang] : { ...NEURON_WORDS[lang], ...UNIT_WORDS[lang][unit] };
}
