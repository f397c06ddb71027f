// A full disk is simulated with PRAGMA max_page_count: SQLite then fails writes with
// SQLITE_FULL exactly as it does when the filesystem is out of space.
import assert from "node:assert/strict";
import { test } from "node:test";
import Database from "better-sqlite3";
import { event, sample, tempDbPath } from "../../test/support/store-data.js";
import { latestDoctorReport } from "./doctor-reports.js";
import { migrate, StoreSchemaError } from "./schema.js";
import { openStore, type Store } from "./store.js";

const T0 = Date.UTC(2024, 4, 1, 10, 0, 0);

function fillDisk(store: Store): number {
  const pages = store.db.pragma("page_count", { simple: true }) as number;
  store.db.pragma(`max_page_count = ${pages}`);
  return pages;
}

/** A clock the test moves by hand: the store backs off 1 s after a first failed write. */
function testClock(): { now: () => number; advance: (ms: number) => void } {
  let t = T0;
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
  };
}

test("a full disk does not throw: the batch is kept, counted, and written when space is back", () => {
  const clock = testClock();
  const store = openStore(tempDbPath(), { flushEveryMs: 0, maintainEveryMs: 0, now: clock.now });
  fillDisk(store);
  for (let i = 0; i < 2000; i++) store.addSample(sample("eth0", T0 + i * 100), null);
  assert.equal(store.flush(), false);
  const id = store.addEvent(event(T0)); // queued: the store is backing off
  let s = store.stats();
  assert.ok(s.writeErrors >= 1);
  assert.match(s.lastError ?? "", /SQLITE_FULL/);
  assert.equal(s.pendingRows, 2000);
  assert.equal(s.pendingOps, 1);
  assert.equal(s.dropped, 0);

  store.db.pragma("max_page_count = 1000000");
  assert.equal(store.flush(), false, "still backing off after the failure");
  clock.advance(999);
  assert.equal(store.flush(), false, "still backing off 999 ms after the failure");
  clock.advance(1);
  assert.equal(store.flush(), true);
  s = store.stats();
  assert.equal(s.pendingRows, 0);
  assert.equal(store.db.prepare("SELECT COUNT(*) FROM samples").pluck().get(), 2000);
  assert.equal(store.db.prepare("SELECT id FROM events").pluck().get(), id);
  store.close();
});

test("while writes fail, memory is bounded and the dropped rows are counted", () => {
  const store = openStore(tempDbPath(), {
    flushEveryMs: 0,
    maintainEveryMs: 0,
    batchRows: 100,
    limits: { maxRows: 1000, maxOps: 10 },
  });
  fillDisk(store);
  for (let i = 0; i < 5000; i++) store.addSample(sample("eth0", T0 + i), null);
  for (let i = 0; i < 20; i++) store.addEvent(event(T0 + i));
  const s = store.stats();
  assert.ok(s.pendingRows <= 1000, `pendingRows ${s.pendingRows}`);
  assert.equal(s.pendingOps, 10);
  assert.equal(s.dropped, 5000 - s.pendingRows + 10);
  store.close();
});

test("maintain does not throw on a full disk", () => {
  const store = openStore(tempDbPath(), { flushEveryMs: 0, maintainEveryMs: 0 });
  for (let i = 0; i < 7200; i++) {
    for (const ifname of ["eth0", "eth1", "eth2"])
      store.addSample(sample(ifname, T0 + i * 1000), null);
  }
  store.flush();
  fillDisk(store);
  assert.equal(store.maintain(T0 + 7200_000), null);
  assert.match(store.stats().lastError ?? "", /SQLITE_FULL/);
  store.close();
});

test("a row SQLite refuses is dropped alone, not with its batch", () => {
  const store = openStore(tempDbPath(), { flushEveryMs: 0, maintainEveryMs: 0 });
  store.addSample(sample("eth0", T0), null);
  store.addSample({ ...sample("eth1", T0), operstate: null as unknown as string }, null);
  store.addSample(sample("eth2", T0), null);
  assert.equal(store.flush(), true);
  assert.equal(store.db.prepare("SELECT COUNT(*) FROM samples").pluck().get(), 2);
  assert.equal(store.stats().dropped, 1);
  store.close();
});

test("migrate refuses a store written by a newer linkguard", () => {
  const db = new Database(":memory:");
  db.pragma("user_version = 99");
  assert.throws(() => migrate(db), StoreSchemaError);
  db.close();
});

test("a doctor report recorded while the disk is full is kept and written when space is back", () => {
  const clock = testClock();
  const store = openStore(tempDbPath(), { flushEveryMs: 0, maintainEveryMs: 0, now: clock.now });
  fillDisk(store);
  // A report big enough to need new pages, as a real one with evidence does.
  const findings = Array.from({ length: 200 }, (_, i) => ({ rule: "bond-slave-down", n: i }));
  store.addDoctorReport({ t_ms: T0, status: "warning", report: { findings } });
  let s = store.stats();
  assert.match(s.lastError ?? "", /SQLITE_FULL/);
  assert.equal(s.pendingOps, 1);
  assert.equal(latestDoctorReport(store.db), null);

  store.db.pragma("max_page_count = 1000000");
  assert.equal(store.flush(), false, "still backing off after the failure");
  clock.advance(1000);
  assert.equal(store.flush(), true);
  s = store.stats();
  assert.equal(s.pendingOps, 0);
  const stored = latestDoctorReport(store.db);
  assert.equal(stored?.t_ms, T0);
  assert.equal((stored?.report.findings as unknown[] | undefined)?.length, 200);
  store.close();
});
