import assert from "node:assert/strict";
import { test } from "node:test";
import {
  event,
  incident,
  probe,
  rates,
  sample,
  tempDbPath,
} from "../../test/support/store-data.js";
import { getIncident, listEvents, listIncidents, timeline } from "./queries.js";
import { openStore } from "./store.js";

const T0 = Date.UTC(2024, 4, 1, 10, 0, 0);
const manual = { flushEveryMs: 0, maintainEveryMs: 0 };

function storeWithEvents() {
  const store = openStore(tempDbPath(), manual);
  store.addEvent(event(T0, { kind: "probe-loss", subject: "eth0>10.0.0.1", ifname: "eth0" }));
  store.addEvent(event(T0 + 4800, { kind: "link-down", subject: "eth0", ifname: "eth0" }));
  const { ifname: _, ...bondEvent } = event(T0 + 5000, { kind: "active-slave-changed" });
  store.addEvent({ ...bondEvent, subject: "bond0" });
  store.addEvent(event(T0 + 9000, { kind: "link-down", subject: "eth1", ifname: "eth1" }));
  return store;
}

test("listEvents returns events oldest first, filtered by since and until", () => {
  const store = storeWithEvents();
  assert.equal(listEvents(store.db).length, 4);
  const mid = listEvents(store.db, { since: T0 + 1000, until: T0 + 5000 });
  assert.deepEqual(
    mid.map((e) => e.subject),
    ["eth0", "bond0"],
  );
  store.close();
});

test("listEvents --interface matches the ifname, the subject and paths through it", () => {
  const store = storeWithEvents();
  const eth0 = listEvents(store.db, { ifname: "eth0" }).map((e) => e.subject);
  assert.deepEqual(eth0, ["eth0>10.0.0.1", "eth0"]);
  assert.deepEqual(
    listEvents(store.db, { ifname: "bond0" }).map((e) => e.kind),
    ["active-slave-changed"],
  );
  assert.equal(listEvents(store.db, { ifname: "eth" }).length, 0, "no prefix matches");
  store.close();
});

test("listEvents filters by kind and keeps the newest `limit`", () => {
  const store = storeWithEvents();
  assert.deepEqual(
    listEvents(store.db, { kind: ["link-down"] }).map((e) => e.subject),
    ["eth0", "eth1"],
  );
  assert.deepEqual(
    listEvents(store.db, { limit: 2 }).map((e) => e.t_ms),
    [T0 + 5000, T0 + 9000],
  );
  store.close();
});

test("listIncidents shows incidents open during the window, and only open ones with open", () => {
  const store = openStore(tempDbPath(), manual);
  store.upsertIncident(incident(1, { opened_ms: T0, closed_ms: T0 + 1000, subjects: ["eth1"] }));
  store.upsertIncident(incident(2, { opened_ms: T0 + 2000, closed_ms: null }));
  store.upsertIncident(incident(3, { opened_ms: T0 - 9000, closed_ms: T0 + 60_000 }));
  const ids = (q: Parameters<typeof listIncidents>[1]) =>
    listIncidents(store.db, q).map((i) => i.id);
  assert.deepEqual(ids({}), [3, 1, 2]);
  assert.deepEqual(ids({ since: T0 + 5000 }), [3, 2]);
  assert.deepEqual(ids({ open: true }), [2]);
  assert.deepEqual(ids({ ifname: "eth1" }), [1]);
  assert.equal(getIncident(store.db, 42), undefined);
  store.close();
});

test("timeline joins each raw sample with the probes through its interface since the previous one", () => {
  const store = openStore(tempDbPath(), manual);
  for (let s = 0; s < 6; s++) {
    const t = T0 + s * 1000;
    store.addSample(sample("eth0", t, { carrier: s < 4 }), rates({ rx_bps: s }));
    store.addSample(sample("bond0", t), rates());
    // Two probes per second to one target, one per two seconds to the other.
    store.addProbe(probe("eth0", "10.0.0.1", t - 600, { ok: s < 3, rtt_ms: s < 3 ? 1 : null }));
    store.addProbe(probe("eth0", "10.0.0.1", t - 100, { ok: true, rtt_ms: 3 }));
    if (s % 2 === 0) store.addProbe(probe("eth0", "8.8.8.8", t - 50, { rtt_ms: 20 }));
  }
  store.flush();
  const tl = timeline(store.db, { since: T0, until: T0 + 5000, nowMs: T0 + 6000 });
  assert.equal(tl.source, "raw");
  assert.deepEqual(tl.targets, ["10.0.0.1", "8.8.8.8"]);
  const eth0 = tl.rows.filter((r) => r.ifname === "eth0");
  assert.equal(eth0.length, 6);
  assert.deepEqual(eth0[0]?.probes["10.0.0.1"], { sent: 2, lost: 0, rtt_ms: 2 });
  assert.deepEqual(eth0[3]?.probes["10.0.0.1"], { sent: 2, lost: 1, rtt_ms: 3 });
  assert.equal(eth0[1]?.probes["8.8.8.8"], undefined, "none within the row's window");
  assert.equal(eth0[2]?.probes["8.8.8.8"]?.sent, 1);
  assert.equal(eth0[4]?.carrier, false);
  assert.deepEqual(
    tl.rows.filter((r) => r.ifname === "bond0").map((r) => Object.keys(r.probes).length),
    [0, 0, 0, 0, 0, 0],
  );
  const only = timeline(store.db, { since: T0, ifname: "bond0", nowMs: T0 + 6000 });
  assert.deepEqual(new Set(only.rows.map((r) => r.ifname)), new Set(["bond0"]));
  store.close();
});

test("timeline reads roll-ups when the window reaches past raw retention", () => {
  const store = openStore(tempDbPath(), { ...manual, retention: { rawMs: 3600_000 } });
  for (let s = 0; s < 180; s++) {
    const t = T0 + s * 1000;
    store.addSample(sample("eth0", t, { carrier: s < 150 }), rates({ tx_bps: 10 }));
    store.addProbe(probe("eth0", "10.0.0.1", t, { ok: s < 120, rtt_ms: s < 120 ? 4 : null }));
  }
  store.flush();
  store.maintain(T0 + 3 * 60_000 + 10_000);
  const now = T0 + 2 * 3600_000;
  const tl = timeline(store.db, { since: T0 - 1000, nowMs: now });
  assert.equal(tl.source, "1m");
  assert.deepEqual(
    tl.rows.map((r) => [r.t_ms, r.carrier, r.carrier_down_s, r.tx_bps]),
    [
      [T0, true, 0, 10],
      [T0 + 60_000, true, 0, 10],
      [T0 + 120_000, false, 30, 10],
    ],
  );
  assert.deepEqual(tl.rows[2]?.probes["10.0.0.1"], { sent: 60, lost: 60, rtt_ms: null });
  assert.deepEqual(tl.rows[0]?.probes["10.0.0.1"], { sent: 60, lost: 0, rtt_ms: 4 });
  // Asking for raw explicitly still works while the rows exist.
  assert.equal(timeline(store.db, { since: T0, resolution: "raw", nowMs: now }).rows.length, 180);
  store.close();
});
