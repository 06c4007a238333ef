export type { Activation, Bound, BoundActivation, ParamSpec, ParamValue, Params } from "./types.js";
export { activations } from "./catalogue.js";
export { findActivation, suggestActivation } from "./lookup.js";
export { resolveParams } from "./resolve-params.js";
