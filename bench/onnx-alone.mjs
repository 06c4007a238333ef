// ONNX Runtime alone, the peer of `actviz neurons --weights cnn28.onnx` in bench/onnx.mjs: one
// process that loads onnxruntime-node, reads the model and the .npy input, creates a session with
// the options actviz uses, runs the whole batch once, fetching the tensor named by argv[4] (added
// as a graph output when it is not one), and touches every value of the result.
//   node bench/onnx-alone.mjs MODEL INPUT.npy TENSOR
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./lib.mjs";

const [model, input, tensor] = process.argv.slice(2);
const ort = await import("onnxruntime-node");
const { sessionOptions } = await import(join(ROOT, "dist", "jobs", "onnx", "onnx-runtime.js"));
const { addGraphOutputs } = await import(join(ROOT, "dist", "io", "onnx", "add-graph-outputs.js"));
const bytes = new Uint8Array(readFileSync(model));
const npy = readFileSync(input);
const header = npy.readUInt16LE(8);
const shape = /'shape': \(([^)]*)\)/.exec(npy.subarray(10, 10 + header).toString())[1].split(",").filter((s) => s.trim()).map(Number);
const x = new Float32Array(npy.buffer.slice(npy.byteOffset + 10 + header, npy.byteOffset + npy.length));
const session = await ort.InferenceSession.create(tensor === "logits" ? bytes : addGraphOutputs(bytes, [tensor]), sessionOptions());
const out = await session.run({ [session.inputNames[0]]: new ort.Tensor("float32", x, shape) }, [tensor]);
let sum = 0;
for (const v of out[tensor].data) sum += v;
process.stdout.write(`${out[tensor].dims.join("x")} ${sum}\n`);
