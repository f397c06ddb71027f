// A client's measured outage from `ping -D` output: the longest silence between two replies
// (or from the fault to the first reply after it). Pure.

export interface PingStats {
  sent: number;
  received: number;
  /** The longest time without a reply, in ms, and when it began (ping's own clock, ms). */
  longest_gap_ms: number;
  gap_started_ms: number | null;
  /** Still no reply at the end: the outage had not ended when the client stopped. */
  unrecovered: boolean;
}

const REPLY_RE = /^\[(\d+\.\d+)\] \d+ bytes from .*icmp_seq=(\d+)/;

/** Reply instants (ms) from `ping -D` lines. */
function replyTimes(lines: readonly string[]): { t_ms: number; seq: number }[] {
  return lines.flatMap((l) => {
    const m = REPLY_RE.exec(l);
    return m?.[1] && m[2] ? [{ t_ms: Number(m[1]) * 1000, seq: Number(m[2]) }] : [];
  });
}

/**
 * The outage a client saw: the longest gap between consecutive replies, counting the gap up
 * to `end_ms` (ping's clock) when the replies stopped for good.
 */
export function pingStats(
  lines: readonly string[],
  sent: number,
  end_ms: number,
  intervalMs: number,
): PingStats {
  const replies = replyTimes(lines);
  let longest = 0;
  let started: number | null = null;
  for (let i = 1; i < replies.length; i++) {
    const a = replies[i - 1];
    const b = replies[i];
    if (a && b && b.t_ms - a.t_ms > longest) {
      longest = b.t_ms - a.t_ms;
      started = a.t_ms;
    }
  }
  const last = replies.at(-1);
  const tail = last ? end_ms - last.t_ms : 0;
  const unrecovered = tail > 3 * intervalMs + 1000;
  if (unrecovered && tail > longest) {
    longest = tail;
    started = last?.t_ms ?? null;
  }
  return {
    sent,
    received: replies.length,
    longest_gap_ms: Math.round(longest),
    gap_started_ms: started,
    unrecovered,
  };
}
