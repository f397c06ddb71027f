// Store values -> the contract's shapes (src/web/api.ts).
import { basename } from "node:path";
import type { Incident, WatchEvent } from "../watch/types.js";
import type { ApiEvent, ApiIncident } from "./api.js";
import { eventClass } from "./event-class.js";

export function apiEvent(e: WatchEvent): ApiEvent {
  return {
    id: e.id ?? 0,
    t_ms: e.t_ms,
    kind: e.kind,
    class: eventClass(e.kind),
    subject: e.subject,
    severity: e.severity,
    detail: e.detail,
    ifname: e.ifname ?? null,
    incident_id: e.incident_id ?? null,
    data: e.data ?? null,
  };
}

export function apiIncident(i: Incident): ApiIncident {
  // The store keeps paths; the page only ever sees names (downloads go by name).
  return { ...i, captures: i.captures.map((p) => basename(p)) };
}
