import assert from "node:assert/strict";
import { test } from "node:test";
import { probe, rates, sample, tempDbPath } from "../../test/support/store-data.js";
import { openStore, type Store } from "./store.js";

const T0 = Date.UTC(2024, 4, 1, 10, 0, 0); // a minute boundary
const MIN = 60_000;

/** eth0 and eth1 at 1 Hz for `minutes`; eth0 has no carrier for 15 s in minute 2, and its
 * probes to 10.0.0.1 are lost while the carrier is down. */
function feed(store: Store, minutes: number): void {
  for (let s = 0; s < minutes * 60; s++) {
    const t = T0 + s * 1000;
    const down = s >= 130 && s < 145;
    store.addSample(
      sample("eth0", t, { carrier: !down, operstate: down ? "down" : "up" }),
      rates({ rx_bps: s }),
    );
    store.addSample(sample("eth1", t), rates({ rx_bps: 7 }));
    store.addProbe(probe("eth0", "10.0.0.1", t, { ok: !down, rtt_ms: down ? null : 2 }));
  }
  store.flush();
}

const count = (store: Store, table: string) =>
  store.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;

test("maintain rolls up each completed minute per interface: rates, carrier-down, probes", () => {
  const store = openStore(tempDbPath(), { flushEveryMs: 0, maintainEveryMs: 0 });
  feed(store, 5);
  const r = store.maintain(T0 + 5 * MIN + 10_000);
  assert.equal(r?.rolledMinutes, 5);
  assert.equal(count(store, "rollups_1m"), 10);
  const m2 = store.db
    .prepare("SELECT * FROM rollups_1m WHERE minute_ms = ? AND ifname = 'eth0'")
    .get(T0 + 2 * MIN) as Record<string, number>;
  assert.equal(m2.samples, 60);
  assert.equal(m2.carrier_down_s, 15);
  assert.equal(m2.rx_bps_min, 120);
  assert.equal(m2.rx_bps_max, 179);
  assert.equal(m2.rx_bps_avg, 149.5);
  assert.equal(m2.carrier, 1, "the minute's last sample has carrier again");
  const p2 = store.db
    .prepare("SELECT sent, lost, rtt_avg_ms FROM rollups_1m_probes WHERE minute_ms = ?")
    .get(T0 + 2 * MIN);
  assert.deepEqual(p2, { sent: 60, lost: 15, rtt_avg_ms: 2 });
  store.close();
});

test("maintain is incremental and idempotent", () => {
  const store = openStore(tempDbPath(), { flushEveryMs: 0, maintainEveryMs: 0 });
  feed(store, 3);
  store.maintain(T0 + 2 * MIN + 10_000);
  assert.equal(count(store, "rollups_1m"), 4);
  assert.equal(store.maintain(T0 + 2 * MIN + 20_000)?.rolledMinutes, 0);
  store.maintain(T0 + 3 * MIN + 10_000);
  assert.equal(count(store, "rollups_1m"), 6);
  store.close();
});

test("a minute is not rolled up until 5 s after it ends, and raw rows wait for their roll-up", () => {
  const store = openStore(tempDbPath(), {
    flushEveryMs: 0,
    maintainEveryMs: 0,
    retention: { rawMs: 1000 },
  });
  feed(store, 1);
  assert.equal(store.maintain(T0 + MIN + 4000)?.rolledMinutes, 0);
  assert.equal(count(store, "samples"), 120, "nothing deleted before its roll-up exists");
  assert.equal(store.maintain(T0 + MIN + 6000)?.rolledMinutes, 1);
  assert.equal(count(store, "samples"), 0);
  assert.equal(count(store, "rollups_1m"), 2);
  store.close();
});

test("retention drops raw rows after rawMs and roll-ups after rollupMs", () => {
  const store = openStore(tempDbPath(), {
    flushEveryMs: 0,
    maintainEveryMs: 0,
    retention: { rawMs: 2 * MIN, rollupMs: 3 * MIN },
  });
  feed(store, 5);
  const now = T0 + 5 * MIN + 10_000;
  const r = store.maintain(now);
  const oldestRaw = store.db.prepare("SELECT MIN(t_ms) FROM samples").pluck().get() as number;
  assert.ok(oldestRaw >= now - 2 * MIN, "no raw sample older than rawMs");
  assert.equal(oldestRaw, T0 + 3 * MIN + 10_000);
  const minutes = store.db
    .prepare("SELECT DISTINCT minute_ms FROM rollups_1m ORDER BY 1")
    .pluck()
    .all() as number[];
  assert.deepEqual(minutes, [T0 + 3 * MIN, T0 + 4 * MIN]);
  assert.equal(r?.deletedSamples, 2 * (3 * 60 + 10));
  assert.equal(count(store, "rollups_1m_probes"), 2);
  store.close();
});
