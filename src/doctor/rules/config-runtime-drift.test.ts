import assert from "node:assert/strict";
import { test } from "node:test";
import {
  bond,
  configuredBond,
  ev,
  iface,
  slave,
  snapshot,
} from "../../../test/support/builders.js";
import { readRepoFile } from "../../../test/support/paths.js";
import { parseNetplan } from "../../host/parse/netplan.js";
import { parseNetworkdSet } from "../../host/parse/networkd.js";
import { rule } from "./config-runtime-drift.js";

const IFCFG = "etc/sysconfig/network-scripts/ifcfg-bond0";
const optsLine = ev('BONDING_OPTS="miimon=100 mode=1"', 10, IFCFG);
const running8023ad = () =>
  bond("bond0", {
    mode: "802.3ad",
    miimon: 100,
    ad: { lacpRate: "slow" },
    slaves: [slave("eno1"), slave("eno2")],
    ev: { mode: ev("Bonding Mode: IEEE 802.3ad Dynamic link aggregation", 3) },
  });

test("config-runtime-drift reports incident 000: ifcfg says mode=1, bond0 still runs 802.3ad", () => {
  const s = snapshot({
    bonds: [running8023ad()],
    configuredBonds: [
      configuredBond("bond0", {
        mode: "active-backup",
        members: ["eno1", "eno2"],
        options: { miimon: "100", mode: "1" },
        ev: { mode: optsLine, miimon: optsLine },
      }),
    ],
  });
  const [f, ...rest] = rule.check(s);
  assert.equal(rest.length, 0, "members and miimon agree");
  assert.equal(f?.severity, "warning");
  assert.equal(f?.subject, "bond0");
  assert.equal(f?.title, `bond0: /${IFCFG} says mode active-backup, the running bond has 802.3ad`);
  assert.deepEqual(
    f?.evidence.map((e) => `${e.file}:${e.line}`),
    [`${IFCFG}:10`, "proc/net/bonding/bond0:3"],
  );
  assert.ok(f?.fix.some((l) => l.startsWith("ifdown bond0 && ifup bond0")));
  assert.match(f?.explanation ?? "", /incident 000/);
});

test("config-runtime-drift is silent when file and running bond agree on what both state", () => {
  const s = snapshot({
    bonds: [running8023ad()],
    configuredBonds: [
      configuredBond("bond0", {
        mode: "802.3ad",
        members: ["eno2", "eno1"],
        options: { miimon: "100", lacp_rate: "0", xmit_hash_policy: "layer3+4" },
      }),
    ],
  });
  assert.deepEqual(rule.check(s), []);
});

test("config-runtime-drift reports each of several files that disagree (cloud-init wrote two)", () => {
  const running = bond("bond0", { mode: "active-backup", slaves: [slave("eth0"), slave("eth1")] });
  const s = snapshot({
    bonds: [running],
    configuredBonds: [
      configuredBond("bond0", { options: { fail_over_mac: "1" } }),
      configuredBond("bond0", {
        format: "netplan",
        file: "etc/netplan/50-cloud-init.yaml",
        members: ["eth0", "eth2"],
        options: { miimon: "200" },
      }),
    ],
  });
  const found = rule.check(s);
  assert.equal(found.length, 2);
  assert.match(found[0]?.title ?? "", /fail_over_mac active, the running bond has none/);
  assert.match(found[1]?.title ?? "", /2 settings .* \(members, miimon\)/);
  assert.match(
    found[1]?.explanation ?? "",
    /also defined in \/etc\/sysconfig\/network-scripts\/ifcfg-bond0/,
  );
  assert.ok(found[1]?.fix.some((l) => l.startsWith("ip link delete bond0 && netplan apply")));
});

test("config-runtime-drift says a configured bond that is not running is info", () => {
  const s = snapshot({
    interfaces: { eth0: iface("eth0") },
    configuredBonds: [
      configuredBond("bond1", { format: "ifupdown", file: "etc/network/interfaces" }),
    ],
  });
  const [f] = rule.check(s);
  assert.equal(f?.severity, "info");
  assert.equal(f?.title, "bond1 is configured in /etc/network/interfaces but not running");
});

test("config-runtime-drift stays quiet when the runtime state was not collected at all", () => {
  const s = snapshot({ configuredBonds: [configuredBond("bond0", { mode: "802.3ad" })] });
  assert.deepEqual(rule.check(s), []);
});

test("config-runtime-drift matches ports a keyfile names by MAC to the slaves' own MACs", () => {
  const s = snapshot({
    bonds: [
      bond("bond0", {
        slaves: [
          slave("bond0s0", { permanentMac: "aa:bb:cc:dd:e8:00" }),
          slave("bond0s1", { permanentMac: "aa:bb:cc:dd:e8:01" }),
        ],
      }),
    ],
    configuredBonds: [
      configuredBond("bond0", { members: ["AA:BB:CC:DD:E8:00", "aa:bb:cc:dd:e8:01"] }),
    ],
  });
  assert.deepEqual(rule.check(s), []);
});

test("config-runtime-drift resolves netplan members matched by driver, never reports an id that is no interface name", () => {
  // Real netplan test input: bn0 over eno1 and "switchports", an id that matches driver yayroute.
  const file = "test/fixtures/hosts/netplan-8023ad-all-parameters/etc/netplan/01-bonds.yaml";
  const parsed = parseNetplan(readRepoFile(file), "etc/netplan/01-bonds.yaml");
  const configuredBonds = parsed.value.bonds;
  assert.deepEqual(configuredBonds[0]?.memberMatch, { switchports: { driver: "yayroute" } });
  const running = (second: string) =>
    bond("bn0", {
      mode: "802.3ad",
      miimon: 10,
      ad: { lacpRate: "fast" },
      slaves: [slave("eno1"), slave(second)],
    });
  const drv = (driver: string) => ({ driver, source: ev(`driver: ${driver}`, 1, "ethtool") });
  const interfaces = {
    eno1: iface("eno1", { driver: drv("ixgbe") }),
    enp5s0: iface("enp5s0", { driver: drv("yayroute") }),
    enp6s0: iface("enp6s0", { driver: drv("e1000e") }),
  };
  assert.deepEqual(
    rule.check(snapshot({ configuredBonds, bonds: [running("enp5s0")], interfaces })),
    [],
  );
  // Driver not collected: cannot tell, so no members drift either.
  const unknown = { eno1: interfaces.eno1, enp5s0: iface("enp5s0") };
  assert.deepEqual(
    rule.check(snapshot({ configuredBonds, bonds: [running("enp5s0")], interfaces: unknown })),
    [],
  );
  // A member with another driver is real drift.
  const [f] = rule.check(snapshot({ configuredBonds, bonds: [running("enp6s0")], interfaces }));
  assert.match(f?.title ?? "", /members/);
});

test("config-runtime-drift resolves systemd-networkd members matched by a Name= glob or Driver=", () => {
  const netdev = {
    file: "etc/systemd/network/25-bond.netdev",
    text: "[NetDev]\nName=bond0\nKind=bond\n\n[Bond]\nMode=802.3ad\n",
  };
  const glob = {
    file: "etc/systemd/network/30-uplinks.network",
    text: "[Match]\nName=en*\n\n[Network]\nBond=bond0\n",
  };
  const configuredBonds = parseNetworkdSet([netdev, glob]).value.bonds;
  assert.deepEqual(configuredBonds[0]?.memberMatch, { "en*": { name: "en*" } });
  const running = bond("bond0", { mode: "802.3ad", slaves: [slave("eno1"), slave("ens2f0")] });
  assert.deepEqual(rule.check(snapshot({ configuredBonds, bonds: [running] })), []);
  const other = bond("bond0", { mode: "802.3ad", slaves: [slave("eth0")] });
  const [f] = rule.check(snapshot({ configuredBonds, bonds: [other] }));
  assert.match(f?.explanation ?? "", /members: en\* in the file, eth0 running/);
});
