import assert from "node:assert/strict";
import { test } from "node:test";
import { webGroup } from "../../test/support/mpath-group.js";
import type { Action } from "./engine.js";

const group = webGroup;

const moves = (a: Action[]) =>
  a
    .filter((x) => x.type === "move")
    .map((x) => (x.type === "move" ? `${x.address} ${x.from}->${x.to} ${x.reason}` : ""));
const kinds = (a: Action[]) =>
  a.filter((x) => x.type === "event").map((x) => (x.type === "event" ? x.kind : ""));

test("a link failure moves the data address at once", () => {
  const g = group();
  const a = g.step({ type: "link", member: "eth0", up: false, t: 100 });
  assert.deepEqual(moves(a), ["10.0.0.50/24 eth0->eth1 failover"]);
  assert.deepEqual(kinds(a), ["member-failed"]);
  assert.equal(g.status().state, "degraded");
});

test("five lost probes fail a member; four do not", () => {
  const g = group();
  const four = [1, 2, 3, 4].flatMap((t) => g.step({ type: "probe", member: "eth0", ok: false, t }));
  assert.deepEqual(moves(four), []);
  assert.deepEqual(moves(g.step({ type: "probe", member: "eth0", ok: false, t: 5 })), [
    "10.0.0.50/24 eth0->eth1 failover",
  ]);
});

test("repair needs ten good probes, then the address fails back", () => {
  const g = group();
  g.step({ type: "link", member: "eth0", up: false, t: 100 });
  g.step({ type: "link", member: "eth0", up: true, t: 200 });
  const nine = Array.from({ length: 9 }, (_, i) =>
    g.step({ type: "probe", member: "eth0", ok: true, t: 300 + i }),
  ).flat();
  assert.deepEqual(moves(nine), []);
  assert.deepEqual(moves(g.step({ type: "probe", member: "eth0", ok: true, t: 400 })), [
    "10.0.0.50/24 eth1->eth0 failback",
  ]);
});

test("without failback the address stays on the member that took it", () => {
  const g = group({ failback: false });
  g.step({ type: "link", member: "eth0", up: false, t: 100 });
  g.step({ type: "link", member: "eth0", up: true, t: 200 });
  const after = Array.from({ length: 12 }, (_, i) =>
    g.step({ type: "probe", member: "eth0", ok: true, t: 300 + i }),
  ).flat();
  assert.deepEqual(moves(after), []);
  assert.equal(g.status().addresses[0]?.member, "eth1");
});

test("a standby takes over only on failure, and its own failure moves nothing", () => {
  const g = group({ standby: ["eth1"] });
  assert.deepEqual(moves(g.step({ type: "link", member: "eth1", up: false, t: 50 })), []);
  assert.equal(g.status().members.find((m) => m.name === "eth1")?.state, "failed");
  g.step({ type: "link", member: "eth1", up: true, t: 60 });
  for (let i = 0; i < 10; i++) g.step({ type: "probe", member: "eth1", ok: true, t: 70 + i });
  assert.equal(g.status().members.find((m) => m.name === "eth1")?.state, "standby");
  assert.deepEqual(moves(g.step({ type: "link", member: "eth0", up: false, t: 100 })), [
    "10.0.0.50/24 eth0->eth1 failover",
  ]);
});

test("every member failed: the addresses stay, one critical event", () => {
  const g = group();
  g.step({ type: "link", member: "eth1", up: false, t: 10 });
  const a = g.step({ type: "link", member: "eth0", up: false, t: 20 });
  assert.deepEqual(moves(a), []);
  assert.deepEqual(kinds(a), ["member-failed", "group-failed"]);
  assert.equal(g.status().state, "failed");
});

test("probe losses right after a link-up are forgiven during the grace time", () => {
  const g = group({ linkUpGraceMs: 40_000 });
  g.step({ type: "link", member: "eth0", up: false, t: 100 });
  g.step({ type: "link", member: "eth0", up: true, t: 200 });
  for (let i = 0; i < 10; i++) g.step({ type: "probe", member: "eth0", ok: true, t: 300 + i });
  const lost = Array.from({ length: 8 }, (_, i) =>
    g.step({ type: "probe", member: "eth0", ok: false, t: 1000 + i }),
  ).flat();
  assert.deepEqual(moves(lost), []);
});

test("more than two link-ups a minute hold the member failed (flap damping)", () => {
  const g = group({ probing: false });
  for (let i = 0; i < 3; i++) {
    g.step({ type: "link", member: "eth0", up: false, t: 1000 + i * 100 });
    g.step({ type: "link", member: "eth0", up: true, t: 1050 + i * 100 });
  }
  assert.equal(g.status().addresses[0]?.member, "eth1", "held on eth1 while eth0 flaps");
  assert.deepEqual(moves(g.step({ type: "tick", t: 70_000 })), [
    "10.0.0.50/24 eth1->eth0 failback",
  ]);
});
