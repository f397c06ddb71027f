// What mpath writes: one record per event (standard output, store, sinks) and the status file
// the dashboard reads. Types only, so readers of the status file need not load the daemon.
import type { GroupStatus } from "./engine.js";

export interface MpathRecord {
  t_ms: number;
  kind: string;
  severity: "info" | "warning" | "critical";
  subject: string;
  detail: string;
  data?: Record<string, unknown>;
}

export interface PathStats {
  member: string;
  target: string;
  sent: number;
  lost: number;
  rtt_avg_ms: number | null;
  rtt_dev_ms: number;
}

export interface MpathStatusFile {
  updated_ms: number;
  pid: number;
  dry_run: boolean;
  groups: (GroupStatus & {
    failure_detection_ms: number;
    probe_interval_ms: number;
    targets: string[];
  })[];
  probes: PathStats[];
  /** Which prober runs: native raw sockets, or ping (and arping for announcements). */
  prober?: "native" | "ping";
}
