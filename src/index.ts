/**
 * actviz's programmatic API: the activation catalogue and the jobs behind the CLI.
 *
 *   import { activations, findActivation } from "actviz";
 */
export * from "./core/activations/index.js";
export { linspace } from "./core/grid.js";
export { saturationIntervals } from "./core/saturation.js";
export type { Interval } from "./core/saturation.js";
export { curveOptionsSchema } from "./options/curve.js";
export type { CurveOptions, CurveOptionsInput } from "./options/curve.js";
export { curveJob } from "./jobs/curve/curve-job.js";
export type { OutputFile } from "./jobs/output-file.js";
export { main } from "./cli/main.js";
export * from "./errors.js";
export { neuronsOptionsSchema } from "./options/neurons.js";
export type { NeuronsOptions, NeuronsOptionsInput } from "./options/neurons.js";
export { loadNeurons, neuronChartFiles } from "./jobs/neurons-job.js";
export { statsReport } from "./jobs/neurons-report.js";
export type { StatsReport } from "./jobs/neurons-report.js";
export * from "./io/index.js";
export { denseForward, denseForwardAsync, softmaxRows, transposeWeight } from "./core/dense/dense.js";
export type { DenseLayer, DenseDtype } from "./core/dense/dense.js";
export { readWeights } from "./io/weights/read-weights.js";
export type { WeightLayer, WeightsInput, WeightsOptions } from "./io/weights/read-weights.js";
export { describeWeights } from "./io/weights/describe-weights.js";
export type { WeightsListing, LayerListing, IgnoredListing, WeightsProblem } from "./io/weights/describe-weights.js";
export { layerActivations, layerNeurons } from "./jobs/neurons-weights.js";
export { describeOnnx } from "./io/onnx/describe-onnx.js";
export type { OnnxDescription, OnnxShape, OnnxTensor } from "./io/onnx/describe-onnx.js";
export { formatOnnxLayers } from "./io/onnx/format-onnx-layers.js";
export { readLabels } from "./io/text/read-labels.js";
export type { LabelList } from "./io/text/read-labels.js";
export { readLabelSet, neuronClasses, sampleClasses } from "./jobs/neurons-classes.js";
export type { LabelSet, NeuronClasses, SampleClasses } from "./jobs/neurons-classes.js";
export { classStats, classStd } from "./core/class-stats.js";
export type { ClassStats } from "./core/class-stats.js";
export { selectivity } from "./core/selectivity.js";
export { compareBaseline } from "./jobs/neurons-baseline.js";
export type { NeuronBaseline } from "./jobs/neurons-baseline.js";
