// GET /api/series: rates, link state and probe results per interface, bucketed in SQL so the
// page gets at most `points` values per series whatever the window. Raw samples for small
// recent windows, minute roll-ups otherwise. Pure given a database.
import type Database from "better-sqlite3";
import { DEFAULT_RETENTION, MINUTE_MS } from "../store/rollup.js";
import type { InterfaceSeries, ProbeSeries, SeriesResponse } from "./api.js";

export interface SeriesQuery {
  from: number;
  to: number;
  ifnames?: string[] | undefined;
  points: number;
}

export const DEFAULT_POINTS = 1500;
export const MAX_POINTS = 5000;
/** Raw rows are read only for windows up to this long, and only up to RAW_MAX_ROWS of them. */
const RAW_MAX_SPAN_MS = 2 * 3600_000;

function rawRetentionMs(db: Database.Database): number {
  const v = db.prepare("SELECT value FROM meta WHERE key = 'raw_retention_ms'").pluck().get();
  return v === undefined ? DEFAULT_RETENTION.rawMs : Number(v);
}

/** Raw rows read at most per answer: beyond this, grouping them costs more than the detail is worth. */
const RAW_MAX_ROWS = 20_000;

function chooseSource(db: Database.Database, q: SeriesQuery, nowMs: number): "raw" | "1m" {
  const inRetention = q.from >= nowMs - rawRetentionMs(db);
  if (!inRetention || q.to - q.from > RAW_MAX_SPAN_MS) return "1m";
  // Counting a range of the (t_ms, ifname) primary key is cheap next to grouping it.
  const rows = db
    .prepare("SELECT COUNT(*) FROM samples WHERE t_ms >= ? AND t_ms < ?")
    .pluck()
    .get(q.from, q.to) as number;
  return rows <= RAW_MAX_ROWS ? "raw" : "1m";
}

/** Buckets start at `from` (whole minutes for roll-ups), so the window holds at most `points`. */
function bucketsFor(source: "raw" | "1m", q: SeriesQuery): { from: number; step: number } {
  const from = source === "raw" ? q.from : Math.floor(q.from / MINUTE_MS) * MINUTE_MS;
  const step = Math.max(1, Math.ceil((q.to - from) / q.points));
  return { from, step: source === "raw" ? step : Math.ceil(step / MINUTE_MS) * MINUTE_MS };
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

// A bucket of exactly one minute is one roll-up row: no grouping (and no sort) needed.
const MINUTE_SAMPLES = `
  SELECT ifname, minute_ms, rx_bps_avg, tx_bps_avg, rx_pps_avg, tx_pps_avg, carrier, carrier,
    carrier_down_s > 0.5 AND carrier_down_s < 59.5
  FROM rollups_1m WHERE minute_ms >= @from AND minute_ms < @to ${IFS}`;

const MINUTE_PROBES = `
  SELECT ifname, target, kind, minute_ms, sent, lost, rtt_avg_ms
  FROM rollups_1m_probes WHERE minute_ms >= @from AND minute_ms < @to ${IFS}`;

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

type Cell = number | null;

function linkOf(min: Cell, max: Cell, changed: Cell): Cell {
  if (min === null || max === null) return null;
  return min !== max || changed === 1 ? 0.5 : max;
}

/** Rows in time order per series (any order between series): one series per key. */
function interfaceSeries(rows: Iterable<Cell[]>): InterfaceSeries[] {
  const byIf = new Map<string, InterfaceSeries>();
  for (const r of rows) {
    const ifname = r[0] as unknown as string;
    let cur = byIf.get(ifname);
    if (cur === undefined) {
      cur = { ifname, t: [], rx_bps: [], tx_bps: [], rx_pps: [], tx_pps: [], link: [] };
      byIf.set(ifname, cur);
    }
    cur.t.push(r[1] as number);
    cur.rx_bps.push(r[2] ?? null);
    cur.tx_bps.push(r[3] ?? null);
    cur.rx_pps.push(r[4] ?? null);
    cur.tx_pps.push(r[5] ?? null);
    cur.link.push(linkOf(r[6] ?? null, r[7] ?? null, r[8] ?? null));
  }
  return [...byIf.values()].sort((a, b) => a.ifname.localeCompare(b.ifname));
}

function probeSeries(rows: Iterable<Cell[]>): ProbeSeries[] {
  const byPath = new Map<string, ProbeSeries>();
  for (const r of rows) {
    const [ifname, target, kind] = r as unknown as [string, string, string];
    const key = `${ifname}\u0000${target}\u0000${kind}`;
    let cur = byPath.get(key);
    if (cur === undefined) {
      cur = { ifname, target, kind, t: [], rtt_ms: [], loss: [] };
      byPath.set(key, cur);
    }
    const sent = (r[4] as number) ?? 0;
    cur.t.push(r[3] as number);
    cur.rtt_ms.push(r[6] ?? null);
    cur.loss.push(sent > 0 ? ((r[5] as number) ?? 0) / sent : null);
  }
  return [...byPath.values()].sort(
    (a, b) =>
      a.ifname.localeCompare(b.ifname) ||
      a.target.localeCompare(b.target) ||
      a.kind.localeCompare(b.kind),
  );
}

export function querySeries(db: Database.Database, q: SeriesQuery, nowMs: number): SeriesResponse {
  const source = chooseSource(db, q, nowMs);
  const { from, step } = bucketsFor(source, q);
  const params = {
    from,
    to: q.to,
    step,
    ifs: q.ifnames === undefined ? null : JSON.stringify(q.ifnames),
  };
  const perMinute = source === "1m" && step === MINUTE_MS;
  // Iterated, not collected: a 24 h answer is ~50k rows, and holding them all at once is what
  // made the server's memory grow.
  const run = (sql: string) => db.prepare(sql).raw().iterate(params) as IterableIterator<Cell[]>;
  return {
    from_ms: q.from,
    to_ms: q.to,
    source,
    step_ms: step,
    interfaces: interfaceSeries(
      run(source === "raw" ? RAW_SAMPLES : perMinute ? MINUTE_SAMPLES : ROLLUP_SAMPLES),
    ),
    probes: probeSeries(
      run(source === "raw" ? RAW_PROBES : perMinute ? MINUTE_PROBES : ROLLUP_PROBES),
    ),
  };
}

/** The answer when there is no store: the same shape, nothing in it. */
export function emptySeries(q: SeriesQuery, nowMs: number): SeriesResponse {
  return {
    from_ms: q.from,
    to_ms: q.to,
    source:
      q.from >= nowMs - DEFAULT_RETENTION.rawMs && q.to - q.from <= RAW_MAX_SPAN_MS ? "raw" : "1m",
    step_ms: null,
    interfaces: [],
    probes: [],
  };
}
