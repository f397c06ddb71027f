// The watcher's neighbour table in the store (schema version 3): one row per member, protocol
// and switch port. A neighbour heard is upserted (first seen kept while it stays live); one the
// watcher drops (TTL ran out, TTL 0, the switch port changed long enough ago) is marked
// expired, not deleted, so the store also answers "which switch port was eno2 on last week".
// Read back by host/read/store-neighbours.ts (re-exported by queries.ts).
import type Database from "better-sqlite3";
import type { NeighbourRecord } from "../host/parse/neighbours-jsonl.js";
import type { Row } from "./rows.js";

/** IEEE 802.1AB-2016 9.2.5.22: msgTxHold x msgTxInterval, for a frame that carried no TTL. */
const DEFAULT_TTL_S = 120;

/** The row's key: member, protocol, switch (chassis id, else name) and port ('' when not sent). */
export function neighbourKey(n: NeighbourRecord): Row {
  return {
    ifname: n.ifname,
    protocol: n.protocol,
    switch_key: n.chassisId ?? n.systemName ?? "",
    port_key: n.portId ?? "",
  };
}

export function neighbourRow(n: NeighbourRecord): Row {
  const a = n.aggregation;
  return {
    ...neighbourKey(n),
    chassis_id: n.chassisId,
    system_name: n.systemName,
    port_id: n.portId,
    port_description: n.portDescription,
    vlan: n.vlan,
    management: JSON.stringify(n.managementAddresses),
    agg_supported: a === null || a.supported === null ? null : a.supported ? 1 : 0,
    agg_enabled: a === null ? null : a.enabled ? 1 : 0,
    agg_port_id: a === null ? null : a.portId,
    ttl_s: n.ttl,
    seen_ms: n.heardMs,
    expires_ms: n.heardMs + (n.ttl ?? DEFAULT_TTL_S) * 1000,
  };
}

const FACTS = [
  "chassis_id",
  "system_name",
  "port_id",
  "port_description",
  "vlan",
  "management",
  "agg_supported",
  "agg_enabled",
  "agg_port_id",
  "ttl_s",
  "expires_ms",
];

export interface NeighbourWriters {
  put(row: Row): void;
  /** Marks the row of `key` expired at `atMs` (a row already expired keeps its time). */
  gone(key: Row, atMs: number): void;
  /** Marks every live row expired at `atMs`: a new run starts with an empty table. */
  reset(atMs: number): void;
}

/** Statements for the write batch; they run inside the caller's transaction. */
export function prepareNeighbourWriters(db: Database.Database): NeighbourWriters {
  const put = db.prepare(
    `INSERT INTO neighbours (ifname, protocol, switch_key, port_key, ${FACTS.join(", ")},
       first_seen_ms, last_seen_ms, expired_ms)
     VALUES (@ifname, @protocol, @switch_key, @port_key, ${FACTS.map((c) => `@${c}`).join(", ")},
       @seen_ms, @seen_ms, NULL)
     ON CONFLICT (ifname, protocol, switch_key, port_key) DO UPDATE SET
       ${FACTS.map((c) => `${c} = excluded.${c}`).join(", ")},
       first_seen_ms = CASE WHEN expired_ms IS NULL THEN first_seen_ms ELSE excluded.first_seen_ms END,
       last_seen_ms = excluded.last_seen_ms, expired_ms = NULL`,
  );
  const gone = db.prepare(
    `UPDATE neighbours SET expired_ms = @at WHERE ifname = @ifname AND protocol = @protocol
       AND switch_key = @switch_key AND port_key = @port_key AND expired_ms IS NULL`,
  );
  const reset = db.prepare("UPDATE neighbours SET expired_ms = ? WHERE expired_ms IS NULL");
  return {
    put: (row) => put.run(row),
    gone: (key, atMs) => gone.run({ ...key, at: atMs }),
    reset: (atMs) => reset.run(atMs),
  };
}
