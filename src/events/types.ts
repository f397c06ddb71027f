// The watcher's data: what it samples, the events it raises and the incidents they form.
// Plain data only, so the detector, the store and every sink can be tested without I/O.

/** Every event kind the watcher raises. The names are a public contract (syslog, JSON, store). */
export const EVENT_KINDS = [
  "link-down",
  "link-up",
  "carrier-flap",
  "probe-loss",
  "probe-recovered",
  "rtt-spike",
  "traffic-stall",
  "pps-storm",
  "error-burst",
  "active-slave-changed",
  "lacp-partner-lost",
  "lacp-churn",
  "lacp-state-changed",
  "lacpdu-stall",
  "tx-stall",
  "neighbour-changed",
  "neighbour-lost",
  "address-moved",
  "address-conflict",
  "interface-added",
  "interface-removed",
  "watcher-started",
  "watcher-stopped",
  "sink-dropped",
  "capture-written",
  "capture-failed",
  "heal-action",
  "heal-refused",
  // mpath
  "mpath-started",
  "member-failed",
  "member-repaired",
  "group-failed",
  "group-repaired",
  "failover",
  "failback",
  "failover-verified",
  "failover-unverified",
  "move-failed",
  "detection-time-increased",
  "detection-time-restored",
  "duplicate-hardware-address",
  "missing-test-address",
  "duplicate-test-address",
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export type EventSeverity = "info" | "warning" | "critical";

export interface WatchEvent {
  /** Store row id, once stored. */
  id?: number;
  /** Wall-clock time of the observation, epoch milliseconds (fractional allowed). */
  t_ms: number;
  kind: EventKind;
  /** What it is about: an interface ("eth0"), a bond ("bond0") or a path ("eth0>10.0.0.1"). */
  subject: string;
  severity: EventSeverity;
  /** One sentence a person can read in a syslog line. */
  detail: string;
  /** The interface the event concerns, when there is one (for filtering). */
  ifname?: string;
  /** Machine-readable facts behind the sentence (target, rtt, counters...). */
  data?: Record<string, unknown>;
  /** The incident this event was grouped into, once the correlator has seen it. */
  incident_id?: number;
  host: string;
}

export interface Incident {
  id: number;
  opened_ms: number;
  /** null while the incident is open. */
  closed_ms: number | null;
  severity: EventSeverity;
  title: string;
  /** The written explanation of the order of events. */
  explanation: string;
  /** Interfaces, bonds and paths involved. */
  subjects: string[];
  event_ids: number[];
  /** Capture files written for this incident (triggered capture). */
  captures: string[];
  host: string;
}

/** One interface at one instant, from sysfs and /proc/net/dev. Counters are cumulative. */
export interface InterfaceSample {
  t_ms: number;
  ifname: string;
  carrier: boolean | null;
  operstate: string;
  carrier_changes: number | null;
  /** Seconds since the last operstate change seen by the watcher (the incident-004 "age"). */
  state_age_s: number | null;
  mtu: number | null;
  speed_mbps: number | null;
  master: string | null;
  rx_bytes: number;
  tx_bytes: number;
  rx_packets: number;
  tx_packets: number;
  rx_errors: number;
  tx_errors: number;
  rx_dropped: number;
  tx_dropped: number;
}

/** Rates between two samples of one interface, per second (like `sar -n DEV`); `_bps` is bytes/s. */
export interface InterfaceRates {
  /** Time between the two samples the rates come from. */
  interval_ms: number;
  rx_bps: number;
  tx_bps: number;
  rx_pps: number;
  tx_pps: number;
  rx_errors_ps: number;
  tx_errors_ps: number;
  rx_dropped_ps: number;
  tx_dropped_ps: number;
}

export type ProbeKind = "icmp" | "arp";

/** The outcome of one probe sent through one member interface to one target. */
export interface ProbeResult {
  t_ms: number;
  ifname: string;
  target: string;
  kind: ProbeKind;
  seq: number;
  ok: boolean;
  /** Round-trip time in milliseconds when answered. */
  rtt_ms: number | null;
}

export function pathSubject(ifname: string, target: string): string {
  return `${ifname}>${target}`;
}
