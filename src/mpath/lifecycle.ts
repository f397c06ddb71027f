// One way for the daemon to run and stop: until SIGINT, SIGTERM or the end of `--duration`,
// then its parts close one after another in the order given, each awaited, so that moves
// under way finish before the ip session they use closes.
import type { EventEmitter } from "node:events";
import type { Clock } from "./clock.js";

export type StopReason = "SIGINT" | "SIGTERM" | "duration";

/** Resolves when a stop signal arrives or `duration_ms` has passed, whichever comes first. */
export function untilStopped(
  clock: Clock,
  duration_ms: number | undefined,
  signals: Pick<EventEmitter, "once" | "off"> = process,
): Promise<StopReason> {
  return new Promise((resolve) => {
    const cancels: (() => void)[] = [];
    const done = (why: StopReason) => {
      for (const c of cancels) c();
      resolve(why);
    };
    for (const sig of ["SIGINT", "SIGTERM"] as const) {
      const on = () => done(sig);
      signals.once(sig, on);
      cancels.push(() => signals.off(sig, on));
    }
    if (duration_ms !== undefined) cancels.push(clock.after(duration_ms, () => done("duration")));
  });
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
