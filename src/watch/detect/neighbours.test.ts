import assert from "node:assert/strict";
import { test } from "node:test";
import { type HeardNeighbour, NeighbourDetector } from "./neighbours.js";

const T0 = 1_796_062_500_000;
const heard = (fields: Partial<HeardNeighbour> = {}): HeardNeighbour => ({
  ifname: "eno1",
  protocol: "lldp",
  chassisId: "44:4c:a8:aa:00:01",
  systemName: "sw-a",
  portId: "Ethernet1/5",
  portDescription: null,
  managementAddresses: ["192.0.2.11"],
  vlan: 10,
  aggregation: { supported: true, enabled: true, portId: 1000005 },
  ttl: 120,
  heardMs: T0,
  ...fields,
});
const up = () => true;

test("the first neighbour of a member is kept without an event, and the newest frame refreshes it", () => {
  const d = new NeighbourDetector({ host: "h" });
  assert.deepEqual(d.heard(heard()), []);
  assert.deepEqual(d.heard(heard({ heardMs: T0 + 30_000, vlan: 11 })), []);
  assert.equal(d.of("eno1")?.vlan, 11);
  assert.deepEqual(d.expire(T0 + 130_000, up), [], "the refresh moved the deadline");
});

test("a member heard from another switch port raises neighbour-changed naming both", () => {
  const d = new NeighbourDetector({ host: "h" });
  d.heard(heard());
  const [e, ...rest] = d.heard(
    heard({
      chassisId: "44:4c:a8:bb:00:01",
      systemName: "sw-b",
      portId: "Ethernet1/7",
      heardMs: T0 + 5000,
    }),
  );
  assert.equal(rest.length, 0);
  assert.equal(e?.kind, "neighbour-changed");
  assert.equal(e?.subject, "eno1");
  assert.equal(e?.t_ms, T0 + 5000);
  assert.equal(e?.detail, "eno1 is now on sw-b Ethernet1/7 (was sw-a Ethernet1/5, LLDP)");
  assert.equal((e?.data?.was as { port_id: string } | undefined)?.port_id, "Ethernet1/5");
});

test("TTL expiry while the link is up raises neighbour-lost at the deadline; four seconds early does not", () => {
  const d = new NeighbourDetector({ host: "h" });
  d.heard(heard({ ttl: 10 }));
  assert.deepEqual(d.expire(T0 + 6_000, up), []);
  const [e] = d.expire(T0 + 10_000, up);
  assert.equal(e?.kind, "neighbour-lost");
  assert.equal(e?.t_ms, T0 + 10_000);
  assert.match(
    e?.detail ?? "",
    /^sw-a Ethernet1\/5 stopped sending LLDP to eno1 \(nothing for its TTL of 10 s\) while the link is up$/,
  );
  assert.equal(d.of("eno1"), undefined);
  assert.deepEqual(d.expire(T0 + 60_000, up), [], "lost once, not again");
});

test("expiry on a member whose link is down is silent: link-down already says it", () => {
  const d = new NeighbourDetector({ host: "h" });
  d.heard(heard({ ttl: 10 }));
  assert.deepEqual(
    d.expire(T0 + 20_000, () => false),
    [],
  );
  assert.deepEqual(d.current(), []);
});

test("a neighbour that comes back on another port after it was lost is a change; TTL 0 forgets at once", () => {
  const d = new NeighbourDetector({ host: "h" });
  d.heard(heard({ ttl: 10 }));
  d.expire(T0 + 20_000, up);
  const [e] = d.heard(heard({ portId: "Ethernet1/6", heardMs: T0 + 25_000 }));
  assert.equal(e?.kind, "neighbour-changed");
  assert.deepEqual(d.heard(heard({ portId: "Ethernet1/6", ttl: 0, heardMs: T0 + 26_000 })), []);
  assert.equal(d.of("eno1"), undefined);
});

test("LLDP and CDP from one switch are two entries; of() prefers LLDP", () => {
  const d = new NeighbourDetector({ host: "h" });
  d.heard(heard({ protocol: "cdp", chassisId: "sw-a", portId: "Ethernet1/5" }));
  d.heard(heard());
  assert.deepEqual(
    d.current().map((n) => n.protocol),
    ["cdp", "lldp"],
  );
  assert.equal(d.of("eno1")?.protocol, "lldp");
});

test("two switches heard in turn on one member (an unmanaged switch between) make one event, not one per frame", () => {
  const d = new NeighbourDetector({ host: "h" });
  const s1 = (t: number) =>
    heard({ chassisId: "00:18:ba:98:68:8f", systemName: "S1", portId: "Fa0/13", heardMs: T0 + t });
  const s2 = (t: number) =>
    heard({ chassisId: "00:19:2f:a7:b2:8d", systemName: "S2", portId: "Gi0/13", heardMs: T0 + t });
  const events = [s1(0), s2(1000), s1(30_000), s2(31_000), s1(60_000), s2(61_000)].flatMap((f) =>
    d.heard(f),
  );
  assert.deepEqual(
    events.map((e) => e.kind),
    ["neighbour-changed"],
  );
  assert.deepEqual(
    d.current().map((n) => n.systemName),
    ["S2", "S1"],
    "newest first",
  );
  assert.equal(d.of("eno1")?.systemName, "S2");
});

test("after a re-cabling the old switch port ages out without a neighbour-lost: the member still has a neighbour", () => {
  const d = new NeighbourDetector({ host: "h" });
  d.heard(heard({ ttl: 10 }));
  d.heard(
    heard({
      systemName: "sw-b",
      chassisId: "44:4c:a8:bb:00:01",
      portId: "Ethernet1/7",
      ttl: 10,
      heardMs: T0 + 2000,
    }),
  );
  assert.deepEqual(d.expire(T0 + 11_000, up), [], "sw-a's entry ran out, sw-b's is live");
  assert.deepEqual(
    d.current().map((n) => n.systemName),
    ["sw-b"],
  );
  const [lost] = d.expire(T0 + 12_000, up);
  assert.match(lost?.detail ?? "", /^sw-b Ethernet1\/7 stopped sending LLDP to eno1/);
});
