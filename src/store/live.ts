// The reads behind the page's live view (GET /api/stream, /api/info) and the capture check:
// small, indexed questions asked every poll.
import type Database from "better-sqlite3";
import type { Row } from "./rows.js";

/** The newest event's id (0 when none), or the newest at or before `atOrBefore` ms. */
export function lastEventId(db: Database.Database, atOrBefore?: number): number {
  if (atOrBefore === undefined)
    return db.prepare("SELECT COALESCE(MAX(id), 0) FROM events").pluck().get() as number;
  return db
    .prepare("SELECT COALESCE(MAX(id), 0) FROM events WHERE t_ms <= ?")
    .pluck()
    .get(atOrBefore) as number;
}

/** Events after `id`, oldest first, at most `limit` of them (rows, as stored). */
export function eventRowsAfter(db: Database.Database, id: number, limit: number): Row[] {
  return db
    .prepare("SELECT * FROM events WHERE id > ? ORDER BY id LIMIT ?")
    .all(id, limit) as Row[];
}

/** Incidents still open, or among the newest `newest` (rows, as stored). */
export function openOrRecentIncidentRows(db: Database.Database, newest: number): Row[] {
  return db
    .prepare(
      "SELECT * FROM incidents WHERE closed_ms IS NULL OR id > (SELECT MAX(id) - ? FROM incidents)",
    )
    .all(newest) as Row[];
}

/** Incidents open, closed at or after `closedSince` ms, or with an id above `idAbove`. */
export function changedIncidentRows(
  db: Database.Database,
  closedSince: number,
  idAbove: number,
): Row[] {
  return db
    .prepare(
      "SELECT * FROM incidents WHERE closed_ms IS NULL OR closed_ms >= ? OR id > ? ORDER BY id",
    )
    .all(closedSince, idAbove) as Row[];
}

/** The newest sample's time, or null when there is none. */
export function lastSampleMs(db: Database.Database): number | null {
  return db.prepare("SELECT MAX(t_ms) FROM samples").pluck().get() as number | null;
}

/** The time the store covers, raw samples and roll-ups together (nulls when empty). */
export function storeRange(db: Database.Database): { first: number | null; last: number | null } {
  return db
    .prepare(
      `SELECT MIN(f) AS first, MAX(l) AS last FROM (
         SELECT MIN(t_ms) AS f, MAX(t_ms) AS l FROM samples
         UNION ALL SELECT MIN(minute_ms), MAX(minute_ms) FROM rollups_1m)`,
    )
    .get() as { first: number | null; last: number | null };
}

/** Interface names: roll-ups are few; of the raw rows only the last ten minutes (not yet rolled
 * up) are read. */
export function storedInterfaces(db: Database.Database): string[] {
  return db
    .prepare(
      `SELECT DISTINCT ifname FROM rollups_1m UNION SELECT DISTINCT ifname FROM samples
       WHERE t_ms >= (SELECT MAX(t_ms) FROM samples) - 600000 ORDER BY 1`,
    )
    .pluck()
    .all() as string[];
}

/** The capture lists (JSON text, as stored) of incidents whose list mentions `text`. */
export function captureListsMentioning(db: Database.Database, text: string): string[] {
  return db
    .prepare("SELECT captures FROM incidents WHERE instr(captures, ?) > 0")
    .pluck()
    .all(text) as string[];
}
