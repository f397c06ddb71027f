// The JSON the dashboard reads: the contract between the server (src/web/server) and the
// page (src/web/page). Types only, so the page's build can import it without Node.
//
// Every time is epoch milliseconds (UTC). Every route is GET unless noted; all answer JSON
// with `Cache-Control: no-store`. Errors answer { error: string } with a 4xx/5xx status.

type Severity = "info" | "warning" | "critical";

/** GET /api/info: who is serving, so the page can title itself and know the clock skew. */
export interface InfoResponse {
  host: string;
  version: string;
  now_ms: number;
  /** The store file read, or null when serving without one (health only). */
  store: string | null;
  /** Earliest and latest data in the store (samples or roll-ups), null when empty. */
  first_ms: number | null;
  last_ms: number | null;
  /** Interfaces with data in the store, sorted. */
  interfaces: string[];
}

/**
 * GET /api/series?from=MS&to=MS[&ifname=eth0,eth1][&points=N]
 * Raw samples when the window is inside raw retention and small enough, otherwise minute
 * roll-ups; either is bucketed server-side to at most `points` (default 1500) per series.
 */
export interface SeriesResponse {
  from_ms: number;
  to_ms: number;
  source: "raw" | "1m";
  /** Bucket width when bucketed, null when every row is returned as stored. */
  step_ms: number | null;
  interfaces: InterfaceSeries[];
  probes: ProbeSeries[];
}

export interface InterfaceSeries {
  ifname: string;
  /** Bucket start (or sample) times, ascending. All arrays below have the same length. */
  t: number[];
  /** Averages over the bucket; bytes per second and packets per second. */
  rx_bps: (number | null)[];
  tx_bps: (number | null)[];
  rx_pps: (number | null)[];
  tx_pps: (number | null)[];
  /** 1 up, 0 down, 0.5 flapping (carrier changed inside the bucket), null unknown. */
  link: (number | null)[];
}

export interface ProbeSeries {
  ifname: string;
  target: string;
  kind: string;
  t: number[];
  /** Mean RTT of answered probes in the bucket, null when none answered. */
  rtt_ms: (number | null)[];
  /** Lost / sent in the bucket, 0..1; null when none were sent. */
  loss: (number | null)[];
}

/** How the page draws an event marker. */
export type EventClass = "failure" | "recovery" | "info";

export interface ApiEvent {
  id: number;
  t_ms: number;
  kind: string;
  class: EventClass;
  subject: string;
  severity: Severity;
  detail: string;
  ifname: string | null;
  incident_id: number | null;
  data: Record<string, unknown> | null;
}

/** GET /api/events?from=MS&to=MS[&ifname=...][&limit=N] (newest last). */
export interface EventsResponse {
  events: ApiEvent[];
  /** True when `limit` cut the list. */
  truncated: boolean;
}

export interface ApiIncident {
  id: number;
  opened_ms: number;
  closed_ms: number | null;
  severity: Severity;
  title: string;
  explanation: string;
  subjects: string[];
  event_ids: number[];
  /** Capture file names (not paths). */
  captures: string[];
  host: string;
}

/** GET /api/incidents?from=MS&to=MS[&limit=N] (newest first). */
export interface IncidentsResponse {
  incidents: ApiIncident[];
  /** Rows of the store that are not well-formed incidents: left out, named here. */
  skipped?: Array<{ id: number; error: string }>;
}

export interface CaptureInfo {
  name: string;
  /** Download link: GET /api/captures/NAME (application/vnd.tcpdump.pcap). */
  url: string;
  /** null when the file is gone (budget deletion). */
  bytes: number | null;
  /** The `pcap` analyses (`pcap summary --json`'s object), or why they could not run. */
  analysis: Record<string, unknown> | null;
  analysis_error: string | null;
}

/** GET /api/incidents/ID */
export interface IncidentDetailResponse {
  incident: ApiIncident;
  /** Oldest first. */
  events: ApiEvent[];
  /** Interfaces, bonds and paths involved (subjects and the events' interfaces). */
  affected: string[];
  captures: CaptureInfo[];
  /** The doctor's report recorded nearest before the incident opened (or just after). */
  doctor: DoctorSnapshot | null;
}

export interface ApiFinding {
  rule: string;
  severity: Severity;
  subject: string;
  title: string;
  explanation: string;
  evidence: { file: string; line: number; text: string }[];
  fix: string[];
}

export interface DoctorSnapshot {
  t_ms: number;
  status: "ok" | "warning" | "critical";
  findings: ApiFinding[];
  unseen: string[];
}

export type MemberState = "up" | "down" | "degraded" | "standby" | "unknown";

export interface HealthMember {
  name: string;
  state: MemberState;
  /** One line a person reads: "carrier lost", "LACP partner 00:00:00:00:00:00", ... */
  detail: string;
  /** The switch and port the member is cabled to, from LLDP/CDP ("sw-a Ethernet1/5"). */
  neighbour?: string;
}

export interface HealthGroup {
  kind: "bond" | "team" | "mpath" | "dsr" | "interface";
  name: string;
  /** bond mode, teamd runner, mpath group, or VIP address. */
  detail: string;
  state: "ok" | "degraded" | "failed" | "unknown";
  members: HealthMember[];
}

/** GET /api/health: what is true now. */
export interface HealthResponse {
  now_ms: number;
  groups: HealthGroup[];
  /** Watched interfaces from the store's latest samples, with their probe paths. */
  interfaces: {
    ifname: string;
    link: "up" | "down" | "flapping" | "unknown";
    last_ms: number | null;
    speed_mbps: number | null;
    probes: { target: string; kind: string; up: boolean | null; rtt_ms: number | null }[];
  }[];
  doctor: DoctorSnapshot | null;
  doctor_error: string | null;
  /** `mpath status --json`'s content, or null when no mpath daemon state is found. */
  mpath: Record<string, unknown> | null;
}

/**
 * GET /api/stream: server-sent events. Each message's `event:` is one of the names below and
 * `data:` the JSON. `id:` is the last store event id, so a reconnect (EventSource does it by
 * itself, e.g. across a watcher restart) resumes with Last-Event-ID and misses nothing.
 */
export interface StreamMessages {
  /** A new event from the store. */
  event: ApiEvent;
  /** An incident opened, changed or closed. */
  incident: ApiIncident;
  /** Newest sample time, at most once a second: the page fetches /api/series for the gap. */
  tick: { last_ms: number | null; now_ms: number };
}

/**
 * POST /api/login { token } sets an HttpOnly, SameSite=Strict session cookie (an HMAC of the
 * token under a per-process key, never the token itself), so the page (and its EventSource,
 * which cannot send headers) is let in. 204 or 401.
 * When a token is configured every /api route needs it: `Authorization: Bearer TOKEN` or the
 * cookie. The page itself and its assets are served without it.
 */
export interface LoginRequest {
  token: string;
}
