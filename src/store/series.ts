// The series reads behind GET /api/series: samples and probe results per interface, bucketed
// in SQL so an answer holds at most a given number of values per series whatever the window.
// Rows come back positional (an iterator, never a whole array: a 24 h answer is ~50k rows).
import type Database from "better-sqlite3";
import { DEFAULT_RETENTION } from "./rollup.js";

/** Where a series is read from: raw samples, or minute roll-ups (one row per bucket when the
 * step is exactly a minute: no grouping needed). */
export type SeriesSource = "raw" | "1m" | "minute";

type Cell = number | null;
/** ifname, bucket start, rx/tx bit/s, rx/tx packets/s, carrier min and max, flapped (0/1). */
export type SampleBucket = [string, number, Cell, Cell, Cell, Cell, Cell, Cell, Cell];
/** ifname, target, kind, bucket start, sent, lost, mean RTT of the answered ones. */
export type ProbeBucket = [string, string, string, number, Cell, Cell, Cell];

export interface BucketParams {
  from: number;
  to: number;
  step: number;
  /** JSON array of interface names, or null for all. */
  ifs: string | null;
}

/** How long raw samples are kept, as the writer recorded it (default when it did not). */
export function rawRetentionMs(db: Database.Database): number {
  const v = db.prepare("SELECT value FROM meta WHERE key = 'raw_retention_ms'").pluck().get();
  return v === undefined ? DEFAULT_RETENTION.rawMs : Number(v);
}

/** Raw sample rows in [from, to): counting a range of the (t_ms, ifname) key is cheap. */
export function countSamples(db: Database.Database, from: number, to: number): number {
  return db
    .prepare("SELECT COUNT(*) FROM samples WHERE t_ms >= ? AND t_ms < ?")
    .pluck()
    .get(from, to) as number;
}

const IFS = "AND (@ifs IS NULL OR ifname IN (SELECT value FROM json_each(@ifs)))";

// A bucket flapped when carrier or the kernel's carrier_changes counter differ inside it.
const RAW_SAMPLES = `
  SELECT ifname, @from + CAST((t_ms - @from) / @step AS INTEGER) * @step AS b,
    AVG(rx_bps), AVG(tx_bps), AVG(rx_pps), AVG(tx_pps),
    MIN(carrier), MAX(carrier), MIN(carrier_changes) <> MAX(carrier_changes)
  FROM samples WHERE t_ms >= @from AND t_ms < @to ${IFS}
  GROUP BY ifname, b ORDER BY ifname, b`;

// Roll-ups: averages weighted by the minute's sample count; a minute that was partly without
// carrier (0 < carrier_down_s < 60) flapped.
const ROLLUP_SAMPLES = `
  SELECT ifname, @from + CAST((minute_ms - @from) / @step AS INTEGER) * @step AS b,
    SUM(rx_bps_avg * samples) / SUM(samples), SUM(tx_bps_avg * samples) / SUM(samples),
    SUM(rx_pps_avg * samples) / SUM(samples), SUM(tx_pps_avg * samples) / SUM(samples),
    MIN(carrier), MAX(carrier),
    MIN(carrier_changes) <> MAX(carrier_changes)
      OR MAX(carrier_down_s > 0.5 AND carrier_down_s < 59.5)
  FROM rollups_1m WHERE minute_ms >= @from AND minute_ms < @to ${IFS}
  GROUP BY ifname, b ORDER BY ifname, b`;

const MINUTE_SAMPLES = `
  SELECT ifname, minute_ms, rx_bps_avg, tx_bps_avg, rx_pps_avg, tx_pps_avg, carrier, carrier,
    carrier_down_s > 0.5 AND carrier_down_s < 59.5
  FROM rollups_1m WHERE minute_ms >= @from AND minute_ms < @to ${IFS}`;

const RAW_PROBES = `
  SELECT ifname, target, kind, @from + CAST((t_ms - @from) / @step AS INTEGER) * @step AS b,
    COUNT(*), TOTAL(ok = 0), AVG(CASE WHEN ok = 1 THEN rtt_ms END)
  FROM probes WHERE t_ms >= @from AND t_ms < @to ${IFS}
  GROUP BY ifname, target, kind, b ORDER BY ifname, target, kind, b`;

const ROLLUP_PROBES = `
  SELECT ifname, target, kind, @from + CAST((minute_ms - @from) / @step AS INTEGER) * @step AS b,
    SUM(sent), SUM(lost),
    SUM(rtt_avg_ms * (sent - lost)) / SUM(CASE WHEN rtt_avg_ms IS NOT NULL THEN sent - lost END)
  FROM rollups_1m_probes WHERE minute_ms >= @from AND minute_ms < @to ${IFS}
  GROUP BY ifname, target, kind, b ORDER BY ifname, target, kind, b`;

const MINUTE_PROBES = `
  SELECT ifname, target, kind, minute_ms, sent, lost, rtt_avg_ms
  FROM rollups_1m_probes WHERE minute_ms >= @from AND minute_ms < @to ${IFS}`;

const SAMPLES: Record<SeriesSource, string> = {
  raw: RAW_SAMPLES,
  "1m": ROLLUP_SAMPLES,
  minute: MINUTE_SAMPLES,
};
const PROBES: Record<SeriesSource, string> = {
  raw: RAW_PROBES,
  "1m": ROLLUP_PROBES,
  minute: MINUTE_PROBES,
};

/** Sample buckets, in time order per interface (any order between interfaces). */
export function sampleBuckets(
  db: Database.Database,
  source: SeriesSource,
  params: BucketParams,
): IterableIterator<SampleBucket> {
  return db.prepare(SAMPLES[source]).raw().iterate(params) as IterableIterator<SampleBucket>;
}

/** Probe buckets, in time order per path (any order between paths). */
export function probeBuckets(
  db: Database.Database,
  source: SeriesSource,
  params: BucketParams,
): IterableIterator<ProbeBucket> {
  return db.prepare(PROBES[source]).raw().iterate(params) as IterableIterator<ProbeBucket>;
}
