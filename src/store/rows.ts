// Typed values <-> table rows. SQLite has no booleans and no arrays: booleans are 0/1,
// lists and event data are JSON text.
import type {
  EventKind,
  EventSeverity,
  Incident,
  InterfaceRates,
  InterfaceSample,
  ProbeResult,
  WatchEvent,
} from "../events/types.js";
import { RATE_KEYS } from "./schema.js";

type SqlValue = number | string | null;
export type Row = Record<string, SqlValue>;
/** Samples and probes are bound by position: thousands a second, so no per-row objects. */
export type Values = SqlValue[];

function bit(b: boolean | null): number | null {
  return b === null ? null : b ? 1 : 0;
}

export const SAMPLE_COLUMNS = [
  "t_ms",
  "ifname",
  "carrier",
  "operstate",
  "carrier_changes",
  "state_age_s",
  "mtu",
  "speed_mbps",
  "master",
  "rx_bytes",
  "tx_bytes",
  "rx_packets",
  "tx_packets",
  "rx_errors",
  "tx_errors",
  "rx_dropped",
  "tx_dropped",
  "interval_ms",
  ...RATE_KEYS,
] as const;

export function sampleValues(s: InterfaceSample, r: InterfaceRates | null): Values {
  return [
    s.t_ms,
    s.ifname,
    bit(s.carrier),
    s.operstate,
    s.carrier_changes,
    s.state_age_s,
    s.mtu,
    s.speed_mbps,
    s.master,
    s.rx_bytes,
    s.tx_bytes,
    s.rx_packets,
    s.tx_packets,
    s.rx_errors,
    s.tx_errors,
    s.rx_dropped,
    s.tx_dropped,
    r ? r.interval_ms : null,
    r ? r.rx_bps : null,
    r ? r.tx_bps : null,
    r ? r.rx_pps : null,
    r ? r.tx_pps : null,
    r ? r.rx_errors_ps : null,
    r ? r.tx_errors_ps : null,
    r ? r.rx_dropped_ps : null,
    r ? r.tx_dropped_ps : null,
  ];
}

export const PROBE_COLUMNS = ["t_ms", "ifname", "target", "kind", "seq", "ok", "rtt_ms"] as const;

export function probeValues(p: ProbeResult): Values {
  return [p.t_ms, p.ifname, p.target, p.kind, p.seq, p.ok ? 1 : 0, p.rtt_ms];
}

export function eventRow(id: number, e: WatchEvent): Row {
  return {
    id,
    t_ms: e.t_ms,
    kind: e.kind,
    subject: e.subject,
    severity: e.severity,
    detail: e.detail,
    ifname: e.ifname ?? null,
    data: e.data === undefined ? null : JSON.stringify(e.data),
    incident_id: e.incident_id ?? null,
    host: e.host,
  };
}

export function incidentRow(i: Incident): Row {
  return {
    id: i.id,
    opened_ms: i.opened_ms,
    closed_ms: i.closed_ms,
    severity: i.severity,
    title: i.title,
    explanation: i.explanation,
    subjects: JSON.stringify(i.subjects),
    event_ids: JSON.stringify(i.event_ids),
    captures: JSON.stringify(i.captures),
    host: i.host,
  };
}

/** JSON text from the store, or a fallback when a row was written by hand and is not JSON. */
function parseJson<T>(text: unknown, fallback: T): T {
  if (typeof text !== "string") return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export function eventFromRow(r: Row): WatchEvent {
  const e: WatchEvent = {
    id: Number(r.id),
    t_ms: Number(r.t_ms),
    kind: String(r.kind) as EventKind,
    subject: String(r.subject),
    severity: String(r.severity) as EventSeverity,
    detail: String(r.detail),
    host: String(r.host),
  };
  if (r.ifname !== null && r.ifname !== undefined) e.ifname = String(r.ifname);
  if (r.data !== null && r.data !== undefined) e.data = parseJson(r.data, { raw: r.data });
  if (r.incident_id !== null && r.incident_id !== undefined) e.incident_id = Number(r.incident_id);
  return e;
}

export function incidentFromRow(r: Row): Incident {
  return {
    id: Number(r.id),
    opened_ms: Number(r.opened_ms),
    closed_ms: r.closed_ms === null ? null : Number(r.closed_ms),
    severity: String(r.severity) as EventSeverity,
    title: String(r.title),
    explanation: String(r.explanation),
    subjects: parseJson<string[]>(r.subjects, []),
    event_ids: parseJson<number[]>(r.event_ids, []),
    captures: parseJson<string[]>(r.captures, []),
    host: String(r.host),
  };
}
