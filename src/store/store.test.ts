import assert from "node:assert/strict";
import { statSync } from "node:fs";
import { dirname } from "node:path";
import { mock, test } from "node:test";
import Database from "better-sqlite3";
import {
  event,
  incident,
  probe,
  rates,
  sample,
  tempDbPath,
} from "../../test/support/store-data.js";
import { getIncident, listEvents } from "./queries.js";
import { SCHEMA_VERSION } from "./schema.js";
import { openStore } from "./store.js";

const T0 = Date.UTC(2024, 4, 1, 10, 0, 0);
const manual = { flushEveryMs: 0, maintainEveryMs: 0 };

test("openStore creates its directory 0750, in WAL mode at the current schema version", () => {
  const path = tempDbPath();
  const store = openStore(path, manual);
  assert.equal(statSync(dirname(path)).mode & 0o777, 0o750 & ~process.umask());
  assert.equal(store.db.pragma("journal_mode", { simple: true }), "wal");
  assert.equal(store.db.pragma("synchronous", { simple: true }), 1); // NORMAL
  assert.equal(store.db.pragma("user_version", { simple: true }), SCHEMA_VERSION);
  store.close();
});

test("a store that cannot be created names its path and why, not Node's errno text", () => {
  const path = tempDbPath();
  openStore(path, manual).close();
  // the existing database file as the directory of another: ENOTDIR, also for root
  assert.throws(() => openStore(`${path}/sub/x.db`, manual), {
    message: `cannot open the store ${path}/sub/x.db: a part of the path is not a directory`,
  });
});

test("close leaves a plain rollback-journal file that read-only users can open; reopen is WAL", () => {
  const path = tempDbPath();
  openStore(path, manual).close();
  const plain = new Database(path, { readonly: true });
  assert.equal(plain.pragma("journal_mode", { simple: true }), "delete");
  plain.close();
  const again = openStore(path, manual);
  assert.equal(again.db.pragma("journal_mode", { simple: true }), "wal");
  again.close();
});

test("samples and probes wait for flush, then round-trip with their rates", () => {
  const store = openStore(tempDbPath(), manual);
  store.addSample(sample("eth0", T0, { carrier: false, operstate: "down" }), rates({ rx_bps: 42 }));
  store.addSample(sample("eth1", T0), null);
  store.addProbe(probe("eth0", "10.0.0.1", T0, { ok: false, rtt_ms: null }));
  const count = () => store.db.prepare("SELECT COUNT(*) FROM samples").pluck().get();
  assert.equal(count(), 0);
  assert.equal(store.flush(), true);
  assert.equal(count(), 2);
  const eth0 = store.db.prepare("SELECT * FROM samples WHERE ifname = 'eth0'").get() as Record<
    string,
    unknown
  >;
  assert.equal(eth0.carrier, 0);
  assert.equal(eth0.rx_bps, 42);
  const eth1 = store.db.prepare("SELECT rx_bps FROM samples WHERE ifname = 'eth1'").get();
  assert.deepEqual(eth1, { rx_bps: null });
  const p = store.db.prepare("SELECT ok, rtt_ms, target FROM probes").get();
  assert.deepEqual(p, { ok: 0, rtt_ms: null, target: "10.0.0.1" });
  const s = store.stats();
  assert.equal(s.samplesWritten, 2);
  assert.equal(s.probesWritten, 1);
  assert.equal(s.committedThroughMs, T0);
  store.close();
});

test("addEvent commits at once and ids carry on after a reopen", () => {
  const path = tempDbPath();
  const store = openStore(path, manual);
  const a = store.addEvent(event(T0, { data: { target: "10.0.0.1", lost: 3 } }));
  const b = store.addEvent(event(T0 + 1));
  assert.equal(b, a + 1);
  // Visible to another connection without any flush.
  const reader = new Database(path, { readonly: true });
  assert.equal(reader.prepare("SELECT COUNT(*) FROM events").pluck().get(), 2);
  reader.close();
  store.close();
  const again = openStore(path, manual);
  assert.equal(again.addEvent(event(T0 + 2)), b + 1);
  const [first] = listEvents(again.db, {});
  assert.deepEqual(first?.data, { target: "10.0.0.1", lost: 3 });
  again.close();
});

test("addEvent keeps the watcher's ids; the same id again updates the event, keeping its incident", () => {
  const store = openStore(tempDbPath(), manual);
  assert.equal(store.addEvent(event(T0, { id: 40 })), 40);
  store.upsertIncident(incident(2, { event_ids: [40] }));
  assert.equal(store.addEvent(event(T0, { id: 40, detail: "eth0 lost carrier (3rd time)" })), 40);
  assert.equal(store.addEvent(event(T0 + 1)), 41, "an event without id gets the next one");
  const [e40] = listEvents(store.db, {});
  assert.equal(e40?.detail, "eth0 lost carrier (3rd time)");
  assert.equal(e40?.incident_id, 2);
  assert.equal(store.stats().dropped, 0);
  store.close();
});

test("upsertIncident links its events, and captures are kept across updates", () => {
  const store = openStore(tempDbPath(), manual);
  const e1 = store.addEvent(event(T0));
  const e2 = store.addEvent(event(T0 + 5000, { kind: "link-up", severity: "info" }));
  store.upsertIncident(incident(7, { event_ids: [e1] }));
  store.addCapture(7, "/var/lib/linkguard/captures/7-eth0.pcap");
  store.addCapture(7, "/var/lib/linkguard/captures/7-eth0.pcap");
  store.upsertIncident(incident(7, { event_ids: [e1, e2], closed_ms: T0 + 5000 }));
  const got = getIncident(store.db, 7);
  assert.ok(got);
  assert.equal(got.incident.closed_ms, T0 + 5000);
  assert.deepEqual(got.incident.captures, ["/var/lib/linkguard/captures/7-eth0.pcap"]);
  assert.deepEqual(
    got.events.map((e) => [e.id, e.incident_id]),
    [
      [e1, 7],
      [e2, 7],
    ],
  );
  store.addCapture(99, "/tmp/x.pcap");
  assert.equal(store.stats().dropped, 1, "a capture for an unknown incident is refused");
  store.close();
});

test("flush commits by itself once a second", (t) => {
  mock.timers.enable({ apis: ["setInterval"] });
  t.after(() => mock.timers.reset());
  const store = openStore(tempDbPath(), { maintainEveryMs: 0 });
  store.addSample(sample("eth0", T0), null);
  const count = () => store.db.prepare("SELECT COUNT(*) FROM samples").pluck().get();
  mock.timers.tick(999);
  assert.equal(count(), 0, "nothing is committed before the second is up");
  mock.timers.tick(1);
  assert.equal(count(), 1);
  store.close();
});
