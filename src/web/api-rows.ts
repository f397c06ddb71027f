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
  return {
    id: i.id,
    opened_ms: i.opened_ms,
    closed_ms: i.closed_ms,
    severity: i.severity,
    title: i.title,
    explanation: i.explanation,
    subjects: i.subjects,
    event_ids: i.event_ids,
    // The store keeps paths; the page only ever sees names (downloads go by name).
    captures: i.captures.map((p) => basename(p)),
    host: i.host,
  };
}
