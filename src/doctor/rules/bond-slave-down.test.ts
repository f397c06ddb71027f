import assert from "node:assert/strict";
import { test } from "node:test";
import { bond, ev, iface, slave, snapshot } from "../../../test/support/builders.js";
import { rule } from "./bond-slave-down.js";

const F = "proc/net/bonding/bond0";

/** The corpus' active-backup bond: backup eth3 down, primary eth2 up. */
function backupDown() {
  return bond("bond0", {
    primary: "eth2",
    slaves: [
      slave("eth3", {
        miiStatus: "down",
        source: ev("Slave Interface: eth3", 11, F),
        ev: { miiStatus: ev("MII Status: down", 12, F) },
      }),
      slave("eth2", { miiStatus: "up", source: ev("Slave Interface: eth2", 19, F) }),
    ],
  });
}

test("bond-slave-down warns that a bond lost its redundancy when one member is down", () => {
  const carrier = ev("0", 1, "sys/class/net/eth3/carrier");
  const s = snapshot({
    bonds: [backupDown()],
    interfaces: { eth3: iface("eth3", { carrier: false, flags: ["UP"], ev: { carrier } }) },
  });
  const [f, ...rest] = rule.check(s);
  assert.equal(rest.length, 0);
  assert.equal(f?.severity, "warning");
  assert.equal(f?.subject, "bond0");
  assert.equal(f?.title, "bond0: eth3 is down; 1 of 2 members up");
  assert.match(f?.explanation ?? "", /eth3: MII status down, no carrier/);
  assert.match(f?.explanation ?? "", /Only eth2 carries the traffic/);
  assert.deepEqual(f?.evidence, [
    ev("Slave Interface: eth3", 11, F),
    ev("MII Status: down", 12, F),
    carrier,
  ]);
  assert.ok(f?.fix[0]?.startsWith("ethtool eth3 | grep -E 'Link detected|Speed'"));
  assert.ok(!f?.fix.includes("ip link set dev eth3 up"));
});

test("bond-slave-down is critical when no member is up and offers to bring up an admin-down one", () => {
  const b = bond("bond0", {
    mode: "802.3ad",
    slaves: [slave("eno2", { miiStatus: "going back" }), slave("eno1", { miiStatus: "down" })],
  });
  const s = snapshot({ bonds: [b], interfaces: { eno1: iface("eno1", { flags: ["BROADCAST"] }) } });
  const [f] = rule.check(s);
  assert.equal(f?.severity, "critical");
  assert.equal(f?.title, "bond0: all members down (eno1, eno2)");
  assert.match(f?.explanation ?? "", /administratively down/);
  assert.match(f?.explanation ?? "", /eno2 is inside downdelay\/updelay/);
  assert.ok(f?.fix.includes("ip link set dev eno1 up"));
});

test("bond-slave-down stays silent when every member is up or its status unknown", () => {
  const b = bond("bond0", { slaves: [slave("eth0", { miiStatus: "up" }), slave("eth1")] });
  const empty = bond("bond1");
  assert.deepEqual(rule.check(snapshot({ bonds: [b, empty] })), []);
});
