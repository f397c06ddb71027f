import assert from "node:assert/strict";
import { test } from "node:test";
import { parseMonitorLine } from "./ip-monitor.js";

// Lines recorded from iproute2 6.1 `ip -o monitor link address` on veth pairs.
test("a link without carrier", () => {
  const m = parseMonitorLine(
    "3: a0@b0: <NO-CARRIER,BROADCAST,MULTICAST,UP,M-DOWN> mtu 1500 qdisc noqueue state LOWERLAYERDOWN group default \\    link/ether 0e:43:54:a9:df:06 brd ff:ff:ff:ff:ff:ff",
  );
  assert.equal(m.type, "link");
  if (m.type !== "link") return;
  assert.equal(m.ifname, "a0");
  assert.equal(m.carrier, false);
  assert.equal(m.adminUp, true);
  assert.equal(m.operstate, "LOWERLAYERDOWN");
  assert.equal(m.mtu, 1500);
  assert.equal(m.deleted, false);
});

test("a link with carrier, enslaved to a bond", () => {
  const m = parseMonitorLine(
    "4: eth1: <BROADCAST,MULTICAST,SLAVE,UP,LOWER_UP> mtu 9000 qdisc fq_codel master bond0 state UP mode DEFAULT group default qlen 1000\\    link/ether 52:54:00:12:34:56 brd ff:ff:ff:ff:ff:ff",
  );
  assert.equal(m.type === "link" && m.carrier, true);
  assert.equal(m.type === "link" && m.master, "bond0");
  assert.equal(m.type === "link" && m.mtu, 9000);
});

test("a deleted link", () => {
  const m = parseMonitorLine(
    "Deleted 3: a0@NONE: <BROADCAST,MULTICAST> mtu 1400 qdisc noop state DOWN group default \\    link/ether 0e:43:54:a9:df:06 brd ff:ff:ff:ff:ff:ff",
  );
  assert.equal(m.type === "link" && m.deleted, true);
  assert.equal(m.type === "link" && m.ifname, "a0");
});

test("addresses added and deleted, both families", () => {
  const v4 = parseMonitorLine(
    "3: a0    inet 10.1.0.1/24 scope global a0\\       valid_lft forever preferred_lft forever",
  );
  assert.deepEqual(v4, {
    type: "address",
    deleted: false,
    index: 3,
    ifname: "a0",
    family: "inet",
    address: "10.1.0.1",
    prefix: 24,
  });
  const v6 = parseMonitorLine(
    "Deleted 3: a0    inet6 fd00::1/64 scope global tentative \\       valid_lft forever preferred_lft forever",
  );
  assert.equal(v6.type === "address" && v6.deleted && v6.family, "inet6");
});

test("anything else comes back as unknown, not as an error", () => {
  assert.equal(parseMonitorLine("garbage").type, "unknown");
});
