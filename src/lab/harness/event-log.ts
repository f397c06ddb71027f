// What a lab daemon has said so far, and bounded waits for what it has yet to say: a wait
// resolves with the first matching event (seen already or still to come), rejects at its
// bound naming what it waited for, or at once when the daemon is gone. Time is a Clock, so
// tests turn it by hand.
import type { Clock } from "../../lib/clock.js";

interface Waiter<E> {
  match: (e: E) => boolean;
  resolve: (e: E) => void;
  reject: (err: Error) => void;
}

export class EventLog<E> {
  private readonly waiters: Waiter<E>[] = [];

  /** `events`: where they are kept (a report's own list, say); appended to, never replaced. */
  constructor(
    private readonly clock: Clock,
    private readonly events: E[] = [],
  ) {}

  /** Every event so far, in arrival order. */
  all(): readonly E[] {
    return this.events;
  }

  push(e: E): void {
    this.events.push(e);
    for (const w of [...this.waiters]) if (w.match(e)) this.settle(w).resolve(e);
  }

  /** The first event matching, waiting at most `timeoutMs`; rejects with "no WHAT within N ms". */
  waitFor(what: string, match: (e: E) => boolean, timeoutMs: number): Promise<E> {
    const seen = this.events.find(match);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const cancel = this.clock.after(timeoutMs, () =>
        this.settle(waiter).reject(new Error(`no ${what} within ${timeoutMs} ms`)),
      );
      const waiter: Waiter<E> = {
        match,
        resolve: (e) => {
          cancel();
          resolve(e);
        },
        reject: (err) => {
          cancel();
          reject(err);
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** Fails every wait still pending (the daemon exited: nothing more will come from it). */
  failPending(err: Error): void {
    for (const w of this.waiters.splice(0)) w.reject(err);
  }

  /** Waits still pending. */
  pending(): number {
    return this.waiters.length;
  }

  private settle(w: Waiter<E>): Waiter<E> {
    const i = this.waiters.indexOf(w);
    if (i >= 0) this.waiters.splice(i, 1);
    return w;
  }
}
