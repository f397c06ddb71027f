// Round-trip time smoothing and the timeout it implies, as RFC 6298 section 2 computes them
// for TCP's retransmission timer (and in.mpathd for its probe timeout). Pure: the caller keeps
// the estimate and passes each measured round trip in.

/** RFC 6298 2.3: gain of the smoothed RTT. */
const ALPHA = 1 / 8;
/** RFC 6298 2.3: gain of the RTT variation. */
const BETA = 1 / 4;
/** RFC 6298 2.2: how many variations above the smoothed RTT the timeout lies. */
const K = 4;

export interface RttEstimate {
  /** SRTT, the smoothed round-trip time. */
  readonly srtt_ms: number;
  /** RTTVAR, the round-trip time variation. */
  readonly rttvar_ms: number;
}

/**
 * The estimate after one more measured round trip R. RFC 6298 2.2 for the first one
 * (SRTT = R, RTTVAR = R/2); 2.3 for the next ones, RTTVAR first, from the old SRTT:
 * RTTVAR = (1 - beta) * RTTVAR + beta * |SRTT - R'|, then SRTT = (1 - alpha) * SRTT + alpha * R'.
 */
export function updateRtt(previous: RttEstimate | null, r_ms: number): RttEstimate {
  if (previous === null) return { srtt_ms: r_ms, rttvar_ms: r_ms / 2 };
  const { srtt_ms: srtt, rttvar_ms: rttvar } = previous;
  return {
    rttvar_ms: (1 - BETA) * rttvar + BETA * Math.abs(srtt - r_ms),
    srtt_ms: (1 - ALPHA) * srtt + ALPHA * r_ms,
  };
}

/** The clock granularity G and the clamp of the timeout, in milliseconds. */
export interface RtoBounds {
  granularity_ms: number;
  min_ms: number;
  max_ms: number;
}

/**
 * RFC 6298's own bounds: a timeout under 1 s is rounded up to 1 s (2.4), a maximum of at
 * least 60 s may be placed (2.5); G is a millisecond clock's.
 */
export const RFC6298_BOUNDS: RtoBounds = { granularity_ms: 1, min_ms: 1000, max_ms: 60_000 };

/** No clamp and no granularity: SRTT + K * RTTVAR itself, the longest round trip still expected. */
export const UNBOUNDED: RtoBounds = { granularity_ms: 0, min_ms: 0, max_ms: Infinity };

/** RFC 6298 2.2/2.3: RTO = SRTT + max(G, K * RTTVAR), clamped to [min, max] (2.4, 2.5). */
export function retransmitTimeout(e: RttEstimate, bounds: RtoBounds = RFC6298_BOUNDS): number {
  const rto = e.srtt_ms + Math.max(bounds.granularity_ms, K * e.rttvar_ms);
  return Math.min(bounds.max_ms, Math.max(bounds.min_ms, rto));
}
