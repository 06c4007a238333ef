import { UsageError } from "../errors.js";

/** `--shard I/N` (1 <= I <= N): the shard's number and the count. */
export function parseShard(text: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : 0;
  const count = m ? Number(m[2]) : 0;
  if (!m || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard: '${text}' is not I/N (expected 1 <= I <= N, e.g. --shard 2/4)`, "E_SHARD");
  }
  return { index, count };
}

/**
 * Whether the figure at `position` (0-based, manifest order) belongs to shard I of N: figures
 * are dealt round-robin, so the shards are disjoint, together hold every figure, and a shard
 * never depends on the machine or the run.
 */
export function inShard(position: number, shard: { index: number; count: number }): boolean {
  return position % shard.count === shard.index - 1;
}
