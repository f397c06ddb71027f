// The doctor's reports the watcher records (schema version 2): written at start, on a timer
// and when an incident opens; read by the web page next to an incident. Only the newest
// `keep` rows stay.
import type Database from "better-sqlite3";

export interface StoredDoctorReport {
  t_ms: number;
  status: "ok" | "warning" | "critical";
  /** The report as recorded (findings, unseen...). */
  report: Record<string, unknown>;
}

const DEFAULT_KEEP_REPORTS = 500;

/** Inserts a report and prunes to the newest `keep`; runs inside the caller's transaction. */
export function prepareDoctorReportWriter(
  db: Database.Database,
  keep = DEFAULT_KEEP_REPORTS,
): (r: StoredDoctorReport) => void {
  const insert = db.prepare("INSERT INTO doctor_reports (t_ms, status, report) VALUES (?, ?, ?)");
  const prune = db.prepare(
    "DELETE FROM doctor_reports WHERE id <= (SELECT id FROM doctor_reports ORDER BY id DESC LIMIT 1 OFFSET ?)",
  );
  return (r) => {
    insert.run(r.t_ms, r.status, JSON.stringify(r.report));
    prune.run(keep);
  };
}

/** Writes one report at once (tests and tools; the watcher queues them through its store). */
export function addDoctorReport(
  db: Database.Database,
  r: StoredDoctorReport,
  keep = DEFAULT_KEEP_REPORTS,
): void {
  db.transaction(prepareDoctorReportWriter(db, keep))(r);
}

/** A store written before schema version 2 has no reports (read-only readers cannot migrate). */
function hasReports(db: Database.Database): boolean {
  return (
    db
      .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'doctor_reports'")
      .get() !== undefined
  );
}

function fromRow(row: { t_ms: number; status: string; report: string } | undefined) {
  if (!row) return null;
  let report: Record<string, unknown>;
  try {
    report = JSON.parse(row.report) as Record<string, unknown>;
  } catch {
    report = {};
  }
  return { t_ms: row.t_ms, status: row.status as StoredDoctorReport["status"], report };
}

/** The report recorded last at or before `t`, else the first one after it; null when none. */
export function doctorReportNear(db: Database.Database, t: number): StoredDoctorReport | null {
  if (!hasReports(db)) return null;
  type R = { t_ms: number; status: string; report: string };
  const before = db
    .prepare(
      "SELECT t_ms, status, report FROM doctor_reports WHERE t_ms <= ? ORDER BY t_ms DESC LIMIT 1",
    )
    .get(t) as R | undefined;
  if (before) return fromRow(before);
  const after = db
    .prepare("SELECT t_ms, status, report FROM doctor_reports WHERE t_ms > ? ORDER BY t_ms LIMIT 1")
    .get(t) as R | undefined;
  return fromRow(after);
}

export function latestDoctorReport(db: Database.Database): StoredDoctorReport | null {
  return doctorReportNear(db, Number.MAX_SAFE_INTEGER);
}
