// One way for the daemon to run and stop: until SIGINT, SIGTERM or the end of `--duration`,
// then its parts close one after another in the order given, each awaited, so that moves
// under way finish before the ip session they use closes.

import type { Clock } from "../lib/clock.js";
import { type SignalSource, type StopTimers, waitForStop } from "../watch/lifecycle.js";

/** The watcher's stop timer on mpath's clock (a hand-turned one in tests). */
function clockTimers(clock: Clock): StopTimers {
  return {
    setTimeout: (fn, ms) => clock.after(ms, fn),
    clearTimeout: (cancel) => (cancel as () => void)(),
  };
}

/**
 * Resolves when a stop signal arrives or `duration_ms` has passed, whichever comes first (the
 * watcher's waitForStop); mpath then lets go of the signals at once.
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
