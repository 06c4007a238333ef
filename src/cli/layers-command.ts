import { Command, Option } from "commander";
import { InputError } from "../errors.js";
import type { LayersOptions } from "../options/layers.js";
import type { CliIO } from "./cli-io.js";
import { parseFlags } from "./parse-flags.js";

const EXAMPLES = `
Examples:
  $ actviz layers mlp.safetensors                 the dense layers, in -> out, bias, dtype; tensors ignored
  $ actviz layers model/ --layers fc1,fc2         a folder of .npy files, in the order given
  $ actviz layers keras.npz --weight-layout in-out
  $ actviz layers mlp.safetensors --json | jq '.layers[].outputs'
  $ actviz layers model.pth                       a PyTorch state dict or training checkpoint
  $ actviz layers cnn.onnx                        every tensor of the graph, activation outputs with their --layer N

Lists the layers exactly as 'actviz neurons --weights FILE' runs them (--layer N is the LAYER
column), with the same --layers, --weight-layout and --no-bias. A file that would not run is
still listed (JSON weights: checked whole); the error the forward pass would stop with then
ends the run (exit 2).`;

/** `actviz layers FILE`: what a weights file holds, as `neurons --weights` would read it. */
export function layersCommand(io: CliIO): Command {
  return new Command("layers")
    .description("list what a model file holds: the dense layers (name, in -> out, bias, dtype) and the tensors ignored, or an ONNX graph's tensors with their --layer N")
    .argument("<file>", "weights: .safetensors, .pt/.pth, .npz, Keras .h5/.keras, a folder of .npy files, JSON {\"layers\": [...]}, an ONNX model, or - for stdin")
    .option("--json", "machine-readable JSON")
    .option("--layers <names>", "the layer order, e.g. fc1,fc2,fc3 (default: natural sort of the tensor names)")
    .option("--no-bias", "the model has no bias tensors")
    .addOption(new Option("--weight-layout <layout>", "out-in (PyTorch [out, in]) or in-out (Keras [in, out]) (default: out-in)").choices(["out-in", "in-out"]))
    .addHelpText("after", EXAMPLES)
    .action(async (file: string, flags: Record<string, unknown>) => {
      const { layersOptionsSchema } = await import("../options/layers.js");
      const { bias, ...rest } = flags;
      const o = parseFlags(layersOptionsSchema, { ...rest, ...(bias === false ? { bias: false } : {}), weights: file });
      await runLayers(o, io);
    });
}

async function runLayers(o: LayersOptions, io: CliIO): Promise<void> {
  const [{ readBytes }, { readWeightsInput }, { describeWeights }, text, { isOnnx }] = await Promise.all([
    import("../io/read-bytes.js"),
    import("../io/weights/read-weights-input.js"),
    import("../io/weights/describe-weights.js"),
    import("./layers-text.js"),
    import("../jobs/onnx/onnx-runs.js"),
  ]);
  const stdin = o.weights === "-";
  const source = stdin ? "<stdin>" : o.weights;
  const input = stdin ? { kind: "file" as const, bytes: await readBytes("-", io.stdin) } : await readWeightsInput(o.weights);
  // an ONNX model: every tensor of its graph, with the --layer N of its activation outputs
  if (input.kind === "file" && isOnnx(input.bytes, source)) {
    const [{ describeOnnx }, { formatOnnxLayers }] = await Promise.all([import("../io/onnx/describe-onnx.js"), import("../io/onnx/format-onnx-layers.js")]);
    const d = describeOnnx(input.bytes, source);
    io.stdout.write(o.json ? text.onnxJson(d, source) : formatOnnxLayers(d, source));
    return;
  }
  const listing = describeWeights(input, source, { bias: o.bias, ...(o.weightLayout ? { layout: o.weightLayout } : {}), ...(o.layers ? { layers: o.layers } : {}) });
  io.stdout.write(o.json ? text.weightsJson(listing) : text.weightsTable(listing));
  // what neurons --weights would stop with: the same line and exit code, after the listing
  if (listing.problem) throw new InputError(listing.problem.message, listing.problem.code);
}
