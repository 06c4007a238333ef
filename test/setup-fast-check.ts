import fc from "fast-check";

// A property that fails can spend minutes shrinking its counterexample, and a synchronous
// fc.assert cannot be stopped by vitest's test timeout: cap every property run (shrinking
// included) and count an interrupted run as a failure, so CI never hangs.
//
// FUZZ_SEED fixes the seed of every property (.ci/run sets one: CI draws the same cases on every
// run, so a change lands or not on its own merits, never on a case one run happened to draw).
// Without it each run draws new seeds and explores further; a failure prints its seed, and
// FUZZ_SEED=<seed> replays it.
const seed = process.env.FUZZ_SEED === undefined || process.env.FUZZ_SEED === "" ? undefined : Number(process.env.FUZZ_SEED);
if (seed !== undefined && !Number.isSafeInteger(seed)) throw new Error(`FUZZ_SEED=${process.env.FUZZ_SEED} is not an integer`);
fc.configureGlobal({ interruptAfterTimeLimit: 20_000, markInterruptAsFailure: true, ...(seed === undefined ? {} : { seed }) });
