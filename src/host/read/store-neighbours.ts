// The watcher's neighbour table as its SQLite store keeps it (table `neighbours`, schema
// version 3, written by watch/store/neighbours.ts). It lives here, below both, because the
// doctor reads it through the host's readers and the store's users (watch/store/queries.ts)
// re-export it: one reader of the table (docs/adr/0002-layers.md: the shared piece moves down).
import { lstatSync, realpathSync } from "node:fs";
import { isAbsolute, join, relative } from "node:path";
import type Database from "better-sqlite3";
import { lazyModule } from "../../lib/lazy.js";
import { evidence } from "../../lib/text.js";
import { ParseError } from "../model.js";
import type { LinkNeighbour } from "../neighbour.js";
import type { NeighbourRecord } from "../parse/neighbours-jsonl.js";

const sqlite = lazyModule<typeof Database>("better-sqlite3");

/** Where `linkguard watch` keeps its store by default (root-relative; watch.store.path). */
export const WATCH_STORE_FILE = "var/lib/linkguard/linkguard.db";

/** A hostile store must not cost the doctor more than this many rows. */
const MAX_ROWS = 4096;

/** One row: the neighbour as last written, and its life in the table. */
export interface StoredNeighbour extends NeighbourRecord {
  rowid: number;
  /** First heard on this member and switch port since it was last expired, epoch ms. */
  firstSeenMs: number;
  /** heardMs + TTL as last written: the switch's information is valid until then. */
  expiresMs: number;
  /** When the watcher dropped it (TTL ran out, TTL 0, a new run); null while live. */
  expiredMs: number | null;
}

export interface NeighbourQuery {
  /** Only the rows live at this time: not marked expired, and their TTL not run out. */
  asOf?: number | undefined;
  /** Also the expired rows (the member's cabling history); default false. */
  expired?: boolean | undefined;
}

type Row = Record<string, number | string | null>;

const text = (v: unknown): string | null => (typeof v === "string" ? v : null);
const num = (v: unknown): number | null => (typeof v === "number" ? v : null);

function management(v: unknown): string[] {
  try {
    const a = JSON.parse(String(v)) as unknown;
    return Array.isArray(a) ? a.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

function fromRow(r: Row): StoredNeighbour {
  return {
    rowid: Number(r.rowid),
    ifname: String(r.ifname),
    protocol: r.protocol === "cdp" ? "cdp" : "lldp",
    chassisId: text(r.chassis_id),
    systemName: text(r.system_name),
    portId: text(r.port_id),
    portDescription: text(r.port_description),
    managementAddresses: management(r.management),
    vlan: num(r.vlan),
    aggregation:
      r.agg_enabled === null
        ? null
        : {
            supported: r.agg_supported === null ? null : r.agg_supported === 1,
            enabled: r.agg_enabled === 1,
            portId: num(r.agg_port_id) ?? 0,
          },
    ttl: num(r.ttl_s),
    heardMs: Number(r.last_seen_ms),
    firstSeenMs: Number(r.first_seen_ms),
    expiresMs: Number(r.expires_ms),
    expiredMs: num(r.expired_ms),
  };
}

/** The table's rows by member, protocol and newest first; [] for a store older than version 3. */
export function listNeighbours(db: Database.Database, q: NeighbourQuery = {}): StoredNeighbour[] {
  const table = db
    .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'neighbours'")
    .get();
  if (table === undefined) return [];
  const where: string[] = [];
  if (!q.expired) where.push("expired_ms IS NULL");
  if (q.asOf !== undefined) where.push("expires_ms >= @asOf AND first_seen_ms <= @asOf");
  // The limit before the sort: a hostile table of millions of rows is not sorted whole.
  const sql =
    `SELECT * FROM (SELECT rowid, * FROM neighbours ${where.length > 0 ? `WHERE ${where.join(" AND ")}` : ""}` +
    ` LIMIT ${MAX_ROWS}) ORDER BY ifname, protocol, last_seen_ms DESC`;
  const params = q.asOf === undefined ? {} : { asOf: q.asOf };
  return (db.prepare(sql).all(params) as Row[]).map(fromRow);
}

/** "neighbours row 3: eno1 LLDP sw-a Ethernet1/5, chassis ..., last heard ...": a row as evidence. */
function describeRow(n: StoredNeighbour): string {
  const parts = [
    `neighbours row ${n.rowid}: ${n.ifname} ${n.protocol.toUpperCase()}`,
    `system ${n.systemName ?? "-"}`,
    `chassis ${n.chassisId ?? "-"}`,
    `port ${n.portId ?? "-"}`,
    `vlan ${n.vlan ?? "-"}`,
    `aggregation ${n.aggregation === null ? "-" : n.aggregation.enabled ? `on (${n.aggregation.portId})` : "off"}`,
    `ttl ${n.ttl ?? "-"} s`,
    `last heard ${new Date(n.heardMs).toISOString()}`,
  ];
  return parts.join(", ");
}

/**
 * No store, or one this user may not read (the store's directory is 0750; a WAL store needs
 * write access beside it): not a fault of the input, so no problem is reported for it.
 */
function notOurs(err: unknown): boolean {
  const code = String((err as { code?: unknown }).code);
  return /^(ENOENT|EACCES|EPERM|SQLITE_CANTOPEN|SQLITE_READONLY)/.test(code);
}

function linkNeighbour(n: StoredNeighbour, file: string): LinkNeighbour {
  const ev = evidence(file, 0, describeRow(n));
  const { rowid: _r, heardMs: _h, firstSeenMs: _f, expiresMs: _e, expiredMs: _x, ...facts } = n;
  return {
    ...facts,
    source: ev,
    ev: { chassisId: ev, systemName: ev, portId: ev, vlan: ev, aggregation: ev },
  };
}

/**
 * The live rows of the store at root-relative `rel` under `dir`, [] when there is none. The
 * file must be a regular file inside the root (no symlink out of a sosreport); it is opened
 * read-only. Whatever goes wrong (not a database, no access, a WAL file we may not share)
 * becomes a problem, never a throw.
 */
export function readStoreNeighbours(
  dir: string,
  rel: string,
  problems: ParseError[],
  asOf?: number,
): LinkNeighbour[] {
  const path = join(dir, rel);
  try {
    if (!lstatSync(path).isFile()) throw new Error("not a regular file");
    const inside = relative(realpathSync.native(dir), realpathSync.native(path));
    if (inside.startsWith("..") || isAbsolute(inside)) throw new Error("resolves outside the root");
  } catch (err) {
    if (notOurs(err)) return [];
    problems.push(new ParseError(rel, 0, `skipped: ${(err as Error).message}`));
    return [];
  }
  let db: Database.Database | undefined;
  try {
    db = new (sqlite())(path, { readonly: true, fileMustExist: true });
    db.pragma("busy_timeout = 2000");
    db.pragma("trusted_schema = OFF");
    return listNeighbours(db, { asOf }).map((n) => linkNeighbour(n, rel));
  } catch (err) {
    if (notOurs(err)) return [];
    problems.push(
      new ParseError(rel, 0, `the watcher's store: ${(err as Error).message}`, "", { cause: err }),
    );
    return [];
  } finally {
    db?.close();
  }
}
