// Each probe path's counters and smoothed round trip, for the status file and the adaptive
// failure detection time. The smoothing is RFC 6298's (lib/rtt-estimator.ts), the watcher's.
import { type RttEstimate, retransmitTimeout, UNBOUNDED, updateRtt } from "../lib/rtt-estimator.js";
import type { PathStats } from "./status.js";

export function newPathStats(member: string, target: string): PathStats {
  return { member, target, sent: 0, lost: 0, rtt_avg_ms: null, rtt_dev_ms: 0 };
}

function estimate(s: PathStats): RttEstimate | null {
  return s.rtt_avg_ms === null ? null : { srtt_ms: s.rtt_avg_ms, rttvar_ms: s.rtt_dev_ms };
}

/** Counts one probe; an answered one teaches the estimator (SRTT and RTTVAR). */
export function recordProbe(s: PathStats, ok: boolean, rtt_ms: number | null): void {
  s.sent++;
  if (!ok) s.lost++;
  if (rtt_ms === null) return;
  const e = updateRtt(estimate(s), rtt_ms);
  s.rtt_avg_ms = e.srtt_ms;
  s.rtt_dev_ms = e.rttvar_ms;
}

/** The longest round trip still expected on any of the paths (SRTT + 4 RTTVAR); null: none answered yet. */
export function worstRtt(paths: PathStats[]): number | null {
  const estimates = paths.flatMap((p) => estimate(p) ?? []);
  if (estimates.length === 0) return null;
  return Math.max(...estimates.map((e) => retransmitTimeout(e, UNBOUNDED)));
}
