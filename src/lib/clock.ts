// The time the daemons run on, passed in so that tests can run them: the system clock for a
// daemon, a hand-turned one for tests (seconds of failover or detection logic in microseconds).

export interface Clock {
  now(): number;
  /** Calls `fn` every `ms` until the returned function is called. */
  every(ms: number, fn: () => void): () => void;
  /** Calls `fn` once after `ms` unless the returned function is called first. */
  after(ms: number, fn: () => void): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  every(ms, fn) {
    const id = setInterval(fn, ms);
    return () => clearInterval(id);
  },
  after(ms, fn) {
    const id = setTimeout(fn, ms);
    return () => clearTimeout(id);
  },
};

/** A clock that moves only when told to, firing its timers in time order on the way. */
export class ManualClock implements Clock {
  private timers: { at: number; every: number | null; fn: () => void; id: number }[] = [];
  private nextId = 0;

  constructor(private t = 0) {}

  now(): number {
    return this.t;
  }

  every(ms: number, fn: () => void): () => void {
    return this.add(ms, ms, fn);
  }

  after(ms: number, fn: () => void): () => void {
    return this.add(ms, null, fn);
  }

  /** Moves the time forward by `ms`, firing each timer due on the way at its own time. */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const due = this.timers
        .filter((x) => x.at <= end)
        .sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.t = due.at;
      if (due.every === null) this.timers = this.timers.filter((x) => x !== due);
      else due.at += due.every;
      due.fn();
    }
    this.t = end;
  }

  /** Timers still armed. */
  pending(): number {
    return this.timers.length;
  }

  private add(ms: number, every: number | null, fn: () => void): () => void {
    const timer = { at: this.t + ms, every, fn, id: this.nextId++ };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((x) => x !== timer);
    };
  }
}
