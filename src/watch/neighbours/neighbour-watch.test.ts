import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { tempDbPath } from "../../../test/support/store-data.js";
import type { WatchEvent } from "../../events/types.js";
import { parseNeighboursJsonl } from "../../host/parse/neighbours-jsonl.js";
import { listNeighbours } from "../../store/queries.js";
import { openStore } from "../../store/store.js";
import type { HeardNeighbour } from "../detect/neighbours.js";
import type { ListenerCallbacks } from "./listener.js";
import { NeighbourWatch } from "./neighbour-watch.js";

const tmp = mkdtempSync(join(tmpdir(), "linkguard-neighbour-watch-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

const T0 = 1_796_062_500_000;
const frame = (ifname: string, fields: Partial<HeardNeighbour> = {}): HeardNeighbour => ({
  ifname,
  protocol: "lldp",
  chassisId: "44:4c:a8:aa:00:01",
  systemName: "sw-a",
  portId: ifname === "eno1" ? "Ethernet1/5" : "Ethernet1/6",
  portDescription: null,
  managementAddresses: [],
  vlan: 10,
  aggregation: null,
  ttl: 30,
  heardMs: T0,
  ...fields,
});

function rig(stateFile: string | null) {
  const callbacks = new Map<string, ListenerCallbacks>();
  const started: string[] = [];
  const stopped: string[] = [];
  const events: WatchEvent[] = [];
  const problems: string[] = [];
  let up = true;
  const watch = new NeighbourWatch({
    host: "web01",
    members: ["eno1", "eno2"],
    listen: (ifname, cb) => {
      callbacks.set(ifname, cb);
      return {
        start: async () => void started.push(ifname),
        stop: async () => void stopped.push(ifname),
      };
    },
    linkUp: () => up,
    raise: (e) => events.push(...e),
    problem: (m) => problems.push(m),
    stateFile,
  });
  return { watch, callbacks, started, stopped, events, problems, setUp: (v: boolean) => (up = v) };
}

test("NeighbourWatch listens on every member and keeps the doctor's state file with the newest neighbours", async () => {
  const file = join(tmp, "run/linkguard/neighbours.jsonl");
  const r = rig(file);
  await r.watch.start();
  assert.deepEqual(r.started, ["eno1", "eno2"]);
  r.callbacks.get("eno1")?.heard(frame("eno1"));
  r.callbacks.get("eno2")?.heard(frame("eno2", { vlan: 20 }));
  const parsed = parseNeighboursJsonl(readFileSync(file, "utf8"), "f", T0 + 1000);
  assert.deepEqual(
    parsed.value.map((n) => [n.ifname, n.systemName, n.portId, n.vlan]),
    [
      ["eno1", "sw-a", "Ethernet1/5", 10],
      ["eno2", "sw-a", "Ethernet1/6", 20],
    ],
  );
  await r.watch.stop();
  assert.deepEqual(r.stopped, ["eno1", "eno2"]);
});

test("NeighbourWatch raises neighbour-changed from a listener and neighbour-lost from its TTL clock", async () => {
  const file = join(tmp, "two/neighbours.jsonl");
  const r = rig(file);
  await r.watch.start();
  r.callbacks.get("eno1")?.heard(frame("eno1"));
  r.callbacks
    .get("eno1")
    ?.heard(
      frame("eno1", { systemName: "sw-b", chassisId: "44:4c:a8:bb:00:01", heardMs: T0 + 10_000 }),
    );
  assert.deepEqual(
    r.events.map((e) => e.kind),
    ["neighbour-changed"],
  );
  r.watch.tick(T0 + 39_000);
  assert.equal(r.events.length, 1, "9 s before the TTL ran out: nothing");
  r.watch.tick(T0 + 40_000);
  assert.deepEqual(
    r.events.map((e) => [e.kind, e.subject, e.host]),
    [
      ["neighbour-changed", "eno1", "web01"],
      ["neighbour-lost", "eno1", "web01"],
    ],
  );
  assert.equal(readFileSync(file, "utf8"), "", "the expired neighbour left the state file");
  await r.watch.stop();
});

test("NeighbourWatch reports a state file it cannot write as a problem, and goes on", async () => {
  const blocker = join(tmp, "a-file");
  writeFileSync(blocker, "");
  const r = rig(join(blocker, "neighbours.jsonl"));
  await r.watch.start();
  r.callbacks.get("eno1")?.heard(frame("eno1"));
  assert.match(r.problems[0] ?? "", /neighbour table .*a-file\/neighbours.jsonl: E(EXIST|NOTDIR)/);
  assert.equal(r.watch.table.of("eno1")?.systemName, "sw-a");
  r.callbacks.get("eno2")?.heard(frame("eno2"));
  assert.equal(r.problems.length, 1, "said once, not on every frame");
  await r.watch.stop();
});

test("NeighbourWatch keeps the store's neighbour table: written when heard, refreshed a minute apart, expired by its TTL clock", async () => {
  const store = openStore(tempDbPath(), { flushEveryMs: 0, maintainEveryMs: 0 });
  let puts = 0;
  const watch = new NeighbourWatch({
    host: "web01",
    members: ["eno1"],
    listen: () => ({ start: async () => {}, stop: async () => {} }),
    linkUp: () => true,
    raise: () => {},
    problem: () => {},
    stateFile: null,
    store: {
      putNeighbour: (n) => {
        puts++;
        store.putNeighbour(n);
      },
      neighbourGone: (n, at) => store.neighbourGone(n, at),
      resetNeighbours: (at) => store.resetNeighbours(at),
    },
    now: () => T0,
  });
  await watch.start();
  for (let s = 0; s <= 90; s += 30)
    watch.heard(frame("eno1", { ttl: 120, heardMs: T0 + s * 1000 }));
  assert.equal(puts, 2, "4 frames: written when new and once a minute later");
  const [row] = listNeighbours(store.db);
  assert.equal(row?.portId, "Ethernet1/5");
  assert.equal(row?.firstSeenMs, T0);
  assert.equal(row?.heardMs, T0 + 60_000);
  watch.tick(T0 + 211_000);
  assert.deepEqual(listNeighbours(store.db), [], "the TTL ran out 120 s after the last frame");
  assert.deepEqual(
    listNeighbours(store.db, { expired: true }).map((n) => n.expiredMs),
    [T0 + 211_000],
  );
  await watch.stop();
  store.close();
});
