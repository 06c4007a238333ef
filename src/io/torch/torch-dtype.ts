import type { ElementType } from "../npy/decode-elements.js";

/** A torch dtype: its name ("float32"), the numpy spelling Tensor.dtype uses, and how to decode it. */
export interface TorchDtype {
  name: string;
  size: number;
  /** Undefined for dtypes actviz does not decode (complex, quantized). */
  numpy?: string;
  type?: ElementType;
}

const le = (kind: ElementType["kind"], size: number): ElementType => ({ kind, size, littleEndian: true });

const DTYPES: Record<string, TorchDtype> = {
  FloatStorage: { name: "float32", size: 4, numpy: "<f4", type: le("f", 4) },
  DoubleStorage: { name: "float64", size: 8, numpy: "<f8", type: le("f", 8) },
  HalfStorage: { name: "float16", size: 2, numpy: "<f2", type: le("f", 2) },
  BFloat16Storage: { name: "bfloat16", size: 2, numpy: "bf16", type: le("bf", 2) },
  LongStorage: { name: "int64", size: 8, numpy: "<i8", type: le("i", 8) },
  IntStorage: { name: "int32", size: 4, numpy: "<i4", type: le("i", 4) },
  ShortStorage: { name: "int16", size: 2, numpy: "<i2", type: le("i", 2) },
  CharStorage: { name: "int8", size: 1, numpy: "|i1", type: le("i", 1) },
  ByteStorage: { name: "uint8", size: 1, numpy: "|u1", type: le("u", 1) },
  BoolStorage: { name: "bool", size: 1, numpy: "|b1", type: le("b", 1) },
  UntypedStorage: { name: "uint8", size: 1, numpy: "|u1", type: le("u", 1) },
  ComplexHalfStorage: { name: "complex32", size: 4 },
  ComplexFloatStorage: { name: "complex64", size: 8 },
  ComplexDoubleStorage: { name: "complex128", size: 16 },
  QInt8Storage: { name: "qint8", size: 1 },
  QUInt8Storage: { name: "quint8", size: 1 },
  QInt32Storage: { name: "qint32", size: 4 },
  QUInt4x2Storage: { name: "quint4x2", size: 1 },
  QUInt2x4Storage: { name: "quint2x4", size: 1 },
};

/** The storage classes torch pickles (`torch.FloatStorage`, ...) by class name. */
export const STORAGE_DTYPES: ReadonlyMap<string, TorchDtype> = new Map(Object.entries(DTYPES));

/** The same dtype for the other byte order. */
export function withByteOrder(dtype: TorchDtype, littleEndian: boolean): TorchDtype {
  if (dtype.type === undefined || littleEndian || dtype.size === 1) return dtype;
  return { ...dtype, numpy: dtype.numpy?.replace("<", ">"), type: { ...dtype.type, littleEndian } };
}

/** The dtypes actviz decodes, for messages. */
export const SUPPORTED_DTYPES = "float16, bfloat16, float32, float64, int8-int64, uint8 or bool";
