// One row per interface sample, with the probes sent through that interface at about that
// time: the incident-004 checker's table (carrier, state, age, changes, ping per target),
// plus rates. Raw samples while the window is within raw retention, minute roll-ups beyond.
import type Database from "better-sqlite3";
import { DEFAULT_RETENTION, MINUTE_MS } from "./rollup.js";
import { RATE_KEYS } from "./schema.js";

interface ProbeCell {
  sent: number;
  lost: number;
  /** Mean round-trip time of the answered probes. */
  rtt_ms: number | null;
}

type Rates = { [K in (typeof RATE_KEYS)[number]]: number | null };

export interface TimelineRow extends Rates {
  t_ms: number;
  ifname: string;
  carrier: boolean | null;
  operstate: string | null;
  state_age_s: number | null;
  carrier_changes: number | null;
  /** Roll-ups only: estimated seconds of the minute without carrier. */
  carrier_down_s: number | null;
  /** Per probe target. */
  probes: Record<string, ProbeCell>;
}

export interface Timeline {
  /** "raw": one row per sample; "1m": one row per interface per minute (rates are averages). */
  source: "raw" | "1m";
  /** Every probe target in the window, sorted: the ping_<target> columns. */
  targets: string[];
  rows: TimelineRow[];
}

export interface TimelineQuery {
  since: number;
  until?: number | undefined;
  ifname?: string | undefined;
  /** "auto" (default): raw when `since` is within the store's raw retention. */
  resolution?: "auto" | "raw" | "1m" | undefined;
  nowMs?: number | undefined;
  /** A raw row gets the probes since the interface's previous sample, and at least this far back. */
  probeWindowMs?: number | undefined;
}

interface ProbeHit {
  t: number;
  target: string;
  ok: number;
  rtt: number | null;
}

function rawRetentionMs(db: Database.Database): number {
  const v = db.prepare("SELECT value FROM meta WHERE key = 'raw_retention_ms'").pluck().get();
  return v === undefined ? DEFAULT_RETENTION.rawMs : Number(v);
}

function rowFrom(r: Record<string, unknown>, suffix: string): TimelineRow {
  const row = {
    t_ms: Number(r.t_ms),
    ifname: String(r.ifname),
    carrier: r.carrier === null ? null : r.carrier === 1,
    operstate: (r.operstate as string | null) ?? null,
    state_age_s: (r.state_age_s as number | null) ?? null,
    carrier_changes: (r.carrier_changes as number | null) ?? null,
    carrier_down_s: (r.carrier_down_s as number | null | undefined) ?? null,
    probes: {},
  } as TimelineRow;
  for (const k of RATE_KEYS) row[k] = (r[`${k}${suffix}`] as number | null) ?? null;
  return row;
}

/** Index of the first hit with t > after (hits sorted by t). */
function firstAfter(hits: ProbeHit[], after: number): number {
  let lo = 0;
  let hi = hits.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((hits[mid] as ProbeHit).t <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Probe counts while a cell is being filled; the mean RTT is taken at the end. */
interface Tally {
  sent: number;
  lost: number;
  rttSum: number;
  rttCount: number;
}

function tally(cells: Map<string, Tally>, target: string, t: Tally): void {
  const c = cells.get(target);
  if (!c) {
    cells.set(target, { ...t });
    return;
  }
  c.sent += t.sent;
  c.lost += t.lost;
  c.rttSum += t.rttSum;
  c.rttCount += t.rttCount;
}

function probeCells(cells: Map<string, Tally> | undefined): Record<string, ProbeCell> {
  const out: Record<string, ProbeCell> = {};
  for (const [target, c] of cells ?? []) {
    out[target] = {
      sent: c.sent,
      lost: c.lost,
      rtt_ms: c.rttCount > 0 ? c.rttSum / c.rttCount : null,
    };
  }
  return out;
}

function rawTimeline(db: Database.Database, q: TimelineQuery, until: number): Timeline {
  const window = q.probeWindowMs ?? 1000;
  const ifFilter = q.ifname !== undefined ? "AND ifname = @ifname" : "";
  const params = { since: q.since, until, ifname: q.ifname, from: q.since - window };
  const samples = db
    .prepare(
      `SELECT t_ms, ifname, carrier, operstate, state_age_s, carrier_changes, ${RATE_KEYS.join(", ")}
       FROM samples WHERE t_ms >= @since AND t_ms <= @until ${ifFilter} ORDER BY t_ms, ifname`,
    )
    .all(params) as Record<string, unknown>[];
  const byIf = new Map<string, ProbeHit[]>();
  const targets = new Set<string>();
  const probes = db.prepare(
    `SELECT t_ms AS t, ifname, target, ok, rtt_ms AS rtt FROM probes
     WHERE t_ms > @from AND t_ms <= @until ${ifFilter} ORDER BY t_ms`,
  );
  for (const p of probes.iterate(params) as Iterable<ProbeHit & { ifname: string }>) {
    targets.add(p.target);
    const list = byIf.get(p.ifname) ?? [];
    if (list.length === 0) byIf.set(p.ifname, list);
    list.push(p);
  }
  const previous = new Map<string, number>();
  const rows = samples.map((r) => {
    const row = rowFrom(r, "");
    const prev = previous.get(row.ifname);
    previous.set(row.ifname, row.t_ms);
    const start = Math.min(prev ?? Number.POSITIVE_INFINITY, row.t_ms - window);
    const hits = byIf.get(row.ifname) ?? [];
    const cells = new Map<string, Tally>();
    for (let i = firstAfter(hits, start); i < hits.length; i++) {
      const h = hits[i] as ProbeHit;
      if (h.t > row.t_ms) break;
      const answered = h.ok === 1 && h.rtt !== null;
      tally(cells, h.target, {
        sent: 1,
        lost: h.ok ? 0 : 1,
        rttSum: answered ? (h.rtt ?? 0) : 0,
        rttCount: answered ? 1 : 0,
      });
    }
    row.probes = probeCells(cells);
    return row;
  });
  return { source: "raw", targets: [...targets].sort(), rows };
}

function rollupTimeline(db: Database.Database, q: TimelineQuery, until: number): Timeline {
  const ifFilter = q.ifname !== undefined ? "AND ifname = @ifname" : "";
  const params = { since: Math.floor(q.since / MINUTE_MS) * MINUTE_MS, until, ifname: q.ifname };
  const minutes = db
    .prepare(
      `SELECT minute_ms AS t_ms, * FROM rollups_1m
       WHERE minute_ms >= @since AND minute_ms <= @until ${ifFilter} ORDER BY minute_ms, ifname`,
    )
    .all(params) as Record<string, unknown>[];
  const probes = db
    .prepare(
      `SELECT minute_ms, ifname, target, sent, lost, rtt_avg_ms FROM rollups_1m_probes
       WHERE minute_ms >= @since AND minute_ms <= @until ${ifFilter}`,
    )
    .all(params) as {
    minute_ms: number;
    ifname: string;
    target: string;
    sent: number;
    lost: number;
    rtt_avg_ms: number | null;
  }[];
  const targets = new Set<string>();
  const byMinute = new Map<string, Map<string, Tally>>();
  for (const p of probes) {
    targets.add(p.target);
    const key = `${p.minute_ms}|${p.ifname}`;
    const cells = byMinute.get(key) ?? new Map<string, Tally>();
    byMinute.set(key, cells);
    const answered = p.rtt_avg_ms === null ? 0 : p.sent - p.lost;
    tally(cells, p.target, {
      sent: p.sent,
      lost: p.lost,
      rttSum: (p.rtt_avg_ms ?? 0) * answered,
      rttCount: answered,
    });
  }
  const rows = minutes.map((r) => {
    const row = rowFrom(r, "_avg");
    row.probes = probeCells(byMinute.get(`${row.t_ms}|${row.ifname}`));
    return row;
  });
  return { source: "1m", targets: [...targets].sort(), rows };
}

export function timeline(db: Database.Database, q: TimelineQuery): Timeline {
  const now = q.nowMs ?? Date.now();
  const until = q.until ?? now;
  const resolution = q.resolution ?? "auto";
  const raw =
    resolution === "raw" || (resolution === "auto" && q.since >= now - rawRetentionMs(db));
  return raw ? rawTimeline(db, q, until) : rollupTimeline(db, q, until);
}
