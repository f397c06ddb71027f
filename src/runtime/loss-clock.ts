// When is a probe lost? iputils `ping -O` says so only when it sends the next probe, one
// interval late. Like in.mpathd, we call a probe lost once its answer is overdue: the next
// answer is expected one probe spacing after the last (the spacing ping really keeps, learned
// from the answers) plus a timeout. Pure: the prober feeds it and sets the timer.
/** ping's preload (`-l`): probes it may send at once to keep its spacing (ping-prober.ts). */
export const PING_PRELOAD = 2;

export class LossClock {
  private lastReplySeq = -1;
  private lastReply_ms: number | null = null;
  private nextDue_ms: number | null = null;
  /** The highest sequence number answered or declared lost: ping's own late report of one of
   * these is not counted again. */
  private declaredThrough = 0; // ping numbers its probes from 1
  /** Learned spacing between answers (ping's real interval, ~23 ms for -i 0.02 here). */
  private gap_ms: number;
  /** Learned deviation of that spacing: a jittery or slow target earns a longer timeout. */
  private dev_ms: number;

  /**
   * `fixedTimeout_ms` pins the timeout; by default it adapts like in.mpathd's (average + 4 x
   * deviation, here of the answers' spacing), between 5 ms and one probe interval.
   */
  constructor(
    private readonly interval_ms: number,
    private readonly fixedTimeout_ms?: number,
  ) {
    this.gap_ms = interval_ms;
    this.dev_ms = interval_ms / 8;
  }

  /** How late an answer may be before its probe counts as lost. */
  timeout(): number {
    if (this.fixedTimeout_ms !== undefined) return this.fixedTimeout_ms;
    return Math.max(5, Math.min(this.interval_ms, 4 * this.dev_ms + 2));
  }

  reply(seq: number, t_ms: number): void {
    if (seq <= this.lastReplySeq) return;
    if (this.lastReply_ms !== null && seq === this.lastReplySeq + 1) {
      const gap = t_ms - this.lastReply_ms;
      // Learn only plausible spacings: a late answer after a gap must not stretch the clock.
      if (gap > this.interval_ms * 0.5 && gap < this.interval_ms * 2) {
        this.dev_ms = 0.75 * this.dev_ms + 0.25 * Math.abs(gap - this.gap_ms);
        this.gap_ms = 0.8 * this.gap_ms + 0.2 * gap;
      }
    }
    this.lastReplySeq = seq;
    this.lastReply_ms = t_ms;
    this.nextDue_ms = t_ms + this.gap_ms + this.timeout();
    this.declaredThrough = Math.max(this.declaredThrough, seq);
  }

  /** When the next answer is overdue, or null before the first answer. */
  deadline(): number | null {
    return this.nextDue_ms;
  }

  /** Called at the deadline: declares the next probe lost and moves the deadline one spacing. */
  overdue(now_ms: number): number | null {
    if (this.nextDue_ms === null || now_ms < this.nextDue_ms) return null;
    this.declaredThrough += 1;
    this.nextDue_ms += this.gap_ms;
    return this.declaredThrough;
  }

  /**
   * ping reported a loss itself ("no answer yet" for the probe before the one it sends now,
   * or an ICMP error): the probes now counted lost, oldest first. A preloaded ping (`-l 2`)
   * sends a late probe's successor at once, before the answer can be read, so a line alone
   * proves little:
   * - once answers come, the clock calls a probe lost only when it is due;
   * - before the first answer there is no deadline and the lines are the losses, but ping's
   *   first probes leave together: their line comes at once, and counts with the next one.
   * A loss this clock already declared is not counted again.
   */
  lostLine(seq: number, now_ms: number): number[] {
    if (this.nextDue_ms === null) {
      if (seq < PING_PRELOAD) return [];
      const lost: number[] = [];
      for (let s = this.declaredThrough + 1; s <= seq; s++) lost.push(s);
      this.declaredThrough = Math.max(this.declaredThrough, seq);
      return lost;
    }
    if (seq <= this.declaredThrough || now_ms < this.nextDue_ms) return [];
    this.declaredThrough = seq;
    // This loss takes the deadline's place: the next one is one spacing later.
    this.nextDue_ms += this.gap_ms;
    return [seq];
  }
}
