// Read-only questions the CLI and the web page ask the store. Each takes an open database
// and plain options, and returns typed values; nothing here prints or writes.
import type Database from "better-sqlite3";
import type { Incident, WatchEvent } from "../events/types.js";
import { eventFromRow, incidentFromRow, type Row } from "./rows.js";

export { listNeighbours } from "../host/read/store-neighbours.js";
export { type Timeline, type TimelineRow, timeline } from "./timeline.js";

export interface EventQuery {
  since?: number | undefined;
  until?: number | undefined;
  /** Events whose ifname or subject is this interface (or a path through it, "eth0>10.0.0.1"). */
  ifname?: string | undefined;
  kind?: readonly string[] | undefined;
  /** The newest N of the window, still returned oldest first. */
  limit?: number | undefined;
}

/** SQL that is true when `column` names the interface or a path through it. */
function about(column: string): string {
  return `(${column} = @ifname OR substr(${column}, 1, length(@ifname) + 1) = @ifname || '>')`;
}

export function listEvents(db: Database.Database, q: EventQuery = {}): WatchEvent[] {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (q.since !== undefined) {
    where.push("t_ms >= @since");
    params.since = q.since;
  }
  if (q.until !== undefined) {
    where.push("t_ms <= @until");
    params.until = q.until;
  }
  if (q.ifname !== undefined) {
    where.push(`(ifname = @ifname OR ${about("subject")})`);
    params.ifname = q.ifname;
  }
  if (q.kind !== undefined && q.kind.length > 0) {
    where.push("kind IN (SELECT value FROM json_each(@kinds))");
    params.kinds = JSON.stringify(q.kind);
  }
  const sql =
    `SELECT * FROM events ${where.length > 0 ? `WHERE ${where.join(" AND ")}` : ""}` +
    ` ORDER BY t_ms DESC, id DESC${q.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(q.limit))}` : ""}`;
  const rows = db.prepare(sql).all(params) as Row[];
  return rows.reverse().map(eventFromRow);
}

export interface IncidentQuery {
  /** Incidents still open at or after this time (open ones, or closed since). */
  since?: number | undefined;
  until?: number | undefined;
  /** Only incidents that are still open. */
  open?: boolean | undefined;
  /** Incidents with this interface (or a path through it) among their subjects. */
  ifname?: string | undefined;
}

export function listIncidents(db: Database.Database, q: IncidentQuery = {}): Incident[] {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (q.since !== undefined) {
    where.push("(closed_ms IS NULL OR closed_ms >= @since)");
    params.since = q.since;
  }
  if (q.until !== undefined) {
    where.push("opened_ms <= @until");
    params.until = q.until;
  }
  if (q.open) where.push("closed_ms IS NULL");
  if (q.ifname !== undefined) {
    where.push(`EXISTS (SELECT 1 FROM json_each(subjects) WHERE ${about("value")})`);
    params.ifname = q.ifname;
  }
  const sql = `SELECT * FROM incidents ${where.length > 0 ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY opened_ms, id`;
  return (db.prepare(sql).all(params) as Row[]).map(incidentFromRow);
}

export interface IncidentDetail {
  incident: Incident;
  /** The incident's events, oldest first: those it lists and those linked to it. */
  events: WatchEvent[];
}

export function getIncident(db: Database.Database, id: number): IncidentDetail | undefined {
  const row = db.prepare("SELECT * FROM incidents WHERE id = ?").get(id) as Row | undefined;
  if (!row) return undefined;
  const incident = incidentFromRow(row);
  const events = db
    .prepare(
      `SELECT * FROM events WHERE incident_id = @id
         OR id IN (SELECT value FROM json_each(@ids)) ORDER BY t_ms, id`,
    )
    .all({ id, ids: JSON.stringify(incident.event_ids) }) as Row[];
  return { incident, events: events.map(eventFromRow) };
}
