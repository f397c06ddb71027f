import assert from "node:assert/strict";
import { test } from "node:test";
import { bond, configuredBond, ev, slave, snapshot } from "../../../test/support/builders.js";
import { rule } from "./bond-no-link-monitoring.js";

const F = "proc/net/bonding/bond0";
const two = () => [slave("eth0"), slave("eth1")];

test("bond-no-link-monitoring is critical for active-backup with miimon 0 and no ARP line in /proc", () => {
  const b = bond("bond0", {
    miimon: 0,
    slaves: two(),
    ev: {
      mode: ev("Bonding Mode: fault-tolerance (active-backup)", 3, F),
      miimon: ev("MII Polling Interval (ms): 0", 7, F),
    },
  });
  const [f, ...rest] = rule.check(snapshot({ bonds: [b] }));
  assert.equal(rest.length, 0);
  assert.equal(f?.severity, "critical");
  assert.equal(f?.subject, "bond0");
  assert.equal(
    f?.title,
    "bond0: no link monitoring (miimon 0, arp_interval 0) on an active-backup bond",
  );
  assert.match(f?.explanation ?? "", /never fails over/);
  assert.deepEqual(f?.evidence, [
    ev("Bonding Mode: fault-tolerance (active-backup)", 3, F),
    ev("MII Polling Interval (ms): 0", 7, F),
  ]);
  assert.equal(
    f?.fix[0],
    "echo 100 > /sys/class/net/bond0/bonding/miimon   # now; MII (carrier) check every 100 ms",
  );
  assert.ok(
    f?.fix.includes(
      'BONDING_OPTS="mode=active-backup miimon=100"   # /etc/sysconfig/network-scripts/ifcfg-bond0',
    ),
  );
  assert.ok(
    f?.fix.includes('nmcli connection modify bond0 bond.options "mode=active-backup,miimon=100"'),
  );
});

test("bond-no-link-monitoring is a warning for 802.3ad and keeps the configured options in the fix", () => {
  const b = bond("bond0", { mode: "802.3ad", miimon: 0, arpInterval: 0, slaves: two() });
  const cfg = configuredBond("bond0", {
    mode: "802.3ad",
    options: { mode: "4", lacp_rate: "fast" },
  });
  const [f] = rule.check(snapshot({ bonds: [b], configuredBonds: [cfg] }));
  assert.equal(f?.severity, "warning");
  assert.match(f?.explanation ?? "", /until LACP times out \(90 s/);
  assert.deepEqual(f?.fix.slice(1), [
    "# /etc/sysconfig/network-scripts/ifcfg-bond0",
    'BONDING_OPTS="mode=4 lacp_rate=fast miimon=100"',
  ]);
});

test("bond-no-link-monitoring accepts MII or ARP monitoring", () => {
  const mii = bond("bond0", { miimon: 100, slaves: two() });
  const arp = bond("bond1", {
    miimon: 0,
    arpInterval: 1000,
    arpIpTargets: ["10.0.0.1"],
    slaves: two(),
  });
  assert.deepEqual(rule.check(snapshot({ bonds: [mii, arp] })), []);
});

test("bond-no-link-monitoring does not take an unknown value for 0", () => {
  const unknownMii = bond("bond0", { slaves: two() });
  delete unknownMii.miimon;
  const sysfs = bond("bond1", {
    miimon: 0,
    slaves: two(),
    source: ev("bond1", 0, "sys/class/net/bond1"),
  });
  assert.deepEqual(rule.check(snapshot({ bonds: [unknownMii, sysfs] })), []);
});

test("bond-no-link-monitoring only notes a bond without members, where nothing is at risk yet", () => {
  const [f] = rule.check(snapshot({ bonds: [bond("bond0", { mode: "balance-rr", miimon: 0 })] }));
  assert.equal(f?.severity, "info");
  assert.equal(
    f?.title,
    "bond0: no link monitoring (miimon 0, arp_interval 0) on a balance-rr bond",
  );
  assert.match(f?.explanation ?? "", /no members yet/);
});

test("bond-no-link-monitoring: an ARP monitor with no ARP and no NS target probes nothing; NS targets alone are monitoring", () => {
  const none = bond("bond0", {
    miimon: 0,
    arpInterval: 1000,
    arpIpTargets: [],
    slaves: [slave("eth0"), slave("eth1")],
  });
  const [f] = rule.check(snapshot({ bonds: [none] }));
  assert.equal(
    f?.title,
    "bond0: no link monitoring (miimon 0, arp_interval 1000 without arp_ip_target or ns_ip6_target) on an active-backup bond",
  );
  const nsOnly = { ...none, nsIp6Targets: ["2022::1"] };
  assert.deepEqual(rule.check(snapshot({ bonds: [nsOnly] })), []);
});
