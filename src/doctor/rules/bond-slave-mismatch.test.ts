import assert from "node:assert/strict";
import { test } from "node:test";
import { bond, ev, iface, slave, snapshot } from "../../../test/support/builders.js";
import { rule } from "./bond-slave-mismatch.js";

const F = "proc/net/bonding/bond0";

test("bond-slave-mismatch warns that an active-backup primary runs slower than its backup", () => {
  const b = bond("bond0", {
    primary: "eth2",
    activeSlave: "eth2",
    ev: { primary: ev("Primary Slave: eth2 (primary_reselect always)", 4, F) },
    slaves: [
      slave("eth3", {
        miiStatus: "down",
        speedMbps: 1000,
        duplex: "full",
        ev: { speedMbps: ev("Speed: 1000 Mbps", 13, F) },
      }),
      slave("eth2", {
        miiStatus: "up",
        speedMbps: 100,
        duplex: "full",
        ev: { speedMbps: ev("Speed: 100 Mbps", 21, F) },
      }),
    ],
  });
  const [f, ...rest] = rule.check(snapshot({ bonds: [b] }));
  assert.equal(rest.length, 0);
  assert.equal(f?.severity, "warning");
  assert.equal(f?.subject, "bond0");
  assert.equal(f?.title, "bond0: primary eth2 runs at 100 Mbps, eth3 at 1000 Mbps");
  assert.match(f?.explanation ?? "", /runs at the slower speed/);
  assert.deepEqual(f?.evidence, [
    ev("Speed: 100 Mbps", 21, F),
    ev("Speed: 1000 Mbps", 13, F),
    ev("Primary Slave: eth2 (primary_reselect always)", 4, F),
  ]);
  assert.ok(
    f?.fix.includes(
      "echo eth3 > /sys/class/net/bond0/bonding/primary   # make the fastest member the primary",
    ),
  );
  assert.ok(
    f?.fix.includes(
      "ethtool -s eth2 autoneg on   # then check the cable and the switch port's speed/duplex setting",
    ),
  );
});

test("bond-slave-mismatch explains that 802.3ad will not aggregate ports of different speed or duplex", () => {
  const b = bond("bond0", {
    mode: "802.3ad",
    slaves: [
      slave("eno1", { speedMbps: 10000, duplex: "full" }),
      slave("eno2", { speedMbps: 1000, duplex: "half" }),
      slave("eno3", { duplex: "unknown" }),
    ],
  });
  const [f] = rule.check(snapshot({ bonds: [b] }));
  assert.equal(
    f?.title,
    "bond0: speed differs: eno1 10000 Mbps, eno2 1000 Mbps; duplex differs: eno1 full duplex, eno2 half duplex",
  );
  assert.match(f?.explanation ?? "", /another LACP key/);
});

test("bond-slave-mismatch finds a member whose MTU was changed behind the bond's back", () => {
  const mtu = ev("1500", 1, "sys/class/net/eth1/mtu");
  const s = snapshot({
    bonds: [bond("bond0", { slaves: [slave("eth0"), slave("eth1")] })],
    interfaces: {
      bond0: iface("bond0", { mtu: 9000 }),
      eth0: iface("eth0", { mtu: 9000 }),
      eth1: iface("eth1", { mtu: 1500, ev: { mtu } }),
    },
  });
  const [f] = rule.check(s);
  assert.equal(f?.title, "bond0: MTU differs: eth0 9000, eth1 1500");
  assert.ok(f?.evidence.includes(mtu));
  assert.deepEqual(f?.fix, ["ip link set dev bond0 mtu 9000   # the bond sets it on every member"]);
});

test("bond-slave-mismatch skips unknown values and equal members", () => {
  const same = bond("bond0", {
    mode: "balance-xor",
    slaves: [
      slave("eth0", { speedMbps: 1000, duplex: "full" }),
      slave("eth1", { speedMbps: 1000, duplex: "full" }),
    ],
  });
  const unknown = bond("bond1", {
    mode: "802.3ad",
    slaves: [slave("eth2", { speedMbps: 1000 }), slave("eth3", { duplex: "unknown" })],
  });
  const abNoPrimary = bond("bond2", {
    slaves: [slave("eth4", { speedMbps: 1000 }), slave("eth5", { speedMbps: 100 })],
  });
  assert.deepEqual(rule.check(snapshot({ bonds: [same, unknown, abNoPrimary] })), []);
});
