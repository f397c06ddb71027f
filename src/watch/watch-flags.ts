// `linkguard watch` flags over the config file's watch section: the flags win. Pure.

import type { ProbePath } from "../runtime/prober.js";
import type { SinkConfig } from "../runtime/sinks/index.js";
import type { WatchConfig } from "./config.js";
import { DEFAULT_DETECTOR_CONFIG, type DetectorConfig } from "./detect/config.js";
import type { WatcherOptions } from "./watcher.js";

export interface WatchFlags {
  config?: string;
  interface: string[];
  /** Milliseconds (parsed by the CLI), like probeInterval and duration. */
  interval?: number;
  probeInterval?: number;
  target: string[];
  arpTarget: string[];
  autoGateway: boolean;
  db?: string;
  store: boolean;
  jsonl?: string;
  syslog?: string;
  webhook?: string;
  capture: string[];
  captureDir?: string;
  metrics?: string;
  once?: boolean;
  duration?: number;
  host?: string;
  /** HOST:PORT for the dashboard, or "off". */
  serve?: string;
  /** The neighbour table's file, or "off" (no LLDP/CDP listening). */
  lldp?: string;
}

/** "host:port" or "host:port/tcp" -> a syslog sink config. */
export function syslogFlag(text: string): SinkConfig {
  const m = /^(.+):(\d{1,5})(?:\/(udp|tcp))?$/.exec(text);
  if (!m) throw new Error(`--syslog: expected HOST:PORT[/udp|/tcp], got "${text}"`);
  return {
    type: "syslog",
    host: (m[1] as string).replace(/^\[|\]$/g, ""),
    port: Number(m[2]),
    protocol: (m[3] ?? "udp") as "udp" | "tcp",
  };
}

/** The config with every given flag applied (a copy: the config is not changed). */
export function mergeFlags(cfg: WatchConfig, f: WatchFlags): WatchConfig {
  const out = structuredClone(cfg);
  if (f.interface.length) out.interfaces = f.interface;
  out.interval_ms = f.interval ?? out.interval_ms;
  out.probes.interval_ms = f.probeInterval ?? out.probes.interval_ms;
  if (f.target.length) out.probes.targets = f.target;
  if (f.arpTarget.length) out.probes.arp_targets = f.arpTarget;
  if (!f.autoGateway) out.probes.auto_gateway = false;
  if (!f.store) out.store = false;
  else if (f.db)
    out.store = {
      path: f.db,
      raw_hours: out.store ? out.store.raw_hours : 24,
      rollup_days: out.store ? out.store.rollup_days : 30,
    };
  if (f.jsonl) out.sinks.push({ type: "jsonl", path: f.jsonl });
  if (f.syslog) out.sinks.push(syslogFlag(f.syslog));
  if (f.webhook) out.sinks.push({ type: "webhook", url: f.webhook });
  if (f.capture.length) out.capture.interfaces = f.capture;
  if (f.captureDir) out.capture.dir = f.captureDir;
  if (f.metrics !== undefined) out.metrics = f.metrics === "off" ? false : f.metrics;
  if (f.lldp === "off") out.lldp.listen = false;
  else if (f.lldp !== undefined) {
    if (!f.lldp.startsWith("/"))
      throw new Error(`--lldp: expected an absolute path or off, got "${f.lldp}"`);
    out.lldp.state_file = f.lldp;
  }
  return out;
}

/** The config file's detector section over the defaults. */
export function detectorConfig(c: WatchConfig): DetectorConfig {
  const d = c.detector;
  return {
    ...DEFAULT_DETECTOR_CONFIG,
    ...(d.probe_loss_count !== undefined && { probeLossCount: d.probe_loss_count }),
    ...(d.probe_recover_count !== undefined && { probeRecoverCount: d.probe_recover_count }),
    ...(d.stall_ms !== undefined && { stallMs: d.stall_ms }),
    ...(d.flap_count !== undefined && { flapCount: d.flap_count }),
    ...(d.flap_window_ms !== undefined && { flapWindowMs: d.flap_window_ms }),
    ...(d.storm_min_pps !== undefined && { stormMinPps: d.storm_min_pps }),
    ...(d.error_burst_per_second !== undefined && {
      errorBurstPerSecond: d.error_burst_per_second,
    }),
  };
}

/** The watcher's settings from the merged config; the prober, root and io come from the daemon. */
export function watcherOptions(
  c: WatchConfig,
  host: string,
  probes: ProbePath[],
): Omit<WatcherOptions, "prober" | "root" | "io"> {
  return {
    host,
    intervalMs: c.interval_ms,
    probeIntervalMs: c.probes.interval_ms,
    interfaces: c.interfaces,
    probes,
    detector: detectorConfig(c),
    incidentQuietMs: c.incident_quiet_ms,
  };
}
