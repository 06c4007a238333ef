import type { TorchDtype } from "./torch-dtype.js";

/** A storage a persistent id names: `key` is the zip entry data/<key> or the legacy record. */
export class TorchStorage {
  constructor(
    readonly key: string,
    readonly dtype: TorchDtype,
    /** Elements in the storage (or the legacy view of it). */
    readonly numel: number,
    /** Legacy views: where the view starts in the root storage, in elements. */
    readonly elementOffset = 0,
  ) {}
}

/** A tensor as `torch._utils._rebuild_tensor_v2` describes it: a strided view of a storage. */
export class TorchTensor {
  constructor(
    readonly storage: TorchStorage,
    readonly offset: number,
    readonly shape: readonly number[],
    readonly stride: readonly number[],
  ) {}
}

/** A class torch pickles by name (a storage type, a tensor class, a dtype), usable only as a value. */
export class TorchClass {
  constructor(
    readonly qualname: string,
    readonly dtype?: TorchDtype,
  ) {}
}
