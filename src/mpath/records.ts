// Where mpath's records go: one JSON line each on standard output, and as watcher events to
// the store and the sinks. Each run has its own outputs (no module state).

import { EVENT_KINDS, type EventKind, type WatchEvent } from "../events/types.js";
import { describeProber, type ProberChoice } from "../runtime/prober.js";
import type { MpathRecord } from "./status.js";

export type Emit = (r: MpathRecord) => void;

/** The watcher event of a record; kinds the watcher does not know become `mpath-started`. */
function toWatchEvent(r: MpathRecord, host: string): WatchEvent {
  const kind = (EVENT_KINDS as readonly string[]).includes(r.kind)
    ? (r.kind as EventKind)
    : "mpath-started";
  return {
    t_ms: r.t_ms,
    kind,
    subject: r.subject,
    severity: r.severity,
    detail: r.detail,
    host,
    ...(r.data && { data: r.data }),
  };
}

export function recorder(
  host: string,
  outputs: ((e: WatchEvent) => void)[],
  writeLine: (line: string) => void = (l) => process.stdout.write(l),
): Emit {
  return (r) => {
    writeLine(`${JSON.stringify(r)}\n`);
    if (outputs.length === 0) return;
    const e = toWatchEvent(r, host);
    for (const out of outputs) out(e);
  };
}

/** The record that says the daemon runs: its groups, probe paths, metrics and prober. */
export function startedRecord(
  t_ms: number,
  groups: { runners: unknown[]; probePaths(): number },
  s: { dryRun: boolean; listen: string | null; prober: ProberChoice },
): MpathRecord {
  const metrics = s.listen ? `metrics http://${s.listen}/metrics` : "no metrics";
  return {
    t_ms,
    kind: "mpath-started",
    severity: "info",
    subject: "mpath",
    detail: `${groups.runners.length} group(s), ${groups.probePaths()} probe paths${s.dryRun ? ", dry run" : ""}, ${metrics}; ${describeProber(s.prober)}`,
    data: { prober: s.prober.kind },
  };
}
