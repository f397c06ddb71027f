// The native prober's book of probes in flight. It knows each probe's exact send time, so a
// probe is lost once its answer is overdue: later than the smoothed RTT plus four deviations
// (RFC 6298's estimator, like in.mpathd's), never sooner than `minTimeout_ms`. Pure: the
// prober feeds it times and arms the timers.
import {
  type RttEstimate,
  retransmitTimeout,
  UNBOUNDED,
  updateRtt,
} from "../../lib/rtt-estimator.js";

const LATE_KEPT = 32;

export class ProbeLedger {
  private readonly inFlight = new Map<number, number>();
  /** Probes already called lost, by send time: a late answer still teaches the estimator. */
  private readonly lost = new Map<number, number>();
  private rtt: RttEstimate | null = null;

  constructor(
    private readonly interval_ms: number,
    private readonly minTimeout_ms = 5,
  ) {}

  /** How long after its send a probe's answer may come before the probe counts as lost. */
  timeout(): number {
    // Before the first answer nothing is known: wait one interval (and at least 1 s).
    if (this.rtt === null) return Math.max(this.interval_ms, 1000);
    return Math.max(this.minTimeout_ms, retransmitTimeout(this.rtt, UNBOUNDED) + 2);
  }

  sent(seq: number, t_ms: number): void {
    this.inFlight.set(seq, t_ms);
  }

  /**
   * The RTT of an answer to a probe in flight; null for an unknown answer or a late one (its
   * probe was reported lost already). A late answer still lengthens the timeout: a target that
   * became slower is not called lost forever.
   */
  answered(seq: number, t_ms: number): number | null {
    const late = this.lost.get(seq);
    if (late !== undefined) {
      this.lost.delete(seq);
      this.learn(Math.max(0, t_ms - late));
      return null;
    }
    const sentAt = this.inFlight.get(seq);
    if (sentAt === undefined) return null;
    this.inFlight.delete(seq);
    const rtt = Math.max(0, t_ms - sentAt);
    this.learn(rtt);
    return rtt;
  }

  private learn(rtt: number): void {
    this.rtt = updateRtt(this.rtt, rtt);
  }

  /** Probes whose answer is overdue at `now_ms`, oldest first; they leave the book. */
  overdue(now_ms: number): number[] {
    const limit = this.timeout();
    const lost: number[] = [];
    for (const [seq, sentAt] of this.inFlight) {
      if (now_ms - sentAt < limit) continue;
      lost.push(seq);
      this.inFlight.delete(seq);
      this.lost.set(seq, sentAt);
    }
    // Remember the last few only: an answer later than that is not an answer.
    for (const seq of this.lost.keys()) {
      if (this.lost.size <= LATE_KEPT) break;
      this.lost.delete(seq);
    }
    return lost;
  }

  /** When the oldest probe in flight becomes overdue, or null with none in flight. */
  nextDeadline(): number | null {
    let oldest: number | null = null;
    for (const sentAt of this.inFlight.values())
      if (oldest === null || sentAt < oldest) oldest = sentAt;
    return oldest === null ? null : oldest + this.timeout();
  }
}
