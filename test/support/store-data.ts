// Plain-data builders for store tests, and a fresh database path in a temporary directory.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after } from "node:test";
import type {
  Incident,
  InterfaceRates,
  InterfaceSample,
  ProbeResult,
  WatchEvent,
} from "../../src/events/types.js";

/** A database path under a new temporary directory, removed when the test file ends. */
export function tempDbPath(name = "linkguard.db"): string {
  const dir = mkdtempSync(join(tmpdir(), "linkguard-store-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, "var", "lib", "linkguard", name);
}

export function sample(
  ifname: string,
  t_ms: number,
  fields: Partial<InterfaceSample> = {},
): InterfaceSample {
  return {
    t_ms,
    ifname,
    carrier: true,
    operstate: "up",
    carrier_changes: 1,
    state_age_s: 100,
    mtu: 1500,
    speed_mbps: 1000,
    master: null,
    rx_bytes: 0,
    tx_bytes: 0,
    rx_packets: 0,
    tx_packets: 0,
    rx_errors: 0,
    tx_errors: 0,
    rx_dropped: 0,
    tx_dropped: 0,
    ...fields,
  };
}

export function rates(fields: Partial<InterfaceRates> = {}): InterfaceRates {
  return {
    interval_ms: 1000,
    rx_bps: 1000,
    tx_bps: 500,
    rx_pps: 10,
    tx_pps: 5,
    rx_errors_ps: 0,
    tx_errors_ps: 0,
    rx_dropped_ps: 0,
    tx_dropped_ps: 0,
    ...fields,
  };
}

export function probe(
  ifname: string,
  target: string,
  t_ms: number,
  fields: Partial<ProbeResult> = {},
): ProbeResult {
  return { t_ms, ifname, target, kind: "icmp", seq: 0, ok: true, rtt_ms: 0.5, ...fields };
}

export function event(t_ms: number, fields: Partial<WatchEvent> = {}): WatchEvent {
  return {
    t_ms,
    kind: "link-down",
    subject: "eth0",
    severity: "critical",
    detail: "eth0 lost carrier",
    ifname: "eth0",
    host: "web01",
    ...fields,
  };
}

export function incident(id: number, fields: Partial<Incident> = {}): Incident {
  return {
    id,
    opened_ms: 1_700_000_000_000,
    closed_ms: null,
    severity: "critical",
    title: "eth0 lost carrier after its probes failed",
    explanation: "probes via eth0 failed 4.8 s before its carrier dropped",
    subjects: ["eth0"],
    event_ids: [],
    captures: [],
    host: "web01",
    ...fields,
  };
}
