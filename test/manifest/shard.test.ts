import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { inShard, parseShard } from "../../src/manifest/shard.js";

describe("shards", () => {
  it("parseShard('2/4') is shard 2 of 4; 0/4, 5/4, 1/0 and 'x' are refused", () => {
    expect(parseShard("2/4")).toEqual({ index: 2, count: 4 });
    for (const bad of ["0/4", "5/4", "1/0", "x", "1/2/3"]) expect(() => parseShard(bad), bad).toThrow(/--shard: .* is not I\/N/);
  });

  it("inShard(i, I/N): for every figure exactly one of the N shards holds it", () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.integer({ min: 1, max: 40 }), (position, count) => {
        const holders = Array.from({ length: count }, (_, k) => inShard(position, { index: k + 1, count })).filter(Boolean);
        return holders.length === 1;
      }),
    );
  });
});
