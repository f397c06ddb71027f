// The store's tables and their migrations. `PRAGMA user_version` is the schema version:
// migration N brings a database from version N to N+1, each in its own transaction.
import type Database from "better-sqlite3";

/** The per-second rates kept raw and rolled up (min/max/avg) per minute. */
export const RATE_KEYS = [
  "rx_bps",
  "tx_bps",
  "rx_pps",
  "tx_pps",
  "rx_errors_ps",
  "tx_errors_ps",
  "rx_dropped_ps",
  "tx_dropped_ps",
] as const;

const rateColumns = RATE_KEYS.map((k) => `${k} REAL`).join(", ");
const rollupRateColumns = RATE_KEYS.map((k) => `${k}_min REAL, ${k}_max REAL, ${k}_avg REAL`).join(
  ", ",
);

const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

  -- Clustered by time (appends stay at the end; retention deletes a prefix); the second index
  -- serves one interface's history. A sample repeated for the same interface and ms replaces it.
  CREATE TABLE samples (
    t_ms REAL NOT NULL, ifname TEXT NOT NULL,
    carrier INTEGER, operstate TEXT NOT NULL, carrier_changes INTEGER, state_age_s REAL,
    mtu INTEGER, speed_mbps INTEGER, master TEXT,
    rx_bytes INTEGER NOT NULL, tx_bytes INTEGER NOT NULL,
    rx_packets INTEGER NOT NULL, tx_packets INTEGER NOT NULL,
    rx_errors INTEGER NOT NULL, tx_errors INTEGER NOT NULL,
    rx_dropped INTEGER NOT NULL, tx_dropped INTEGER NOT NULL,
    interval_ms REAL, ${rateColumns},
    PRIMARY KEY (t_ms, ifname)
  ) WITHOUT ROWID;
  CREATE INDEX samples_if_t ON samples (ifname, t_ms);

  CREATE TABLE probes (
    t_ms REAL NOT NULL, ifname TEXT NOT NULL, target TEXT NOT NULL, kind TEXT NOT NULL,
    seq INTEGER NOT NULL, ok INTEGER NOT NULL, rtt_ms REAL
  );
  CREATE INDEX probes_t ON probes (t_ms);
  CREATE INDEX probes_if_t ON probes (ifname, t_ms);

  -- One row per interface per completed minute; the probe side is in rollups_1m_probes
  -- (one row per interface, target and probe kind), so a minute can hold any number of targets.
  CREATE TABLE rollups_1m (
    minute_ms INTEGER NOT NULL, ifname TEXT NOT NULL, samples INTEGER NOT NULL,
    carrier_down_s REAL,
    carrier INTEGER, operstate TEXT, carrier_changes INTEGER, state_age_s REAL,
    mtu INTEGER, speed_mbps INTEGER,
    ${rollupRateColumns},
    PRIMARY KEY (minute_ms, ifname)
  ) WITHOUT ROWID;
  CREATE INDEX rollups_1m_if ON rollups_1m (ifname, minute_ms);

  CREATE TABLE rollups_1m_probes (
    minute_ms INTEGER NOT NULL, ifname TEXT NOT NULL, target TEXT NOT NULL, kind TEXT NOT NULL,
    sent INTEGER NOT NULL, lost INTEGER NOT NULL, rtt_avg_ms REAL, rtt_max_ms REAL,
    PRIMARY KEY (minute_ms, ifname, target, kind)
  ) WITHOUT ROWID;

  CREATE TABLE events (
    id INTEGER PRIMARY KEY, t_ms REAL NOT NULL, kind TEXT NOT NULL, subject TEXT NOT NULL,
    severity TEXT NOT NULL, detail TEXT NOT NULL, ifname TEXT, data TEXT,
    incident_id INTEGER, host TEXT NOT NULL
  );
  CREATE INDEX events_t ON events (t_ms);
  CREATE INDEX events_if_t ON events (ifname, t_ms);
  CREATE INDEX events_incident ON events (incident_id);

  CREATE TABLE incidents (
    id INTEGER PRIMARY KEY, opened_ms REAL NOT NULL, closed_ms REAL,
    severity TEXT NOT NULL, title TEXT NOT NULL, explanation TEXT NOT NULL,
    subjects TEXT NOT NULL, event_ids TEXT NOT NULL, captures TEXT NOT NULL, host TEXT NOT NULL
  );
  CREATE INDEX incidents_opened ON incidents (opened_ms);
  `,
  // 2: the doctor's report, recorded by the watcher, so an incident shows what the host
  // looked like when it opened.
  `
  CREATE TABLE doctor_reports (
    id INTEGER PRIMARY KEY, t_ms REAL NOT NULL, status TEXT NOT NULL, report TEXT NOT NULL
  );
  CREATE INDEX doctor_reports_t ON doctor_reports (t_ms);
  `,
  // 3: who is on the other end of each member (LLDP/CDP), see neighbours.ts. One row per
  // member, protocol and switch port (switch_key: chassis id, else system name; port_key:
  // port id; '' when not sent), so a re-cabled member keeps its old port as an expired row.
  `
  CREATE TABLE neighbours (
    ifname TEXT NOT NULL, protocol TEXT NOT NULL, switch_key TEXT NOT NULL, port_key TEXT NOT NULL,
    chassis_id TEXT, system_name TEXT, port_id TEXT, port_description TEXT, vlan INTEGER,
    management TEXT NOT NULL, agg_supported INTEGER, agg_enabled INTEGER, agg_port_id INTEGER,
    ttl_s REAL, first_seen_ms REAL NOT NULL, last_seen_ms REAL NOT NULL, expires_ms REAL NOT NULL,
    expired_ms REAL,
    PRIMARY KEY (ifname, protocol, switch_key, port_key)
  );
  CREATE INDEX neighbours_live ON neighbours (expired_ms, ifname);
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export class StoreSchemaError extends Error {
  override name = "StoreSchemaError";
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
  }
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma("user_version", { simple: true }) as number;
}

/** Bring the database to SCHEMA_VERSION; refuse one written by a newer linkguard. */
export function migrate(db: Database.Database): void {
  const from = schemaVersion(db);
  if (from > SCHEMA_VERSION) {
    throw new StoreSchemaError(
      db.name,
      `schema version ${from} is newer than this linkguard understands (${SCHEMA_VERSION})`,
    );
  }
  for (let v = from; v < SCHEMA_VERSION; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v] ?? "");
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

/**
 * WAL lets the CLI and the web page read while the watcher writes; synchronous=NORMAL
 * in WAL mode survives a process crash (only an OS crash can lose the last commits).
 */
export function applyWriterPragmas(db: Database.Database): void {
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 5000");
}
