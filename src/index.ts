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
export { curveJob } from "./jobs/curve-job.js";
export type { OutputFile } from "./jobs/output-file.js";
export { main } from "./cli/main.js";
export * from "./errors.js";
