// The watcher's history in SQLite. Samples and probes are batched (one transaction per
// second, so a kill -9 loses at most about a second); events, incidents, captures, doctor
// reports and neighbours are committed at once. A failed write (disk full, I/O error, lock)
// never throws at the caller: the batch stays in memory, bounded, and is retried with
// back-off; stats() says what happened.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type {
  Incident,
  InterfaceRates,
  InterfaceSample,
  ProbeResult,
  WatchEvent,
} from "../events/types.js";
import type { NeighbourRecord } from "../host/parse/neighbours-jsonl.js";
import { errnoText } from "../lib/errno-text.js";
import type { StoredDoctorReport } from "./doctor-reports.js";
import { neighbourKey, neighbourRow } from "./neighbours.js";
import {
  DEFAULT_RETENTION,
  type MaintainResult,
  maintainStore,
  type Retention,
  setMeta,
} from "./rollup.js";
import { eventRow, incidentRow, probeValues, sampleValues } from "./rows.js";
import { applyWriterPragmas, migrate } from "./schema.js";
import { type PendingOp, type QueueLimits, WriteQueue } from "./write-queue.js";
import { prepareWriters, type Writers } from "./writers.js";

export interface StoreOptions {
  retention?: Partial<Retention>;
  /** Commit buffered samples and probes this often (default 1000 ms; 0: only flush()). */
  flushEveryMs?: number;
  /** Run maintain(now()) this often (default 60 s; 0: the caller runs maintain). */
  maintainEveryMs?: number;
  /** Commit early once this many samples + probes are buffered (default 10 000). */
  batchRows?: number;
  limits?: Partial<QueueLimits>;
  /** Clock for the periodic maintain and the write back-off (default Date.now). */
  now?: () => number;
}

interface StoreStats {
  samplesWritten: number;
  probesWritten: number;
  eventsWritten: number;
  commits: number;
  pendingRows: number;
  pendingOps: number;
  /** Failed write attempts (SQLITE_FULL, I/O errors, locks); the batch was kept. */
  writeErrors: number;
  /** Rows and operations given up: memory bound reached while writes failed, or refused by SQLite. */
  dropped: number;
  lastError: string | null;
  /** Newest sample or probe time committed, epoch ms. */
  committedThroughMs: number | null;
  lastMaintain: MaintainResult | null;
}

export interface Store {
  /** The open connection, for queries in the same process (the web page). */
  readonly db: Database.Database;
  addSample(sample: InterfaceSample, rates: InterfaceRates | null): void;
  addProbe(probe: ProbeResult): void;
  /** Commits at once (or queues it when the disk is full); returns the event's id: its own
   * `id` when it has one (the same id again updates the row), else the next free one. */
  addEvent(event: WatchEvent): number;
  upsertIncident(incident: Incident): void;
  addCapture(incidentId: number, path: string): void;
  /** The first event and incident ids after what the file already holds (a restart goes on). */
  nextIds(): { event: number; incident: number };
  /** Queued like events: kept and retried while the disk is full. */
  addDoctorReport(report: StoredDoctorReport): void;
  /** The neighbour table (see neighbours.ts), queued like events: a neighbour heard... */
  putNeighbour(n: NeighbourRecord): void;
  /** ...one the watcher dropped (marked expired at `atMs`)... */
  neighbourGone(n: NeighbourRecord, atMs: number): void;
  /** ...and, when a run starts, every row a previous run left live. */
  resetNeighbours(atMs: number): void;
  /** Commit what is buffered; false when the write failed (kept for a retry) or is backing off. */
  flush(): boolean;
  /** Roll up completed minutes and apply retention; null when it could not write. */
  maintain(nowMs: number): MaintainResult | null;
  stats(): StoreStats;
  /** Flush, stop the timers and close; returns the final figures. */
  close(): StoreStats;
}

const MAX_BACKOFF_MS = 30_000;

/** The store's directory and file, opened for writing; an error names the path and why. */
function openWritable(path: string): Database.Database {
  try {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true, mode: 0o750 });
    return new Database(path);
  } catch (err) {
    const hint =
      (err as NodeJS.ErrnoException).code === "EACCES"
        ? " (run as root, or give a store path this user may write)"
        : "";
    throw new Error(`cannot open the store ${path}: ${errnoText(err)}${hint}`, { cause: err });
  }
}

export function openStore(path: string, options: StoreOptions = {}): Store {
  const db = openWritable(path);
  applyWriterPragmas(db);
  migrate(db);
  const retention: Retention = { ...DEFAULT_RETENTION, ...options.retention };
  setMeta(db, "raw_retention_ms", retention.rawMs);
  setMeta(db, "rollup_retention_ms", retention.rollupMs);
  const writers: Writers = prepareWriters(db);
  const queue = new WriteQueue({ maxRows: 200_000, maxOps: 10_000, ...options.limits });
  const batchRows = options.batchRows ?? 10_000;
  const now = options.now ?? Date.now;
  const st: StoreStats = {
    samplesWritten: 0,
    probesWritten: 0,
    eventsWritten: 0,
    commits: 0,
    pendingRows: 0,
    pendingOps: 0,
    writeErrors: 0,
    dropped: 0,
    lastError: null,
    committedThroughMs: null,
    lastMaintain: null,
  };
  let nextEventId = (
    db.prepare("SELECT COALESCE(MAX(id), 0) + 1 AS n FROM events").get() as {
      n: number;
    }
  ).n;
  let failures = 0;
  let retryAt = 0;

  function failed(err: unknown): void {
    st.writeErrors++;
    st.lastError = `${(err as { code?: string }).code ?? "error"}: ${(err as Error).message}`;
    failures++;
    retryAt = now() + Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (failures - 1));
  }

  /** Write what is queued (only the operations when `opsOnly`); never throws. */
  function write(force: boolean, opsOnly: boolean): boolean {
    if (queue.empty || (opsOnly && queue.ops.length === 0)) return true;
    if (!force && now() < retryAt) return false;
    const batch = queue.take(opsOnly);
    try {
      const done = writers.writeBatch(batch);
      st.commits++;
      st.samplesWritten += done.samples;
      st.probesWritten += done.probes;
      st.eventsWritten += done.events;
      st.dropped += done.refused;
      if (done.refused > 0) st.lastError = done.lastRefusal;
      if (done.newestMs !== null)
        st.committedThroughMs = Math.max(st.committedThroughMs ?? done.newestMs, done.newestMs);
      failures = 0;
      retryAt = 0;
      return true;
    } catch (err) {
      queue.restore(batch);
      failed(err);
      return false;
    }
  }

  const flushTimer =
    (options.flushEveryMs ?? 1000) > 0
      ? setInterval(() => write(false, false), options.flushEveryMs ?? 1000)
      : undefined;
  flushTimer?.unref();
  const maintainTimer =
    (options.maintainEveryMs ?? 60_000) > 0
      ? setInterval(() => store.maintain(now()), options.maintainEveryMs ?? 60_000)
      : undefined;
  maintainTimer?.unref();

  function queueOp(op: PendingOp): void {
    queue.pushOp(op);
    write(false, true);
  }

  const store: Store = {
    nextIds: () => ({
      event: (db.prepare("SELECT coalesce(max(id), 0) + 1 AS n FROM events").get() as { n: number })
        .n,
      incident: (
        db.prepare("SELECT coalesce(max(id), 0) + 1 AS n FROM incidents").get() as { n: number }
      ).n,
    }),
    db,
    addSample(sample, rates) {
      queue.pushSample(sampleValues(sample, rates));
      if (queue.rows >= batchRows) write(false, false);
    },
    addProbe(probe) {
      queue.pushProbe(probeValues(probe));
      if (queue.rows >= batchRows) write(false, false);
    },
    addEvent(event) {
      // The watcher numbers its events (incidents list them by id); others get the next free id.
      const id = event.id ?? nextEventId;
      nextEventId = Math.max(nextEventId, id + 1);
      queueOp({ kind: "event", row: eventRow(id, event) });
      return id;
    },
    upsertIncident(incident) {
      queueOp({ kind: "incident", row: incidentRow(incident) });
    },
    addCapture(incidentId, path) {
      queueOp({ kind: "capture", incidentId, path });
    },
    addDoctorReport(report) {
      queueOp({ kind: "doctor-report", report });
    },
    putNeighbour(n) {
      queueOp({ kind: "neighbour", row: neighbourRow(n) });
    },
    neighbourGone(n, atMs) {
      queueOp({ kind: "neighbour-gone", key: neighbourKey(n), atMs });
    },
    resetNeighbours(atMs) {
      queueOp({ kind: "neighbours-reset", atMs });
    },
    flush: () => write(false, false),
    maintain(nowMs) {
      write(false, false);
      try {
        st.lastMaintain = maintainStore(db, nowMs, retention);
        return st.lastMaintain;
      } catch (err) {
        failed(err);
        return null;
      }
    },
    stats() {
      const dropped = st.dropped + queue.dropped;
      return { ...st, pendingRows: queue.rows, pendingOps: queue.ops.length, dropped };
    },
    close() {
      if (flushTimer) clearInterval(flushTimer);
      if (maintainTimer) clearInterval(maintainTimer);
      write(true, false);
      const final = store.stats();
      try {
        db.pragma("optimize");
        // Leave a plain file behind: a WAL database cannot be opened read-only by a user who
        // may not create its -shm file next to it. The next openStore switches back to WAL.
        if (final.pendingRows === 0) db.pragma("journal_mode = DELETE");
      } catch {
        // Best effort: a reader still attached keeps it in WAL mode, which is fine.
      }
      db.close();
      return final;
    },
  };
  return store;
}
