// in.mpathd's back-off: targets that answer slower than the probe spacing allows stretch the
// failure detection time (up to 10 x the configured one); fast answers bring it back. Pure.
export function nextProbeInterval(
  base_ms: number,
  current_ms: number,
  worstRtt_ms: number,
): number {
  if (worstRtt_ms > current_ms * 0.9 && current_ms < base_ms * 10)
    return Math.min(base_ms * 10, current_ms * 2);
  if (worstRtt_ms < current_ms / 4 && current_ms > base_ms)
    return Math.max(base_ms, Math.round(current_ms / 2));
  return current_ms;
}
