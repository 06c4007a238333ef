import { inputError } from "../input-error.js";
import { readNpy } from "../npy/read-npy.js";
import { npzKeys, readNpz, npzEntryBytes } from "../zip/read-npz.js";
import { readNpyHeader } from "../npy/npy-header.js";
import { readSafetensors, safetensorsEntries, safetensorsNumpyDtype } from "./read-safetensors.js";
import { sniffFormat } from "../sniff.js";
import { openTorch } from "../torch/read-torch.js";
import { STORAGE_DTYPES } from "../torch/torch-dtype.js";

/** torch's dtype names ("float32") as numpy spells them ("<f4"), for listings beside the other formats. */
const TORCH_TO_NUMPY = new Map([...STORAGE_DTYPES.values()].filter((d) => d.numpy !== undefined).map((d) => [d.name, d.numpy!]));
import type { Tensor } from "../tensor.js";
import type { WeightsInput } from "./read-weights.js";

/** What a tensor's header says, without its data: shape and dtype as numpy spells it ("<f4", "bf16"). */
export interface TensorInfo {
  shape: readonly number[];
  dtype: string;
}

/**
 * One named tensor of a weights file. Both functions are lazy: an entry that no layer uses is
 * never decoded (and a corrupt one never stops a model that does not need it).
 */
export interface TensorEntry {
  name: string;
  /** Shape and dtype from the header alone (an .npz entry is inflated for it). */
  describe(): TensorInfo;
  read(): Tensor;
}

/** The tensors of a weights input by format, or "json" for a JSON `{"layers": [...]}` file (no named tensors). */
export type WeightEntries =
  /** `cheapShapes`: describe() reads a header only (safetensors, PyTorch), so every shape may be looked at. */
  | { kind: "tensors"; format: string; entries: TensorEntry[]; cheapShapes: boolean }
  | { kind: "json"; format: "json"; bytes: Uint8Array };

/**
 * THE dispatch point for weight formats: a format plugs in by returning its named tensor
 * entries here (name, lazy shape/dtype, lazy read); layer discovery, checks and `actviz layers`
 * are shared by all of them. Names are PyTorch's (`fc1.weight`, `net.0.bias`).
 */
export function weightEntries(input: WeightsInput, source: string): WeightEntries {
  if (input.kind === "folder") {
    const files = input.files;
    return {
      kind: "tensors",
      format: "npy folder",
      cheapShapes: false,
      entries: [...files.keys()].map((name) => {
        const at = `${source}/${name}.npy`;
        return { name, describe: () => npyInfo(files.get(name)!, at), read: () => readNpy(files.get(name)!, at) };
      }),
    };
  }
  const bytes = input.bytes;
  const format = sniffFormat(bytes, source);
  if (format === "json") return { kind: "json", format, bytes };
  if (format === "safetensors") {
    return {
      kind: "tensors",
      format,
      cheapShapes: true,
      entries: safetensorsEntries(bytes, source).map((e) => ({
        name: e.name,
        describe: () => ({ shape: e.shape, dtype: safetensorsNumpyDtype(e.dtype) ?? e.dtype }),
        read: () => readSafetensors(bytes, source, e.name),
      })),
    };
  }
  if (format === "npz") {
    return {
      kind: "tensors",
      format,
      cheapShapes: false,
      entries: npzKeys(bytes, source).map((name) => ({
        name,
        describe: () => npyInfo(npzEntryBytes(bytes, source, name), `${source}: array '${name}'`),
        read: () => readNpz(bytes, source, name),
      })),
    };
  }
  if (format === "pt") {
    // nested dicts flattened to dotted names (model_state_dict.fc1.weight); tensors rebuilt on read
    const file = openTorch(bytes, source);
    return {
      kind: "tensors",
      format,
      cheapShapes: true,
      entries: file.entries.map((e) => ({ name: e.name, describe: () => ({ shape: e.shape, dtype: TORCH_TO_NUMPY.get(e.dtype) ?? e.dtype }), read: () => file.read(e.name) })),
    };
  }
  // Keras files (.h5, .keras) are read by readWeights' own branch; ONNX models run in ONNX Runtime
  throw inputError(source, "", `${format} data is not a model`, "weights as .safetensors, .pt/.pth, .npz, Keras .h5 or .keras, a folder of .npy files, or JSON {\"layers\": [...]}", "E_FORMAT");
}

function npyInfo(bytes: Uint8Array, source: string): TensorInfo {
  const h = readNpyHeader(bytes, source);
  return { shape: h.shape, dtype: typeof h.descr === "string" ? h.descr : "structured" };
}
