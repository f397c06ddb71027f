// Store values -> the contract's shapes (src/web/api.ts).
import { basename } from "node:path";
import type { Incident, WatchEvent } from "../events/types.js";
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

const SEVERITIES = new Set(["critical", "warning", "info"]);

/** What is wrong with an incident read from the store, or undefined when it is well formed. */
export function malformedIncident(i: Incident): string | undefined {
  if (!Number.isFinite(i.opened_ms)) return "opened_ms is not a number";
  if (i.closed_ms !== null && !Number.isFinite(i.closed_ms)) return "closed_ms is not a number";
  if (!SEVERITIES.has(i.severity)) return `unknown severity ${JSON.stringify(i.severity)}`;
  const strings = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === "string");
  if (!strings(i.subjects)) return "subjects is not a list of names";
  if (!strings(i.captures)) return "captures is not a list of files";
  if (!Array.isArray(i.event_ids) || !i.event_ids.every((x) => Number.isInteger(x)))
    return "event_ids is not a list of ids";
  return undefined;
}
