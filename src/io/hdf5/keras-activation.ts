/** One layer's activation as WeightLayer holds it: a catalogue name and its parameters. */
export interface NamedActivation {
  name: string;
  params: Record<string, number | string>;
}

/**
 * Keras's built-in activation names with the same function in actviz's catalogue (Keras and
 * PyTorch agree on these: gelu is exact in both by default, swish is silu). Keras 3's
 * `leaky_relu` function slopes 0.2 below zero. `hard_sigmoid` is left out on purpose: Keras 2
 * (clip(0.2x + 0.5)) and Keras 3 (relu6(x + 3) / 6) define it differently.
 */
const KERAS_ACTIVATIONS: Record<string, NamedActivation> = {
  linear: { name: "none", params: {} },
  relu: { name: "relu", params: {} },
  relu6: { name: "relu6", params: {} },
  sigmoid: { name: "sigmoid", params: {} },
  tanh: { name: "tanh", params: {} },
  softplus: { name: "softplus", params: {} },
  softsign: { name: "softsign", params: {} },
  elu: { name: "elu", params: {} },
  selu: { name: "selu", params: {} },
  gelu: { name: "gelu", params: {} },
  swish: { name: "silu", params: {} },
  silu: { name: "silu", params: {} },
  mish: { name: "mish", params: {} },
  leaky_relu: { name: "leaky_relu", params: { negative_slope: 0.2 } },
  log_sigmoid: { name: "logsigmoid", params: {} },
  hard_silu: { name: "hardswish", params: {} },
  hard_swish: { name: "hardswish", params: {} },
};

/**
 * The activation a Keras config names (`"relu"`, or an object whose `config` is the name, as
 * Keras 3 serializes some functions): the catalogue's equivalent, else the Keras name itself
 * (checked later against the catalogue, so an unknown one is an error unless `--activation`
 * replaces it). undefined when the config names none.
 */
export function kerasActivation(value: unknown): NamedActivation | undefined {
  const name = typeof value === "string" ? value
    : value !== null && typeof value === "object" && typeof (value as { config?: unknown }).config === "string" ? (value as { config: string }).config
    : undefined;
  if (name === undefined) return undefined;
  return KERAS_ACTIVATIONS[name] ?? { name, params: {} };
}
