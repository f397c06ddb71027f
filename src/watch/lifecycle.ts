// When a daemon stops: at the end of --duration, or on SIGINT or SIGTERM, whichever comes
// first. The signals and the timer are arguments, so a test sends its own.

type StopSignal = "SIGINT" | "SIGTERM";
type StopReason = StopSignal | "duration";

/** The part of `process` this needs. */
export interface SignalSource {
  once(signal: StopSignal, fn: () => void): unknown;
  removeListener(signal: StopSignal, fn: () => void): unknown;
}

/** The part of the timers this needs. */
export interface StopTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(timer: unknown): void;
}

const realTimers: StopTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (t) => clearTimeout(t as NodeJS.Timeout),
};

export interface StopWait {
  /** Resolves with what stopped the daemon. */
  readonly reason: Promise<StopReason>;
  /** Removes the signal handlers left (call once shut down): a second run adds its own. */
  release(): void;
}

/**
 * Waits for the first of --duration (`durationMs`, none when undefined), SIGINT and SIGTERM.
 * The handlers stay until `release`, so a signal during shutdown is taken as before.
 */
export function waitForStop(
  durationMs: number | undefined,
  signals: SignalSource = process,
  timers: StopTimers = realTimers,
): StopWait {
  let done: (r: StopReason) => void = () => undefined;
  const reason = new Promise<StopReason>((resolve) => {
    done = resolve;
  });
  let timer: unknown;
  const stop = (r: StopReason) => {
    // A signal before --duration ends must not leave the process waiting for the timer.
    if (timer !== undefined) timers.clearTimeout(timer);
    done(r);
  };
  const onInt = () => stop("SIGINT");
  const onTerm = () => stop("SIGTERM");
  signals.once("SIGINT", onInt);
  signals.once("SIGTERM", onTerm);
  if (durationMs !== undefined) timer = timers.setTimeout(() => stop("duration"), durationMs);
  return {
    reason,
    release: () => {
      signals.removeListener("SIGINT", onInt);
      signals.removeListener("SIGTERM", onTerm);
    },
  };
}
