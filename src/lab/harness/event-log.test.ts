import assert from "node:assert/strict";
import { test } from "node:test";
import { ManualClock } from "../../lib/clock.js";
import { EventLog } from "./event-log.js";

interface Ev {
  kind: string;
  ifname?: string;
}
const kind = (k: string) => (e: Ev) => e.kind === k;

/** Lets promise callbacks run (the clock fires timers synchronously, promises settle after). */
const settled = <T>(p: Promise<T>) =>
  Promise.race([
    p.then(
      (v) => ({ state: "resolved" as const, v }),
      (err: Error) => ({ state: "rejected" as const, err }),
    ),
    new Promise<{ state: "pending" }>((r) => setImmediate(() => r({ state: "pending" }))),
  ]);

test("a wait for an event seen already resolves at once with that event", async () => {
  const log = new EventLog<Ev>(new ManualClock());
  log.push({ kind: "watcher-started" });
  assert.deepEqual(await log.waitFor("watcher-started", kind("watcher-started"), 1000), {
    kind: "watcher-started",
  });
});

test("a wait resolves with the first matching event to come, and ignores the others", async () => {
  const clock = new ManualClock();
  const log = new EventLog<Ev>(clock);
  const p = log.waitFor(
    "link-down on eth0",
    (e) => e.kind === "link-down" && e.ifname === "eth0",
    5000,
  );
  log.push({ kind: "link-down", ifname: "eth1" });
  log.push({ kind: "probe-loss", ifname: "eth0" });
  assert.equal((await settled(p)).state, "pending");
  clock.advance(4000);
  log.push({ kind: "link-down", ifname: "eth0" });
  log.push({ kind: "link-down", ifname: "eth0" });
  assert.deepEqual(await settled(p), {
    state: "resolved",
    v: { kind: "link-down", ifname: "eth0" },
  });
  assert.equal(clock.pending(), 0, "the bound's timer is cancelled");
  assert.equal(log.all().length, 4);
});

test("a wait rejects exactly at its bound, naming what it waited for", async () => {
  const clock = new ManualClock();
  const log = new EventLog<Ev>(clock);
  const p = log.waitFor("failover", kind("failover"), 5000);
  clock.advance(4999);
  assert.equal((await settled(p)).state, "pending");
  clock.advance(1);
  const r = await settled(p);
  assert.equal(r.state, "rejected");
  assert.equal(r.state === "rejected" && r.err.message, "no failover within 5000 ms");
  assert.equal(log.pending(), 0);
  // An event after the bound does not revive it, and later waits still see it.
  log.push({ kind: "failover" });
  assert.deepEqual(await log.waitFor("failover", kind("failover"), 1), { kind: "failover" });
});

test("two waits for the same kind both resolve with the one event", async () => {
  const log = new EventLog<Ev>(new ManualClock());
  const a = log.waitFor("a", kind("failback"), 100);
  const b = log.waitFor("b", kind("failback"), 200);
  log.push({ kind: "failback" });
  assert.deepEqual(await Promise.all([a, b]), [{ kind: "failback" }, { kind: "failback" }]);
});

test("failPending fails every pending wait at once with the daemon's last words", async () => {
  const clock = new ManualClock();
  const log = new EventLog<Ev>(clock);
  const a = log.waitFor("probe-loss", kind("probe-loss"), 10_000);
  const b = log.waitFor("link-down", kind("link-down"), 10_000);
  log.failPending(new Error("the watcher exited (3): no such interface eth9"));
  for (const r of [await settled(a), await settled(b)])
    assert.equal(
      r.state === "rejected" && r.err.message,
      "the watcher exited (3): no such interface eth9",
    );
  assert.equal(clock.pending(), 0, "their bounds are cancelled too");
});
