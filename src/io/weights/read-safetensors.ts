import { z } from "zod";
import { decodeElements, type ElementType } from "../npy/decode-elements.js";
import { elementCount } from "../npy/element-count.js";
import { inputError } from "../input-error.js";
import { selectKey } from "../select-key.js";
import type { Tensor } from "../tensor.js";

/** Safetensors dtypes we decode, with their numpy spelling (bf16 has none: "bf16"). */
const DTYPES: Record<string, { numpy: string; type: ElementType }> = {
  F16: { numpy: "<f2", type: { kind: "f", size: 2, littleEndian: true } },
  BF16: { numpy: "bf16", type: { kind: "bf", size: 2, littleEndian: true } },
  F32: { numpy: "<f4", type: { kind: "f", size: 4, littleEndian: true } },
  F64: { numpy: "<f8", type: { kind: "f", size: 8, littleEndian: true } },
  I8: { numpy: "|i1", type: { kind: "i", size: 1, littleEndian: true } },
  I16: { numpy: "<i2", type: { kind: "i", size: 2, littleEndian: true } },
  I32: { numpy: "<i4", type: { kind: "i", size: 4, littleEndian: true } },
  I64: { numpy: "<i8", type: { kind: "i", size: 8, littleEndian: true } },
  U8: { numpy: "|u1", type: { kind: "u", size: 1, littleEndian: true } },
  U16: { numpy: "<u2", type: { kind: "u", size: 2, littleEndian: true } },
  U32: { numpy: "<u4", type: { kind: "u", size: 4, littleEndian: true } },
  U64: { numpy: "<u8", type: { kind: "u", size: 8, littleEndian: true } },
  BOOL: { numpy: "|b1", type: { kind: "b", size: 1, littleEndian: true } },
};

const entrySchema = z.strictObject({
  dtype: z.string(),
  shape: z.array(z.int().nonnegative()),
  data_offsets: z.tuple([z.int().nonnegative(), z.int().nonnegative()]),
});

interface Entry {
  name: string;
  dtype: string;
  shape: number[];
  begin: number;
  end: number;
}

/**
 * Lists the tensors of a .safetensors file of `fileSize` bytes in data order, dtypes spelled as
 * in the file ("F32", "BF16"), from `head`: the whole file, or its first bytes holding at least
 * the 8-byte length and the JSON header (no data byte is needed). The whole header is validated,
 * every offset against the file size.
 */
export function safetensorsEntries(head: Uint8Array, source: string, fileSize = head.length): { name: string; dtype: string; shape: number[] }[] {
  return parseHeader(head, source, fileSize).entries.map(({ name, dtype, shape }) => ({ name, dtype, shape }));
}

/** A safetensors dtype ("F32") as numpy spells it ("<f4"; "bf16"), or undefined for one we do not decode. */
export function safetensorsNumpyDtype(dtype: string): string | undefined {
  return DTYPES[dtype]?.numpy;
}

/** Reads one tensor of a .safetensors file: `key` picks it, a lone tensor is taken without one. */
export function readSafetensors(bytes: Uint8Array, source: string, key?: string): Tensor {
  const { shape, type, dtype, offset, count } = safetensorsLayout(bytes, source, bytes.length, key);
  return { shape, data: decodeElements(bytes, offset, count, type), dtype };
}

/**
 * Where the tensor `key` picks (a lone tensor without one) lies in a .safetensors file of `size`
 * bytes whose first bytes, at least its header, are `head`: its shape, element type, numpy
 * dtype, element count and the byte offset of its data. The whole header is validated.
 */
export function safetensorsLayout(head: Uint8Array, source: string, size: number, key?: string): { shape: number[]; type: ElementType; dtype: string; count: number; offset: number } {
  const { entries, dataStart } = parseHeader(head, source, size);
  const name = selectKey(entries.map((e) => e.name), key, source, "tensor");
  const entry = entries.find((e) => e.name === name)!;
  const known = DTYPES[entry.dtype];
  if (known === undefined) {
    throw inputError(source, `tensor '${name}'`, `dtype ${entry.dtype} is not supported`, `one of ${Object.keys(DTYPES).join(", ")}`, "E_DTYPE");
  }
  const count = elementCount(entry.shape, source, `tensor '${name}'`);
  return { shape: entry.shape, type: known.type, dtype: known.numpy, count, offset: dataStart + entry.begin };
}

/** The header's length in bytes (the 8 bytes before it excluded), from the first 8 bytes; RangeError-free, 0 when too short. */
export function safetensorsHeaderLength(head: Uint8Array): number {
  if (head.length < 8) return 0;
  const view = new DataView(head.buffer, head.byteOffset, head.length);
  return view.getUint32(4, true) * 4294967296 + view.getUint32(0, true);
}

function parseHeader(bytes: Uint8Array, source: string, size = bytes.length): { entries: Entry[]; dataStart: number } {
  if (size < 8) throw inputError(source, "byte 0", `file has ${size} bytes`, "an 8-byte header length", "E_TRUNCATED");
  const length = safetensorsHeaderLength(bytes);
  if (length > size - 8) {
    throw inputError(source, "byte 0", `header length ${length} exceeds the ${size - 8} bytes after it`, "a header inside the file", "E_TRUNCATED");
  }
  const dataStart = 8 + length;
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(8, dataStart)));
  } catch (cause) {
    throw inputError(source, "byte 8", `header is not valid JSON (${(cause as Error).message})`, "a UTF-8 JSON object", "E_HEADER", cause);
  }
  if (header === null || typeof header !== "object" || Array.isArray(header)) {
    throw inputError(source, "byte 8", "header is not a JSON object", '{"name": {"dtype", "shape", "data_offsets"}, ...}', "E_HEADER");
  }
  const dataLength = size - dataStart;
  const entries: Entry[] = [];
  for (const [name, value] of Object.entries(header)) {
    if (name === "__metadata__") continue;
    const place = `tensor '${name}'`;
    const parsed = entrySchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.length === 0 ? "" : `${issue.path.join(".")}: `;
      throw inputError(source, place, `${field}${issue.message}`, '{"dtype": string, "shape": [n, ...], "data_offsets": [begin, end]}', "E_HEADER");
    }
    const { dtype, shape, data_offsets: [begin, end] } = parsed.data;
    if (begin > end || end > dataLength) {
      throw inputError(source, place, `data_offsets [${begin}, ${end}] fall outside the ${dataLength} data bytes`, `0 <= begin <= end <= ${dataLength}`, "E_TRUNCATED");
    }
    const known = DTYPES[dtype];
    if (known !== undefined) {
      const needed = elementCount(shape, source, place) * known.type.size;
      if (needed !== end - begin) {
        throw inputError(source, place, `shape [${shape.join(", ")}] of ${dtype} needs ${needed} bytes but data_offsets [${begin}, ${end}] hold ${end - begin}`,
          `${needed} bytes`, "E_SHAPE");
      }
    }
    entries.push({ name, dtype, shape, begin, end });
  }
  entries.sort((a, b) => a.begin - b.begin || a.end - b.end);
  return { entries, dataStart };
}
