import assert from "node:assert/strict";
import { test } from "node:test";
import Database from "better-sqlite3";
import { event, tempDbPath } from "../../test/support/store-data.js";
import type { NeighbourRecord } from "../host/parse/neighbours-jsonl.js";
import { openStoreReadOnly } from "./open-read-only.js";
import { listEvents, listNeighbours } from "./queries.js";
import { SCHEMA_VERSION } from "./schema.js";
import { openStore } from "./store.js";

const T0 = Date.UTC(2026, 11, 4, 10, 0, 0);
const manual = { flushEveryMs: 0, maintainEveryMs: 0 };

const heard = (ifname: string, fields: Partial<NeighbourRecord> = {}): NeighbourRecord => ({
  ifname,
  protocol: "lldp",
  chassisId: "44:4c:a8:aa:00:01",
  systemName: "sw-a",
  portId: "Ethernet1/5",
  portDescription: "web01 eno1",
  managementAddresses: ["192.0.2.11", "2001:db8::11"],
  vlan: 10,
  aggregation: { supported: true, enabled: true, portId: 1005 },
  ttl: 120,
  heardMs: T0,
  ...fields,
});

test("a neighbour put in the store reads back with every fact, its seen times and its expiry", () => {
  const store = openStore(tempDbPath(), manual);
  store.putNeighbour(heard("eno1"));
  store.putNeighbour(
    heard("eno2", {
      protocol: "cdp",
      chassisId: null,
      systemName: "sw-b",
      portId: null,
      portDescription: null,
      managementAddresses: [],
      vlan: null,
      aggregation: { supported: null, enabled: false, portId: 0 },
      ttl: null,
    }),
  );
  const [eno1, eno2] = listNeighbours(store.db);
  assert.ok(eno1 && eno2);
  const { rowid, ...facts } = eno1;
  assert.equal(typeof rowid, "number");
  assert.deepEqual(facts, {
    ...heard("eno1"),
    firstSeenMs: T0,
    expiresMs: T0 + 120_000,
    expiredMs: null,
  });
  assert.equal(eno2.protocol, "cdp");
  assert.equal(eno2.systemName, "sw-b");
  assert.equal(eno2.portId, null);
  assert.deepEqual(eno2.aggregation, { supported: null, enabled: false, portId: 0 });
  assert.equal(eno2.expiresMs, T0 + 120_000, "no TTL sent: 802.1AB's default 120 s");
  assert.equal(store.stats().dropped, 0);
  store.close();
});

test("a refresh keeps the first-seen time and moves last-seen and expiry; one row per switch port", () => {
  const store = openStore(tempDbPath(), manual);
  store.putNeighbour(heard("eno1"));
  store.putNeighbour(heard("eno1", { heardMs: T0 + 30_000, vlan: 20 }));
  const rows = listNeighbours(store.db);
  assert.equal(rows.length, 1);
  assert.equal(rows[0]?.firstSeenMs, T0);
  assert.equal(rows[0]?.heardMs, T0 + 30_000);
  assert.equal(rows[0]?.expiresMs, T0 + 150_000);
  assert.equal(rows[0]?.vlan, 20, "a changed fact replaces the old one");
  // Re-cabled: another switch port is another row; the old one stays until it is dropped.
  store.putNeighbour(heard("eno1", { portId: "Ethernet1/9", heardMs: T0 + 40_000 }));
  assert.deepEqual(
    listNeighbours(store.db).map((n) => n.portId),
    ["Ethernet1/9", "Ethernet1/5"],
    "newest first",
  );
  store.close();
});

test("an expired neighbour is marked, not deleted: live reads leave it out, history keeps it", () => {
  const store = openStore(tempDbPath(), manual);
  store.putNeighbour(heard("eno1"));
  store.putNeighbour(heard("eno2", { portId: "Ethernet1/6" }));
  store.neighbourGone(heard("eno1"), T0 + 121_000);
  assert.deepEqual(
    listNeighbours(store.db).map((n) => n.ifname),
    ["eno2"],
  );
  const all = listNeighbours(store.db, { expired: true });
  assert.deepEqual(
    all.map((n) => [n.ifname, n.expiredMs]),
    [
      ["eno1", T0 + 121_000],
      ["eno2", null],
    ],
  );
  // Heard again later: live again, and first seen starts over.
  store.putNeighbour(heard("eno1", { heardMs: T0 + 600_000 }));
  const back = listNeighbours(store.db).find((n) => n.ifname === "eno1");
  assert.equal(back?.expiredMs, null);
  assert.equal(back?.firstSeenMs, T0 + 600_000);
  store.close();
});

test("read as of a time, rows whose TTL had run out then are left out even if not yet marked", () => {
  const store = openStore(tempDbPath(), manual);
  store.putNeighbour(heard("eno1"));
  store.putNeighbour(heard("eno2", { heardMs: T0 + 100_000 }));
  assert.deepEqual(
    listNeighbours(store.db, { asOf: T0 + 150_000 }).map((n) => n.ifname),
    ["eno2"],
    "eno1's 120 s ran out at T0 + 120 s (a watcher killed before it could mark it)",
  );
  store.close();
});

test("resetNeighbours marks every row a previous run left live as expired", () => {
  const path = tempDbPath();
  const first = openStore(path, manual);
  first.putNeighbour(heard("eno1"));
  first.putNeighbour(heard("eno2", { portId: "Ethernet1/6" }));
  first.close();
  const second = openStore(path, manual);
  second.resetNeighbours(T0 + 5_000);
  assert.deepEqual(listNeighbours(second.db), []);
  assert.deepEqual(
    listNeighbours(second.db, { expired: true }).map((n) => n.expiredMs),
    [T0 + 5_000, T0 + 5_000],
  );
  second.close();
});

test("a version 2 store file migrates to the neighbour table and keeps its events; read-only readers see none before", () => {
  const path = tempDbPath();
  const made = openStore(path, manual);
  made.addEvent(event(T0));
  made.close();
  // Version 2 is version 3 without the neighbours table (migration 3 only adds it).
  const raw = new Database(path);
  raw.exec("DROP TABLE neighbours");
  raw.pragma("user_version = 2");
  raw.close();

  const ro = openStoreReadOnly(path);
  assert.deepEqual(listNeighbours(ro), [], "no table yet: none, and no error");
  ro.close();

  const store = openStore(path, manual);
  assert.equal(store.db.pragma("user_version", { simple: true }), SCHEMA_VERSION);
  assert.equal(SCHEMA_VERSION, 3);
  assert.equal(listEvents(store.db).length, 1, "the old store's events survive the migration");
  store.putNeighbour(heard("eno1"));
  store.close();
  const after = openStoreReadOnly(path);
  assert.deepEqual(
    listNeighbours(after).map((n) => `${n.ifname} ${n.systemName} ${n.portId}`),
    ["eno1 sw-a Ethernet1/5"],
  );
  after.close();
});

test("maintain deletes neighbour rows expired longer ago than the roll-ups are kept, and only those", () => {
  const store = openStore(tempDbPath(), { ...manual, retention: { rollupMs: 86_400_000 } });
  store.putNeighbour(heard("eno1", { portId: "Ethernet1/1" }));
  store.neighbourGone(heard("eno1", { portId: "Ethernet1/1" }), T0);
  store.putNeighbour(heard("eno1", { portId: "Ethernet1/2", heardMs: T0 + 1000 }));
  store.neighbourGone(heard("eno1", { portId: "Ethernet1/2" }), T0 + 3_600_000);
  store.putNeighbour(heard("eno2", { heardMs: T0 + 1000 }));
  const result = store.maintain(T0 + 86_400_000 + 60_000);
  assert.equal(result?.deletedNeighbours, 1);
  assert.deepEqual(
    listNeighbours(store.db, { expired: true }).map((n) => `${n.ifname} ${n.portId}`),
    ["eno1 Ethernet1/2", "eno2 Ethernet1/5"],
    "the live row and the one expired within the day stay",
  );
  store.close();
});

test("a table of thousands of rows (a hostile store) is read to at most 4096 of them", () => {
  const store = openStore(tempDbPath(), manual);
  store.putNeighbour(heard("eno1"));
  store.db
    .prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
       INSERT INTO neighbours (ifname, protocol, switch_key, port_key, management, first_seen_ms,
         last_seen_ms, expires_ms) SELECT 'eno1', 'lldp', 'x', 'p' || i, '[]', 0, 0, 0 FROM n`,
    )
    .run();
  assert.equal(listNeighbours(store.db).length, 4096);
  store.close();
});
