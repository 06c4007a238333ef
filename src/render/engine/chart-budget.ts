import vm from "node:vm";
import { ActvizError } from "../../errors.js";
import { testSeams } from "../../test-seams.js";

/** A chart's synchronous drawing may take this long by default: far beyond any real chart. */
export const DEFAULT_CHART_BUDGET_MS = 30_000;

/** The budget per chart, in ms: ACTVIZ_CHART_TIMEOUT_MS when it is a number > 0, else the default. */
export function chartBudgetMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.ACTVIZ_CHART_TIMEOUT_MS;
  const n = raw === undefined || raw.trim() === "" ? NaN : Number(raw);
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_CHART_BUDGET_MS;
}

/** A chart that did not finish drawing within its budget: a bug (an endless loop we missed), exit 70. */
export class ChartTimeoutError extends ActvizError {
  constructor(budgetMs: number) {
    super(`internal error: a chart was still drawing after ${budgetMs} ms (the ACTVIZ_CHART_TIMEOUT_MS budget), so it was stopped; this is a bug, please report it`, "E_CHART_TIMEOUT", 70);
  }
}

interface Slot {
  fn: (() => unknown) | undefined;
  result: unknown;
}
let slot: Slot | undefined;
let context: vm.Context | undefined;
let script: vm.Script | undefined;
/** Charts drawn so far by this process (for testSeams.chart). */
let calls = 0;
/** The error that stopped a chart: every later call throws it (the process is ending). */
let stopped: ActvizError | undefined;

/**
 * Runs `fn` (the synchronous part of drawing a chart) under a watchdog: node's vm timeout
 * interrupts even a synchronous endless loop after `budgetMs` (a thread of node's watches the
 * clock), which a JavaScript timer or signal handler could never do while the loop holds the
 * thread. A timeout is a ChartTimeoutError; after one, every later call throws it at once.
 * SIGINT and SIGTERM are left to the CLI's handlers, which run between charts: during a chart
 * that spins they run when its budget ends it. (vm's breakOnSigint would stop a chart at once
 * on Ctrl-C, but a SIGINT that lands just as a chart ends is then lost: node drops it.)
 * `fn`'s own errors pass through unchanged. A test's entry script may replace the n-th chart of
 * the process by an endless loop (testSeams.chart), to test the watchdog.
 */
export function withinBudget<T>(fn: () => T, budgetMs = chartBudgetMs()): T {
  // once a chart was stopped the run is over: the charts already queued behind it fail at once,
  // so control returns to the event loop (and a pending SIGTERM handler) without another spin
  if (stopped) throw stopped;
  slot ??= { fn: undefined, result: undefined };
  context ??= vm.createContext({ slot });
  script ??= new vm.Script("slot.result = slot.fn()");
  calls++;
  slot.fn = testSeams.chart?.n === calls ? testSeams.chart.draw : fn;
  try {
    script.runInContext(context, { timeout: budgetMs });
    return slot.result as T;
  } catch (err) {
    const code = (err as { code?: unknown } | null)?.code;
    if (code === "ERR_SCRIPT_EXECUTION_TIMEOUT") throw (stopped = new ChartTimeoutError(budgetMs));
    throw err;
  } finally {
    slot.fn = undefined;
    slot.result = undefined;
  }
}
