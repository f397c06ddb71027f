import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { FakeRoot, fakeIo } from "../../test/support/watch-world.js";
import type { WatchEvent } from "../events/types.js";
import { Watcher } from "./watcher.js";

const roots: FakeRoot[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) r.remove();
});

/** A watcher over eth0 and eth1 probing 10.0.0.1 through each, in a fake world. */
function world(interfaces = ["eth0", "eth1"]) {
  const root = new FakeRoot();
  roots.push(root);
  for (const i of interfaces) root.addLink(i);
  const { io, made } = fakeIo();
  const watcher = new Watcher({
    host: "h1",
    intervalMs: 100,
    probeIntervalMs: 20,
    interfaces,
    probes: interfaces.map((ifname) => ({ ifname, target: "10.0.0.1", kind: "icmp" as const })),
    prober: { kind: "ping", reason: "test" },
    root: root.dir,
    io,
  });
  const events: WatchEvent[] = [];
  watcher.listen({ event: (e) => events.push(e) });
  const kinds = () => events.map((e) => `${e.kind} ${e.subject}`);
  return { root, watcher, made, events, kinds };
}

const DOWN =
  "2: eth0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc fq_codel state DOWN group default \\    link/ether 52:54:00:12:34:56 brd ff:ff:ff:ff:ff:ff";
const UP =
  "2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default \\    link/ether 52:54:00:12:34:56 brd ff:ff:ff:ff:ff:ff";

test("start samples the root's files, starts the link monitor and every prober, then says so", async () => {
  const w = world();
  await w.watcher.start();
  assert.deepEqual(w.kinds(), ["watcher-started h1"]);
  assert.equal(w.events[0]?.t_ms, w.made.clock.now(), "stamped by the injected clock");
  assert.match(w.events[0]?.detail ?? "", /watching 2 interfaces, 2 probe paths/);
  assert.equal(w.made.links[0]?.started, true);
  assert.deepEqual(
    w.made.probers.map((p) => [p.path.ifname, p.running]),
    [
      ["eth0", true],
      ["eth1", true],
    ],
  );
  assert.deepEqual(
    [...w.watcher.samples().values()].map((s) => [s.ifname, s.carrier, s.mtu]),
    [
      ["eth0", true, 1500],
      ["eth1", true, 1500],
    ],
  );
  w.watcher.stop();
});

test("a kernel notification of lost carrier is link-down at once; its return is link-up", async () => {
  const w = world();
  await w.watcher.start();
  w.made.clock.advance(7);
  w.made.links[0]?.line(DOWN);
  w.made.clock.advance(5);
  w.made.links[0]?.line(UP);
  assert.deepEqual(w.kinds().slice(1), ["link-down eth0", "link-up eth0"]);
  const [down, up] = w.events.slice(1);
  assert.equal((up?.t_ms ?? 0) - (down?.t_ms ?? 0), 5, "times from the clock, not the wall");
  assert.equal(down?.severity, "critical");
  w.watcher.stop();
});

test("without a notification, the sampler sees the carrier file change on its next tick", async () => {
  const w = world();
  await w.watcher.start();
  w.root.setCarrier("eth1", false, 1);
  w.made.clock.advance(99);
  assert.deepEqual(w.kinds().slice(1), [], "nothing before the interval");
  w.made.clock.advance(1);
  assert.deepEqual(w.kinds().slice(1), ["link-down eth1"]);
  w.root.setCarrier("eth1", true, 2);
  w.made.clock.advance(100);
  assert.deepEqual(w.kinds().slice(1), ["link-down eth1", "link-up eth1"]);
  w.watcher.stop();
});

test("three probes lost in a row are probe-loss; five answered are probe-recovered", async () => {
  const w = world();
  await w.watcher.start();
  const eth0 = w.made.probers[0];
  assert.ok(eth0);
  for (let i = 0; i < 5; i++) eth0.answered(1);
  eth0.lost();
  eth0.lost();
  assert.deepEqual(w.kinds().slice(1), [], "two lost are not yet a loss");
  eth0.lost();
  assert.deepEqual(w.kinds().slice(1), ["probe-loss eth0>10.0.0.1"]);
  assert.deepEqual(
    w.watcher.detector.probes.failedPaths().map((p) => p.ifname),
    ["eth0"],
  );
  for (let i = 0; i < 4; i++) eth0.answered(1);
  assert.equal(w.kinds().length, 2, "four answers are not yet a recovery");
  eth0.answered(1);
  assert.deepEqual(w.kinds().slice(1), [
    "probe-loss eth0>10.0.0.1",
    "probe-recovered eth0>10.0.0.1",
  ]);
  assert.deepEqual(w.watcher.detector.probes.failedPaths(), []);
  w.watcher.stop();
});

test("adaptive detection: a path steady at 1 ms flags an RTT of 80 ms, one jittering between 10 and 48 ms does not", async () => {
  const steady = world(["eth0"]);
  await steady.watcher.start();
  const p = steady.made.probers[0];
  assert.ok(p);
  for (let i = 0; i < 30; i++) p.answered(1);
  p.answered(80);
  assert.deepEqual(steady.kinds().slice(1), ["rtt-spike eth0>10.0.0.1"]);
  steady.watcher.stop();

  const jittery = world(["eth0"]);
  await jittery.watcher.start();
  const q = jittery.made.probers[0];
  assert.ok(q);
  for (let i = 0; i < 30; i++) q.answered(i % 2 === 0 ? 10 : 48);
  q.answered(80);
  assert.deepEqual(jittery.kinds().slice(1), []);
  jittery.watcher.stop();
});

test("stop ends the timer, the link monitor and the probers, and says so last", async () => {
  const w = world();
  await w.watcher.start();
  w.made.clock.advance(250);
  const taken = w.watcher.samplesTaken;
  w.watcher.stop();
  w.made.clock.advance(1000);
  assert.equal(w.watcher.samplesTaken, taken, "no sample after stop");
  assert.equal(w.made.clock.running(), 0);
  assert.equal(w.made.links[0]?.stopped, true);
  assert.ok(w.made.probers.every((p) => !p.running));
  assert.equal(w.events.at(-1)?.kind, "watcher-stopped");
});

test("two watchers in one process share nothing: each numbers its own events", async () => {
  const a = world(["eth0"]);
  const b = world(["eth0"]);
  await a.watcher.start();
  await b.watcher.start();
  a.made.links[0]?.line(DOWN);
  assert.deepEqual([a.events.map((e) => e.id), b.events.map((e) => e.id)], [[1, 2], [1]]);
  a.watcher.stop();
  b.watcher.stop();
});
