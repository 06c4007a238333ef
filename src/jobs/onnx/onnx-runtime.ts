import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import type * as Ort from "onnxruntime-node";
import { UsageError } from "../../errors.js";

/** The ONNX Runtime module actviz runs ONNX models with (an optional peer dependency). */
export type OnnxRuntime = typeof Ort;

/** The runtime package and the exact version package.json pins. */
export const ONNX_RUNTIME = "onnxruntime-node@1.31.1";

/** Imports the runtime; the default imports onnxruntime-node. Tests pass their own. */
export type RuntimeLoader = () => Promise<OnnxRuntime>;

// required (a CommonJS package), not imported: the CLI's bundle has no import() (see cli/bundle-loader.ts)
const importRuntime: RuntimeLoader = async () => createRequire(import.meta.url)("onnxruntime-node") as OnnxRuntime;

/**
 * The runtime, loaded when an ONNX model is first run (nobody else pays for its ~30 MB native
 * library). Not installed: a UsageError (exit 2) naming the one install command. Installed but
 * unloadable (no build for this platform): a UsageError with the loader's first line.
 */
export async function loadOnnxRuntime(source: string, load: RuntimeLoader = importRuntime): Promise<OnnxRuntime> {
  try {
    return await load();
  } catch (err) {
    const e = err as { code?: string; message?: string };
    const missing = e.code === "ERR_MODULE_NOT_FOUND" || e.code === "MODULE_NOT_FOUND" || /Cannot find (package|module) 'onnxruntime-node'/.test(e.message ?? "");
    const what = missing ? "ONNX Runtime is not installed" : `ONNX Runtime did not load: ${String(e.message ?? err).split("\n")[0]}`;
    throw new UsageError(`--weights ${source}: ${what} (expected it installed beside actviz: npm install ${ONNX_RUNTIME})`, "E_RUNTIME", { cause: err });
  }
}

/**
 * Session options: one intra-op thread on a machine of 2 cores or fewer (measured on 2 shared
 * cores: 1 thread ~75 ms per 1,000 28x28 images, 2 threads 105-145 ms, the default slower still),
 * else half the cores up to 4, without spinning threads. Sequential execution, one inter-op thread.
 */
export function sessionOptions(cores = availableParallelism()): Ort.InferenceSession.SessionOptions {
  const threads = cores <= 2 ? 1 : Math.min(4, Math.floor(cores / 2));
  return {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: "sequential",
    extra: { session: { intra_op: { allow_spinning: "0" } } },
  };
}
