// What is true now, as the store last heard it: the latest sample per interface from the last
// minute, and the latest result per probe path from the last 10 s (GET /api/health).
import type Database from "better-sqlite3";

export interface LatestSample {
  ifname: string;
  last_ms: number;
  carrier: number | null;
  speed_mbps: number | null;
  /** 1 when carrier_changes moved within the minute. */
  flapped: number | null;
}

export interface LatestProbe {
  ifname: string;
  target: string;
  kind: string;
  ok: number;
  rtt_ms: number | null;
}

export function latestSamples(db: Database.Database): LatestSample[] {
  return db
    .prepare(
      `SELECT ifname, MAX(t_ms) AS last_ms, carrier, speed_mbps,
         MIN(carrier_changes) <> MAX(carrier_changes) AS flapped
       FROM samples WHERE t_ms >= (SELECT MAX(t_ms) FROM samples) - 60000
       GROUP BY ifname ORDER BY ifname`,
    )
    .all() as LatestSample[];
}

/** SQLite's bare columns in a MAX() aggregate come from the row holding the maximum. */
export function latestProbes(db: Database.Database): LatestProbe[] {
  return db
    .prepare(
      `SELECT ifname, target, kind, MAX(t_ms) AS t, ok, rtt_ms FROM probes
       WHERE t_ms >= (SELECT MAX(t_ms) FROM probes) - 10000
       GROUP BY ifname, target, kind ORDER BY ifname, target, kind`,
    )
    .all() as LatestProbe[];
}
