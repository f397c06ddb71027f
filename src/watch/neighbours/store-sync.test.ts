import assert from "node:assert/strict";
import { test } from "node:test";
import type { HeardNeighbour } from "../detect/neighbours.js";
import { NeighbourStoreSync } from "./store-sync.js";

const T0 = 1_796_062_500_000;
const n = (fields: Partial<HeardNeighbour> = {}): HeardNeighbour => ({
  ifname: "eno1",
  protocol: "lldp",
  chassisId: "44:4c:a8:aa:00:01",
  systemName: "sw-a",
  portId: "Ethernet1/5",
  portDescription: null,
  managementAddresses: [],
  vlan: 10,
  aggregation: null,
  ttl: 120,
  heardMs: T0,
  ...fields,
});

function recorder() {
  const calls: string[] = [];
  return {
    calls,
    sink: {
      putNeighbour: (x: HeardNeighbour) => void calls.push(`put ${x.portId} ${x.heardMs - T0}`),
      neighbourGone: (x: HeardNeighbour, at: number) =>
        void calls.push(`gone ${x.portId} ${at - T0}`),
      resetNeighbours: (at: number) => void calls.push(`reset ${at - T0}`),
    },
  };
}

test("an unchanged neighbour heard every 30 s is written when new, then once a minute", () => {
  const r = recorder();
  const sync = new NeighbourStoreSync(r.sink);
  for (let s = 0; s <= 180; s += 30) sync.sync([n({ heardMs: T0 + s * 1000 })], T0 + s * 1000);
  assert.deepEqual(r.calls, [
    "put Ethernet1/5 0",
    "put Ethernet1/5 60000",
    "put Ethernet1/5 120000",
    "put Ethernet1/5 180000",
  ]);
});

test("a changed fact is written at once; a short TTL refreshes at half the TTL, never under 1 s", () => {
  const r = recorder();
  const sync = new NeighbourStoreSync(r.sink);
  sync.sync([n()], T0);
  sync.sync([n({ heardMs: T0 + 1000, vlan: 20 })], T0 + 1000);
  assert.equal(r.calls.length, 2, "the VLAN changed: written");
  const fast = recorder();
  const s2 = new NeighbourStoreSync(fast.sink);
  for (let ms = 0; ms <= 4000; ms += 500) s2.sync([n({ ttl: 4, heardMs: T0 + ms })], T0 + ms);
  assert.deepEqual(fast.calls, [
    "put Ethernet1/5 0",
    "put Ethernet1/5 2000",
    "put Ethernet1/5 4000",
  ]);
  const faster = recorder();
  const s3 = new NeighbourStoreSync(faster.sink);
  for (let ms = 0; ms <= 2000; ms += 250) s3.sync([n({ ttl: 1, heardMs: T0 + ms })], T0 + ms);
  assert.deepEqual(faster.calls, [
    "put Ethernet1/5 0",
    "put Ethernet1/5 1000",
    "put Ethernet1/5 2000",
  ]);
});

test("a neighbour the table dropped is marked gone once; a new run resets what the last one left", () => {
  const r = recorder();
  const sync = new NeighbourStoreSync(r.sink);
  sync.start(T0);
  sync.sync([n(), n({ portId: "Ethernet1/9" })], T0);
  sync.sync([n({ portId: "Ethernet1/9" })], T0 + 121_000);
  sync.sync([n({ portId: "Ethernet1/9" })], T0 + 122_000);
  assert.deepEqual(r.calls, [
    "reset 0",
    "put Ethernet1/5 0",
    "put Ethernet1/9 0",
    "gone Ethernet1/5 121000",
  ]);
});
