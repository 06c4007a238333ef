/**
 * The shapes every activation in the catalogue shares. An `Activation` describes a function
 * (name, parameters, formula, shape facts); `bind` turns it plus complete parameters into a pair
 * of fast closures `f` and `df` that do no lookups per call.
 */

/** A parameter value: numbers for kind "number", strings for kind "choice". */
export type ParamValue = number | string;

/** Parameters by PyTorch's names, e.g. `{ negative_slope: 0.01 }`. */
export type Params = Readonly<Record<string, ParamValue>>;

export interface ParamSpec {
  /** PyTorch's parameter name: "alpha", "negative_slope", "lambd", "min_val", "approximate", ... */
  name: string;
  kind: "number" | "choice";
  default: ParamValue;
  /** The allowed values of a kind "choice" parameter (gelu approximate: ["none", "tanh"]). */
  choices?: readonly string[];
  /** A short description for `actviz list`. */
  description: string;
  /** Checked by resolveParams. */
  constraint?: "positive" | "nonnegative";
}

/** A closed interval; either end may be infinite. */
export interface Bound {
  min: number;
  max: number;
}

/** An activation with its parameters fixed. */
export interface BoundActivation {
  f(x: number): number;
  df(x: number): number;
  /**
   * Every value of f lies in [range.min, range.max]. Finite ends are the infimum/supremum,
   * rounded outward by at most 1e-15 relative where they are not exact doubles.
   */
  range: Bound;
}

export interface Activation {
  /** Canonical snake_case name, PyTorch's where it exists ("leaky_relu"). */
  name: string;
  /** Other accepted names, e.g. leaky_relu: ["lrelu"]. */
  aliases: readonly string[];
  params: readonly ParamSpec[];
  /** One line of plain Unicode for `actviz list`, e.g. "max(0, x)". */
  formula: string;
  /** From torch.nn, or one of the extras. */
  source: "torch" | "extra";
  /** f(-x) = -f(x) for the default parameters. */
  odd: boolean;
  /** For the default parameters. */
  monotone: "increasing" | "nondecreasing" | false;
  /** Points where f is not differentiable or not continuous, ascending. */
  kinks(p: Params): readonly number[];
  /** `p` must be complete (see resolveParams). Throws RangeError for inconsistent parameters. */
  bind(p: Params): BoundActivation;
}
