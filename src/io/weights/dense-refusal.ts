import type { InputError } from "../../errors.js";
import { inputError } from "../input-error.js";

/**
 * Why the tensor `name` of shape `shape` cannot be part of a dense (Linear) layer, or undefined
 * when it can: a convolution kernel (a `.weight` of rank 3 or more), a normalization layer's
 * running statistics (`running_mean`, `running_var`, `num_batches_tracked`). A 1-D `.weight`
 * (LayerNorm, PReLU) is left to the shape check, which names it too.
 */
export function notDense(name: string, shape: readonly number[]): string | undefined {
  if (/(?:^|\.)(?:running_mean|running_var|num_batches_tracked)$/.test(name)) return "is a normalization layer's running statistic";
  if (name.endsWith(".weight") && shape.length >= 3) return `is a ${shape.length - 2}-D convolution kernel`;
  return undefined;
}

/** The error for a model with a layer actviz cannot compute, naming the tensor, its shape and what to do. */
export function denseRefusal(source: string, name: string, shape: readonly number[], why: string): InputError {
  return inputError(source, name, `${why}, shape [${shape.join(", ")}]: actviz computes dense (Linear) layers only`,
    "a state dict of Linear layers; export the model to ONNX, or name its dense layers with --layers", "E_LAYER");
}
