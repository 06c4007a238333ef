import { existsSync, readFileSync, rmSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { readTensor } from "../../src/io/read-tensor.js";
import { readWeights } from "../../src/io/weights/read-weights.js";
import { describeWeights } from "../../src/io/weights/describe-weights.js";
import { sniffFormat } from "../../src/io/sniff.js";
import { openTorch, readTorch, torchEntries } from "../../src/io/torch/read-torch.js";
import { readZipDirectory } from "../../src/io/zip/zip-directory.js";
import { FIXTURES, fixture } from "./fixture.js";

type Want = { shape: number[]; dtype: string; values: (number | string)[] };
/** What torch.load read back from each fixture, flattened to dotted names (make_torch_fixtures.py). */
const expected: Record<string, Record<string, Want>> = JSON.parse(readFileSync(`${FIXTURES}torch/expected.json`, "utf8"));
const number = (v: number | string): number => (v === "nan" ? NaN : v === "inf" ? Infinity : v === "-inf" ? -Infinity : (v as number));

function thrown(read: () => unknown): InputError {
  try {
    read();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("nothing was thrown");
}

const weightsOptions = { bias: true, layout: "out-in" as const };

describe("openTorch(bytes, source)", () => {
  it.each(Object.keys(expected))("openTorch(%s) lists the tensors torch.load finds, with their shapes, dtypes and values", (file) => {
    const want = expected[file]!;
    const torch = openTorch(fixture(`torch/${file}`), file);
    expect(torch.entries.map((e) => e.name)).toEqual(Object.keys(want));
    for (const entry of torch.entries) {
      const w = want[entry.name]!;
      expect(entry.shape, entry.name).toEqual(w.shape);
      expect(entry.dtype, entry.name).toBe(w.dtype);
      const t = torch.read(entry.name);
      expect(t.shape, entry.name).toEqual(w.shape);
      expect(Array.from(t.data), entry.name).toEqual(w.values.map(number));
    }
  });

  it("openTorch(legacy format) reads the same tensors as the zip format", () => {
    const zip = openTorch(fixture("torch/tensors.pt"), "z");
    const legacy = openTorch(fixture("torch/tensors-legacy.pt"), "l");
    expect(legacy.entries).toEqual(zip.entries);
    for (const e of zip.entries) expect(Array.from(legacy.read(e.name).data), e.name).toEqual(Array.from(zip.read(e.name).data));
  });

  it("openTorch(views of one storage) gathers a row, columns, a transpose and a strided slice in row-major order", () => {
    const t = openTorch(fixture("torch/tensors.pt"), "t.pt");
    const base = t.read("base");
    const at = (r: number, c: number): number => base.data[r * 6 + c]!;
    expect(Array.from(t.read("row").data)).toEqual([0, 1, 2, 3, 4, 5].map((c) => at(1, c)));
    expect(Array.from(t.read("cols").data)).toEqual([0, 1, 2, 3].flatMap((r) => [2, 3, 4].map((c) => at(r, c))));
    expect(Array.from(t.read("transposed").data)).toEqual([0, 1, 2, 3, 4, 5].flatMap((c) => [0, 1, 2, 3].map((r) => at(r, c))));
    expect(Array.from(t.read("strided").data)).toEqual([1, 3].flatMap((r) => [0, 3].map((c) => at(r, c))));
  });

  it("openTorch(a 0-d tensor) has shape [] and one value", () => {
    const t = openTorch(fixture("torch/tensors.pt"), "t.pt").read("scalar");
    expect(t.shape).toEqual([]);
    expect(Array.from(t.data)).toEqual([3.5]);
  });

  it("openTorch(dtypes) spells them as numpy does: <f4, <f2, bf16, <f8, <i8, |b1", () => {
    const t = openTorch(fixture("torch/tensors.pt"), "t.pt");
    expect(["base", "f16", "bf16", "f64", "i64", "bool"].map((n) => t.read(n).dtype)).toEqual(["<f4", "<f2", "bf16", "<f8", "<i8", "|b1"]);
  });

  it("openTorch(an aligned float32 storage) reads it without a copy", () => {
    const bytes = fixture("torch/mlp.pth");
    expect(openTorch(bytes, "mlp.pth").read("fc1.weight").data.buffer).toBe(bytes.buffer);
  });

  it("openTorch(a changed byte in data.pkl) is E_CRC; a changed storage byte is read as it is (storages carry no checked CRC)", () => {
    const bytes = Uint8Array.from(fixture("torch/mlp.pth"));
    const entries = readZipDirectory(bytes, "m");
    const start = (name: string): number => {
      const e = entries.find((x) => x.name === name)!;
      const view = new DataView(bytes.buffer);
      return e.localHeaderOffset + 30 + view.getUint16(e.localHeaderOffset + 26, true) + view.getUint16(e.localHeaderOffset + 28, true);
    };
    const storage = Uint8Array.from(bytes);
    storage[start("mlp/data/0") + 3]! ^= 0x80; // the sign bit of fc1.weight[0, 0]
    expect(openTorch(storage, "m").read("fc1.weight").data[0]).toBe(-expected["mlp.pth"]!["fc1.weight"]!.values[0]!);
    const pickle = Uint8Array.from(bytes);
    pickle[start("mlp/data.pkl") + 40]! ^= 1;
    expect(thrown(() => openTorch(pickle, "m")).code).toBe("E_CRC");
  });

  it("openTorch(a training checkpoint with Adam's state) names every tensor by its dotted path", () => {
    const names = torchEntries(fixture("torch/checkpoint.pt"), "c.pt").map((e) => e.name);
    expect(names).toContain("model_state_dict.fc1.weight");
    expect(names).toContain("optimizer_state_dict.state.0.exp_avg_sq");
    expect(names).toContain("optimizer_state_dict.state.3.step");
    expect(names).not.toContain("epoch");
  });
});

describe("readTorch(bytes, source, key)", () => {
  it("readTorch(a file of one tensor) needs no key", () => {
    expect(readTorch(fixture("torch/acts.pt"), "acts.pt").shape).toEqual([6, 3]);
  });

  it("readTorch(a file of one tensor, a key) says the file holds no dict", () => {
    expect(thrown(() => readTorch(fixture("torch/acts.pt"), "acts.pt", "fc1")).message).toBe("acts.pt: tensor 'fc1': not found: the file holds one tensor, not a dict (expected no --key)");
  });

  it("readTorch(a dict of tensors) takes --key and lists the names without one", () => {
    expect(readTorch(fixture("torch/acts-dict.pt"), "a.pt", "fc2").shape).toEqual([6, 2]);
    expect(thrown(() => readTorch(fixture("torch/acts-dict.pt"), "a.pt")).message).toBe("a.pt: 2 tensors and no key to choose one (expected a key, one of 'fc1', 'fc2')");
  });

  it("readTensor(.pt, .pth and legacy files) sniffs them as pt, not npz", () => {
    expect(sniffFormat(fixture("torch/mlp.pth"), "mlp.pth")).toBe("pt");
    expect(sniffFormat(fixture("torch/mlp.pth"))).toBe("pt");
    expect(sniffFormat(fixture("torch/mlp-legacy.pth"))).toBe("pt");
    expect(sniffFormat(fixture("io/npz/stored.npz"))).toBe("npz");
    expect(readTensor(fixture("torch/acts-dict.pt"), { source: "-", key: "fc1" }).shape).toEqual([6, 3]);
  });

  it("readTensor(bytes that are no torch file, named .pt) says what a torch file is", () => {
    expect(thrown(() => readTensor(Uint8Array.from([1, 2, 3]), { source: "x.pt" })).message).toBe(
      "x.pt: byte 0: not a PyTorch file (expected a torch.save file: a zip archive with <prefix>/data.pkl, or the legacy format's magic number)");
  });
});

describe("refused pickles", () => {
  it("readTorch(a pickle that reduces to posix.system) is E_UNSAFE naming the global, and nothing ran", () => {
    const marker = "/tmp/actviz-torch-pickle-ran";
    rmSync(marker, { force: true });
    const error = thrown(() => readTorch(fixture("torch/bad/malicious.pt"), "malicious.pt", "fc1.weight"));
    expect(error.code).toBe("E_UNSAFE");
    expect(error.message).toBe("malicious.pt: malicious/data.pkl: byte 188: calls posix.system, which is not one of the functions torch writes for tensors; refused, nothing was run (expected only tensors, containers and numbers, as torch.save(state_dict) writes them)");
    expect(existsSync(marker)).toBe(false);
  });

  it.each(["whole-model.pt", "whole-model-legacy.pt"])("readTorch(torch.save(model), %s) is E_UNSAFE saying to save model.state_dict() or export ONNX", (file) => {
    const error = thrown(() => readTorch(fixture(`torch/bad/${file}`), file));
    expect(error.code).toBe("E_UNSAFE");
    expect(error.message).toMatch(/__main__\.Net/);
    expect(error.message).toMatch(/\(expected a state dict: torch\.save\(model\.state_dict\(\)\), or the model exported to ONNX\)$/);
  });

  it("readTorch(a truncated zip) and readTorch(a truncated legacy file) are E_TRUNCATED", () => {
    expect(thrown(() => readTorch(fixture("torch/bad/truncated.pt"), "t.pt")).code).toBe("E_TRUNCATED");
    expect(thrown(() => readTorch(fixture("torch/bad/legacy-truncated.pth"), "l.pth")).message).toMatch(/^l\.pth: byte \d+: storage '\d+' needs 12 bytes but the file has 2 \(expected the whole storage inside the file\)$/);
  });
});

describe("readWeights(.pt)", () => {
  it("readWeights(a state dict) finds fc1 and fc2 with the values torch saved", () => {
    const layers = readWeights({ kind: "file", bytes: fixture("torch/mlp.pth") }, "mlp.pth", weightsOptions);
    expect(layers.map((l) => [l.name, l.outputs, l.inputs])).toEqual([["fc1", 3, 4], ["fc2", 2, 3]]);
    expect(Array.from(layers[0]!.weight)).toEqual(expected["mlp.pth"]!["fc1.weight"]!.values);
  });

  it("readWeights(nn.Sequential's state dict) takes the layers 0 and 2", () => {
    const layers = readWeights({ kind: "file", bytes: fixture("torch/sequential.pt") }, "s.pt", weightsOptions);
    expect(layers.map((l) => l.name)).toEqual(["0", "2"]);
  });

  it("readWeights(a training checkpoint) takes model_state_dict's layers; describeWeights lists Adam's state as ignored", () => {
    const input = { kind: "file" as const, bytes: fixture("torch/checkpoint.pt") };
    const layers = readWeights(input, "c.pt", weightsOptions);
    expect(layers.map((l) => l.name)).toEqual(["model_state_dict.fc1", "model_state_dict.fc2"]);
    const ignored = describeWeights(input, "c.pt", weightsOptions).ignored.map((t) => t.name);
    expect(ignored).toHaveLength(12);
    expect(ignored.every((n) => n.startsWith("optimizer_state_dict.state."))).toBe(true);
  });

  it("readWeights(a legacy state dict) equals the zip one", () => {
    const zip = readWeights({ kind: "file", bytes: fixture("torch/mlp.pth") }, "m", weightsOptions);
    expect(readWeights({ kind: "file", bytes: fixture("torch/mlp-legacy.pth") }, "m", weightsOptions)).toEqual(zip);
  });

  it("readWeights(a conv + batch-norm state dict) is E_LAYER naming the first conv tensor and its shape, and saying to export ONNX", () => {
    const error = thrown(() => readWeights({ kind: "file", bytes: fixture("torch/conv.pt") }, "conv.pt", weightsOptions));
    expect(error.code).toBe("E_LAYER");
    expect(error.message).toBe("conv.pt: conv1.weight: is a 2-D convolution kernel, shape [4, 1, 3, 3]: actviz computes dense (Linear) layers only (expected a state dict of Linear layers; export the model to ONNX, or name its dense layers with --layers)");
  });

  it("readWeights(a conv state dict, --layers fc) computes the named dense layer", () => {
    const layers = readWeights({ kind: "file", bytes: fixture("torch/conv.pt") }, "conv.pt", { ...weightsOptions, layers: ["fc"] });
    expect(layers.map((l) => [l.name, l.outputs, l.inputs])).toEqual([["fc", 2, 4]]);
  });

  it("readWeights(--layers naming a conv layer) still names the kernel and says to export ONNX", () => {
    expect(thrown(() => readWeights({ kind: "file", bytes: fixture("torch/conv.pt") }, "conv.pt", { ...weightsOptions, layers: ["conv1"] })).code).toBe("E_LAYER");
  });

  it("readWeights(digits-mlp.pth) holds the same layers as digits-mlp.safetensors", () => {
    const pth = readWeights({ kind: "file", bytes: fixture("examples/digits-mlp.pth") }, "d", weightsOptions);
    const st = readWeights({ kind: "file", bytes: fixture("examples/digits-mlp.safetensors") }, "d", weightsOptions);
    expect(pth).toEqual(st);
  });
});
