// One write attempt: every queued operation, sample and probe in one transaction.
// A retryable error (disk full, I/O, lock) aborts it all so nothing is half-written and the
// batch is retried; any other error refuses just that row (a bad value must not block the rest).
import type Database from "better-sqlite3";
import { prepareDoctorReportWriter } from "./doctor-reports.js";
import { prepareNeighbourWriters } from "./neighbours.js";
import { PROBE_COLUMNS, SAMPLE_COLUMNS, type Values } from "./rows.js";
import type { PendingOp } from "./write-queue.js";

const RETRYABLE = /^SQLITE_(FULL|IOERR|BUSY|LOCKED|READONLY|CANTOPEN|PROTOCOL|NOMEM)/;

function isRetryable(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" && RETRYABLE.test(code);
}

interface BatchResult {
  samples: number;
  probes: number;
  events: number;
  refused: number;
  lastRefusal: string | null;
  newestMs: number | null;
}

export interface Writers {
  writeBatch(batch: { samples: Values[]; probes: Values[]; ops: PendingOp[] }): BatchResult;
}

function insertSql(table: string, columns: readonly string[], named = true): string {
  const values = columns.map((c) => (named ? `@${c}` : "?")).join(", ");
  return `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${values})`;
}

const EVENT_COLUMNS = [
  "id",
  "t_ms",
  "kind",
  "subject",
  "severity",
  "detail",
  "ifname",
  "data",
  "incident_id",
  "host",
];
const INCIDENT_COLUMNS = [
  "id",
  "opened_ms",
  "closed_ms",
  "severity",
  "title",
  "explanation",
  "subjects",
  "event_ids",
  "captures",
  "host",
];

/** Captures already stored first, then new ones, each once: the capture trigger and the
 * correlator both add to the list and neither may erase the other's entries. */
function mergeCaptures(stored: string | undefined, given: string): string {
  const a = stored === undefined ? [] : (JSON.parse(stored) as string[]);
  return JSON.stringify([...new Set([...a, ...(JSON.parse(given) as string[])])]);
}

export function prepareWriters(db: Database.Database): Writers {
  const sample = db.prepare(
    insertSql("samples", SAMPLE_COLUMNS, false).replace("INSERT", "INSERT OR REPLACE"),
  );
  const probe = db.prepare(insertSql("probes", PROBE_COLUMNS, false));
  // An event sent again (same id) is updated, keeping the incident it was linked to.
  const event = db.prepare(
    `${insertSql("events", EVENT_COLUMNS)} ON CONFLICT (id) DO UPDATE SET ${EVENT_COLUMNS.slice(1)
      .map((c) =>
        c === "incident_id"
          ? "incident_id = coalesce(excluded.incident_id, incident_id)"
          : `${c} = excluded.${c}`,
      )
      .join(", ")}`,
  );
  const incident = db.prepare(
    insertSql("incidents", INCIDENT_COLUMNS).replace("INSERT", "INSERT OR REPLACE"),
  );
  const captures = db.prepare("SELECT captures FROM incidents WHERE id = ?").pluck();
  const setCaptures = db.prepare("UPDATE incidents SET captures = ? WHERE id = ?");
  const linkEvents = db.prepare(
    "UPDATE events SET incident_id = @id WHERE id IN (SELECT value FROM json_each(@event_ids))",
  );

  const doctorReport = prepareDoctorReportWriter(db);
  const neighbours = prepareNeighbourWriters(db);

  function applyOp(op: PendingOp): void {
    if (op.kind === "event") {
      event.run(op.row);
    } else if (op.kind === "incident") {
      const stored = captures.get(op.row.id) as string | undefined;
      incident.run({ ...op.row, captures: mergeCaptures(stored, String(op.row.captures)) });
      linkEvents.run(op.row);
    } else if (op.kind === "doctor-report") {
      doctorReport(op.report);
    } else if (op.kind === "neighbour") {
      neighbours.put(op.row);
    } else if (op.kind === "neighbour-gone") {
      neighbours.gone(op.key, op.atMs);
    } else if (op.kind === "neighbours-reset") {
      neighbours.reset(op.atMs);
    } else {
      const stored = captures.get(op.incidentId) as string | undefined;
      if (stored === undefined) throw new Error(`capture for unknown incident ${op.incidentId}`);
      setCaptures.run(mergeCaptures(stored, JSON.stringify([op.path])), op.incidentId);
    }
  }

  const tx = db.transaction((batch: { samples: Values[]; probes: Values[]; ops: PendingOp[] }) => {
    const r: BatchResult = {
      samples: 0,
      probes: 0,
      events: 0,
      refused: 0,
      lastRefusal: null,
      newestMs: null,
    };
    const attempt = (fn: () => void): boolean => {
      try {
        fn();
        return true;
      } catch (err) {
        if (isRetryable(err)) throw err;
        r.refused++;
        r.lastRefusal = `refused: ${(err as Error).message}`;
        return false;
      }
    };
    for (const op of batch.ops) {
      if (attempt(() => applyOp(op)) && op.kind === "event") r.events++;
    }
    for (const row of batch.samples) if (attempt(() => sample.run(row))) r.samples++;
    for (const row of batch.probes) if (attempt(() => probe.run(row))) r.probes++;
    for (const row of [...batch.samples.slice(-1), ...batch.probes.slice(-1)]) {
      const t = Number(row[0]);
      r.newestMs = r.newestMs === null ? t : Math.max(r.newestMs, t);
    }
    return r;
  });
  return { writeBatch: tx };
}
