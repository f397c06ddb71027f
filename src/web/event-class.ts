// How the page draws each event kind: something broke, something came back, or a note.
import type { EventKind } from "../events/types.js";
import type { EventClass } from "./api.js";

const CLASS: Record<EventKind, EventClass> = {
  "link-down": "failure",
  "link-up": "recovery",
  "carrier-flap": "failure",
  "probe-loss": "failure",
  "probe-recovered": "recovery",
  "rtt-spike": "failure",
  "traffic-stall": "failure",
  "pps-storm": "failure",
  "error-burst": "failure",
  "active-slave-changed": "info",
  "lacp-partner-lost": "failure",
  "lacp-churn": "failure",
  "lacp-state-changed": "info",
  "lacpdu-stall": "failure",
  "tx-stall": "failure",
  "neighbour-changed": "failure",
  "neighbour-lost": "failure",
  "address-moved": "info",
  "address-conflict": "failure",
  "interface-added": "info",
  "interface-removed": "info",
  "watcher-started": "info",
  "watcher-stopped": "info",
  "sink-dropped": "failure",
  "capture-written": "info",
  "capture-failed": "failure",
  "heal-action": "info",
  "heal-refused": "info",
  "mpath-started": "info",
  "member-failed": "failure",
  "member-repaired": "recovery",
  "group-failed": "failure",
  "group-repaired": "recovery",
  failover: "failure",
  failback: "recovery",
  "failover-verified": "info",
  "failover-unverified": "failure",
  "move-failed": "failure",
  "detection-time-increased": "info",
  "detection-time-restored": "info",
  "duplicate-hardware-address": "failure",
  "missing-test-address": "failure",
  "duplicate-test-address": "failure",
};

/** Unknown kinds (a newer watcher's store) are drawn as notes. */
export function eventClass(kind: string): EventClass {
  return (CLASS as Record<string, EventClass | undefined>)[kind] ?? "info";
}
