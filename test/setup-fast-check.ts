import fc from "fast-check";

// A property that fails can spend minutes shrinking its counterexample, and a synchronous
// fc.assert cannot be stopped by vitest's test timeout: cap every property run (shrinking
// included) and count an interrupted run as a failure, so CI never hangs.
fc.configureGlobal({ interruptAfterTimeLimit: 20_000, markInterruptAsFailure: true });
