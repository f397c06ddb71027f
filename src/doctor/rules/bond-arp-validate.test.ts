import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { bond, configuredBond, ev, slave, snapshot } from "../../../test/support/builders.js";
import { REPO_ROOT } from "../../../test/support/paths.js";
import { readHost } from "../../host/read/read-host.js";
import { rule } from "./bond-arp-validate.js";

const F = "proc/net/bonding/bond0";
const two = () => [slave("em3"), slave("p2p3")];

test("bond-arp-validate warns about ARP monitoring read from /proc, where arp_validate is not shown", () => {
  const b = bond("bond0", {
    miimon: 0,
    arpInterval: 1000,
    arpIpTargets: ["10.152.1.1"],
    slaves: two(),
    ev: {
      arpInterval: ev("ARP Polling Interval (ms): 1000", 10, F),
      arpIpTargets: ev("ARP IP target/s (n.n.n.n form): 10.152.1.1", 11, F),
    },
  });
  const [f, ...rest] = rule.check(snapshot({ bonds: [b] }));
  assert.equal(rest.length, 0);
  assert.equal(f?.severity, "warning");
  assert.equal(f?.subject, "bond0");
  assert.equal(
    f?.title,
    "bond0: ARP monitor (every 1000 ms to 10.152.1.1) runs with arp_validate unset (default none)",
  );
  assert.match(f?.explanation ?? "", /the kernel default is none/);
  assert.deepEqual(
    f?.evidence.map((e) => e.line),
    [10, 11],
  );
  assert.equal(
    f?.fix[0],
    "cat /sys/class/net/bond0/bonding/arp_validate   # confirm (default: none 0)",
  );
  assert.ok(
    f?.fix.includes(
      'BONDING_OPTS="mode=active-backup arp_interval=1000 arp_ip_target=10.152.1.1 arp_validate=all"   # /etc/sysconfig/network-scripts/ifcfg-bond0',
    ),
  );
});

test("bond-arp-validate asks for arp_all_targets too when several targets are probed", () => {
  const b = bond("bond0", {
    mode: "balance-xor",
    arpInterval: 500,
    arpIpTargets: ["10.0.0.1", "10.0.0.2"],
    arpValidate: "none 0",
    slaves: two(),
  });
  const cfg = configuredBond("bond0", {
    format: "netplan",
    file: "etc/netplan/bond.yaml",
    options: { mode: "balance-xor", arp_interval: "500" },
  });
  const [f] = rule.check(snapshot({ bonds: [b], configuredBonds: [cfg] }));
  assert.equal(f?.severity, "warning");
  assert.ok(f?.fix.includes("echo all > /sys/class/net/bond0/bonding/arp_all_targets"));
  assert.ok(f?.fix.includes("arp-validate: all"));
  assert.ok(f?.fix.includes("arp-all-targets: all"));
});

test("bond-arp-validate only notes filter and backup-only validation", () => {
  for (const v of ["filter", "4", "backup", "filter_backup"]) {
    const b = bond("bond0", { arpInterval: 1000, arpIpTargets: ["10.0.0.1"], arpValidate: v });
    assert.equal(rule.check(snapshot({ bonds: [b] }))[0]?.severity, "info", v);
  }
});

test("bond-arp-validate accepts validated ARP monitoring and bonds without it", () => {
  const ok = ["all", "active", "3", "filter_active"].map((v, i) =>
    bond(`bond${i}`, { arpInterval: 1000, arpIpTargets: ["10.0.0.1"], arpValidate: v }),
  );
  const mii = bond("bond9", { miimon: 100 });
  const lacp = bond("bond8", { mode: "802.3ad", arpInterval: 1000, arpValidate: "none" });
  assert.deepEqual(rule.check(snapshot({ bonds: [...ok, mii, lacp] })), []);
});

test("bond-arp-validate keeps ns_ip6_target (and the other running options) in the BONDING_OPTS it writes", () => {
  const snap = readHost(join(REPO_ROOT, "test/fixtures/hosts/active-backup-arp-ns6-targets"), {
    live: false,
  });
  const [f] = rule.check(snap);
  const opts = f?.fix.find((l) => l.startsWith("BONDING_OPTS="));
  assert.equal(
    opts,
    'BONDING_OPTS="mode=active-backup updelay=200 downdelay=200 arp_interval=1000 arp_ip_target=192.168.1.254 ns_ip6_target=2022::1,2022::2 arp_validate=all arp_all_targets=all"   # /etc/sysconfig/network-scripts/ifcfg-bond0',
  );
  assert.ok(f?.evidence.some((e) => e.text.startsWith("NS IPv6 target/s (xx::xx form):")));
});
