// How a daemon (watch or mpath) runs and stops: until the end of --duration, or SIGINT or
// SIGTERM, whichever comes first; then its parts close one after another in the order given,
// each awaited, so that moves under way finish before the ip session they use closes. The
// signals, the timers and the clock are arguments, so a test sends its own.

import type { Clock } from "../lib/clock.js";

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

/** Stop timers on a daemon's clock (a hand-turned one in tests). */
function clockTimers(clock: Clock): StopTimers {
  return {
    setTimeout: (fn, ms) => clock.after(ms, fn),
    clearTimeout: (cancel) => (cancel as () => void)(),
  };
}

/**
 * Resolves when a stop signal arrives or `duration_ms` has passed, whichever comes first, and
 * lets go of the signals at once (for a daemon that ignores a second signal while it closes).
 */
export async function untilStopped(
  clock: Clock,
  duration_ms: number | undefined,
  signals: SignalSource = process,
): Promise<"SIGINT" | "SIGTERM" | "duration"> {
  const stop = waitForStop(duration_ms, signals, clockTimers(clock));
  const why = await stop.reason;
  stop.release();
  return why;
}

/**
 * Runs the closers one after another, in order. One that fails does not keep the rest open;
 * the first failure is thrown once all have run.
 */
export async function closeInOrder(closers: (() => unknown)[]): Promise<void> {
  const failures: unknown[] = [];
  for (const close of closers) {
    try {
      await close();
    } catch (err) {
      failures.push(err);
    }
  }
  if (failures.length) throw failures[0];
}
