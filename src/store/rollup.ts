// Minute roll-ups and retention. Raw rows are deleted only once their minute is rolled up,
// so a long pause in maintenance never loses history, only detail.
import type Database from "better-sqlite3";
import { RATE_KEYS } from "./schema.js";

export const MINUTE_MS = 60_000;
/** A minute is rolled up this long after it ends: the sampler's last batch may still be in flight. */
const GRACE_MS = 5_000;
/** Minutes per INSERT ... SELECT, so one catch-up after a long pause is not one huge transaction. */
const CHUNK_MINUTES = 60;

export interface Retention {
  /** Raw samples and probes (default 24 h). */
  rawMs: number;
  /** Minute roll-ups (default 30 days). */
  rollupMs: number;
}

export const DEFAULT_RETENTION: Retention = { rawMs: 24 * 3600_000, rollupMs: 30 * 86400_000 };

export interface MaintainResult {
  rolledMinutes: number;
  deletedSamples: number;
  deletedProbes: number;
  deletedRollups: number;
  /** Neighbour rows expired longer ago than the roll-ups are kept (a member's old switch ports). */
  deletedNeighbours: number;
}

const minuteOf = "CAST(t_ms / 60000 AS INTEGER) * 60000";
const rateColumns = RATE_KEYS.map((k) => `${k}_min, ${k}_max, ${k}_avg`).join(", ");
const rateAggregates = RATE_KEYS.map(
  (k) => `MIN(${k}) AS ${k}_min, MAX(${k}) AS ${k}_max, AVG(${k}) AS ${k}_avg`,
).join(", ");

// Aggregate per minute and interface, then join each group's last sample for the state
// columns (carrier, operstate, age...). A window function over every row is ~40x slower.
// carrier_down_s: the share of the minute's samples with carrier 0, times 60 s.
const ROLLUP_SAMPLES = `
  WITH g AS (
    SELECT ${minuteOf} AS minute_ms, ifname, COUNT(*) AS n, 60.0 * TOTAL(carrier = 0) / COUNT(*) AS down_s,
      MAX(t_ms) AS last_t, ${rateAggregates}
    FROM samples WHERE t_ms >= @from AND t_ms < @to GROUP BY minute_ms, ifname
  )
  INSERT OR REPLACE INTO rollups_1m (minute_ms, ifname, samples, carrier_down_s, carrier,
    operstate, carrier_changes, state_age_s, mtu, speed_mbps, ${rateColumns})
  SELECT g.minute_ms, g.ifname, g.n, g.down_s, s.carrier, s.operstate, s.carrier_changes,
    s.state_age_s, s.mtu, s.speed_mbps, ${rateColumns}
  FROM g JOIN samples AS s ON s.ifname = g.ifname AND s.t_ms = g.last_t`;

const ROLLUP_PROBES = `
  INSERT OR REPLACE INTO rollups_1m_probes
    (minute_ms, ifname, target, kind, sent, lost, rtt_avg_ms, rtt_max_ms)
  SELECT ${minuteOf}, ifname, target, kind, COUNT(*), TOTAL(ok = 0), AVG(rtt_ms), MAX(rtt_ms)
  FROM probes WHERE t_ms >= @from AND t_ms < @to
  GROUP BY ${minuteOf}, ifname, target, kind`;

function metaNumber(db: Database.Database, key: string): number | undefined {
  const row = db.prepare("SELECT value FROM meta WHERE key = ?").get(key) as
    | { value: string }
    | undefined;
  return row ? Number(row.value) : undefined;
}

export function setMeta(db: Database.Database, key: string, value: number): void {
  db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)").run(key, String(value));
}

/** Where roll-ups start: the last rolled minute's end, else the oldest raw row's minute. */
function rollupStart(db: Database.Database): number | undefined {
  const done = metaNumber(db, "rolled_through_ms");
  if (done !== undefined) return done;
  const row = db
    .prepare(
      "SELECT MIN(t) AS t FROM (SELECT MIN(t_ms) AS t FROM samples UNION ALL SELECT MIN(t_ms) FROM probes)",
    )
    .get() as { t: number | null };
  return row.t === null ? undefined : Math.floor(row.t / MINUTE_MS) * MINUTE_MS;
}

/** Roll up every completed minute not yet rolled up, then apply retention. */
export function maintainStore(
  db: Database.Database,
  nowMs: number,
  retention: Retention,
): MaintainResult {
  const result: MaintainResult = {
    rolledMinutes: 0,
    deletedSamples: 0,
    deletedProbes: 0,
    deletedRollups: 0,
    deletedNeighbours: 0,
  };
  const end = Math.floor((nowMs - GRACE_MS) / MINUTE_MS) * MINUTE_MS;
  let from = rollupStart(db);
  const samples = db.prepare(ROLLUP_SAMPLES);
  const probes = db.prepare(ROLLUP_PROBES);
  while (from !== undefined && from < end) {
    const to = Math.min(end, from + CHUNK_MINUTES * MINUTE_MS);
    db.transaction(() => {
      samples.run({ from, to });
      probes.run({ from, to });
      setMeta(db, "rolled_through_ms", to);
    })();
    result.rolledMinutes += (to - from) / MINUTE_MS;
    from = to;
  }
  const rolled = metaNumber(db, "rolled_through_ms") ?? Number.NEGATIVE_INFINITY;
  const rawCut = Math.min(nowMs - retention.rawMs, rolled);
  if (Number.isFinite(rawCut)) {
    result.deletedSamples = db.prepare("DELETE FROM samples WHERE t_ms < ?").run(rawCut).changes;
    result.deletedProbes = db.prepare("DELETE FROM probes WHERE t_ms < ?").run(rawCut).changes;
  }
  const rollupCut = nowMs - retention.rollupMs;
  result.deletedRollups =
    db.prepare("DELETE FROM rollups_1m WHERE minute_ms < ?").run(rollupCut).changes +
    db.prepare("DELETE FROM rollups_1m_probes WHERE minute_ms < ?").run(rollupCut).changes;
  result.deletedNeighbours = db
    .prepare("DELETE FROM neighbours WHERE expired_ms < ?")
    .run(rollupCut).changes;
  return result;
}
