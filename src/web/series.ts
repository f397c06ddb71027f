// GET /api/series: rates, link state and probe results per interface, bucketed in SQL so the
// page gets at most `points` values per series whatever the window. Raw samples for small
// recent windows, minute roll-ups otherwise. Pure given a database.
import type Database from "better-sqlite3";
import { DEFAULT_RETENTION, MINUTE_MS } from "../store/rollup.js";
import {
  countSamples,
  type ProbeBucket,
  probeBuckets,
  rawRetentionMs,
  type SampleBucket,
  type SeriesSource,
  sampleBuckets,
} from "../store/series.js";
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

/** Raw rows read at most per answer: beyond this, grouping them costs more than the detail is worth. */
const RAW_MAX_ROWS = 20_000;

function chooseSource(db: Database.Database, q: SeriesQuery, nowMs: number): "raw" | "1m" {
  const inRetention = q.from >= nowMs - rawRetentionMs(db);
  if (!inRetention || q.to - q.from > RAW_MAX_SPAN_MS) return "1m";
  // Counting a range of the primary key is cheap next to grouping it.
  return countSamples(db, q.from, q.to) <= RAW_MAX_ROWS ? "raw" : "1m";
}

/** Buckets start at `from` (whole minutes for roll-ups), so the window holds at most `points`. */
function bucketsFor(source: "raw" | "1m", q: SeriesQuery): { from: number; step: number } {
  const from = source === "raw" ? q.from : Math.floor(q.from / MINUTE_MS) * MINUTE_MS;
  const step = Math.max(1, Math.ceil((q.to - from) / q.points));
  return { from, step: source === "raw" ? step : Math.ceil(step / MINUTE_MS) * MINUTE_MS };
}

type Cell = number | null;

function linkOf(min: Cell, max: Cell, changed: Cell): Cell {
  if (min === null || max === null) return null;
  return min !== max || changed === 1 ? 0.5 : max;
}

/** Rows in time order per series (any order between series): one series per key. */
function interfaceSeries(rows: Iterable<SampleBucket>): InterfaceSeries[] {
  const byIf = new Map<string, InterfaceSeries>();
  for (const r of rows) {
    const ifname = r[0];
    let cur = byIf.get(ifname);
    if (cur === undefined) {
      cur = { ifname, t: [], rx_bps: [], tx_bps: [], rx_pps: [], tx_pps: [], link: [] };
      byIf.set(ifname, cur);
    }
    cur.t.push(r[1]);
    cur.rx_bps.push(r[2] ?? null);
    cur.tx_bps.push(r[3] ?? null);
    cur.rx_pps.push(r[4] ?? null);
    cur.tx_pps.push(r[5] ?? null);
    cur.link.push(linkOf(r[6] ?? null, r[7] ?? null, r[8] ?? null));
  }
  return [...byIf.values()].sort((a, b) => a.ifname.localeCompare(b.ifname));
}

function probeSeries(rows: Iterable<ProbeBucket>): ProbeSeries[] {
  const byPath = new Map<string, ProbeSeries>();
  for (const r of rows) {
    const [ifname, target, kind] = r;
    const key = `${ifname}\u0000${target}\u0000${kind}`;
    let cur = byPath.get(key);
    if (cur === undefined) {
      cur = { ifname, target, kind, t: [], rtt_ms: [], loss: [] };
      byPath.set(key, cur);
    }
    const sent = r[4] ?? 0;
    cur.t.push(r[3]);
    cur.rtt_ms.push(r[6]);
    cur.loss.push(sent > 0 ? (r[5] ?? 0) / sent : null);
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
  // Iterated, not collected: holding a 24 h answer's rows all at once made the server grow.
  const read: SeriesSource = source === "1m" && step === MINUTE_MS ? "minute" : source;
  return {
    from_ms: q.from,
    to_ms: q.to,
    source,
    step_ms: step,
    interfaces: interfaceSeries(sampleBuckets(db, read, params)),
    probes: probeSeries(probeBuckets(db, read, params)),
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
