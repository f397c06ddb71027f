import assert from "node:assert/strict";
import { test } from "node:test";
import { bond, ev, iface, slave, snapshot } from "../../../test/support/builders.js";
import type { HostSnapshot } from "../../host/model.js";
import { rule } from "./failover-mac-virtual.js";

const F = "proc/net/bonding/bond0";
const MODE = ev("Bonding Mode: fault-tolerance (active-backup)", 3, F);
const DMI = ev("VirtualBox", 1, "sys/class/dmi/id/product_name");

/** Incident 003: bond0 mode=1 miimon=100 over eth1/eth2 in a VirtualBox VM. */
function incident003(fields: Partial<HostSnapshot> = {}): HostSnapshot {
  return snapshot({
    bonds: [bond("bond0", { ev: { mode: MODE }, slaves: [slave("eth2"), slave("eth1")] })],
    virtualization: { kind: "virtualbox", product: "VirtualBox", evidence: [DMI] },
    ...fields,
  });
}

test("failover-mac-virtual is critical for incident 003's active-backup bond on VirtualBox", () => {
  const [f, ...rest] = rule.check(incident003());
  assert.equal(rest.length, 0);
  assert.equal(f?.severity, "critical");
  assert.equal(f?.subject, "bond0");
  assert.equal(
    f?.title,
    "bond0: active-backup on a virtual machine (VirtualBox) with fail_over_mac none: traffic stops after a failover",
  );
  assert.match(f?.explanation ?? "", /prints fail_over_mac only when it is not none/);
  assert.match(f?.explanation ?? "", /drops frames/);
  assert.deepEqual(f?.evidence, [MODE, DMI]);
  assert.ok(
    f?.fix.includes(
      'BONDING_OPTS="mode=active-backup miimon=100 fail_over_mac=active"   # /etc/sysconfig/network-scripts/ifcfg-bond0',
    ),
  );
  assert.ok(
    f?.fix.includes(
      'nmcli connection modify bond0 bond.options "mode=active-backup,miimon=100,fail_over_mac=active"',
    ),
  );
  assert.ok(
    f?.fix.some((l) => l.includes("echo active > /sys/class/net/bond0/bonding/fail_over_mac")),
  );
});

test("failover-mac-virtual warns about virtio members even when DMI says nothing", () => {
  const driver = {
    driver: "virtio_net",
    source: ev("driver: virtio_net", 1, "sos_commands/networking/ethtool_-i_eth1"),
  };
  const s = incident003({
    virtualization: { kind: "unknown", evidence: [] },
    interfaces: { eth1: iface("eth1", { driver }) },
  });
  const [f] = rule.check(s);
  assert.equal(f?.severity, "warning");
  assert.match(f?.title ?? "", /on virtual NICs \(eth1: virtio_net\)/);
  assert.ok(f?.evidence.includes(driver.source));
});

test("failover-mac-virtual also flags follow on a KVM guest", () => {
  const b = bond("bond0", { failOverMac: "follow", slaves: [slave("eth0"), slave("eth1")] });
  const s = snapshot({ bonds: [b], virtualization: { kind: "kvm", evidence: [] } });
  assert.equal(rule.check(s)[0]?.severity, "warning");
});

test("failover-mac-virtual accepts fail_over_mac active, bare metal, other modes and unknown values", () => {
  const active = incident003({
    bonds: [bond("bond0", { failOverMac: "active", slaves: [slave("eth1"), slave("eth2")] })],
  });
  const metal = incident003({ virtualization: { kind: "none", evidence: [] } });
  const lacp = incident003({ bonds: [bond("bond0", { mode: "802.3ad" })] });
  const sysfsUnknown = incident003({
    bonds: [bond("bond0", { source: ev("bond0", 0, "sys/class/net/bond0") })],
  });
  for (const s of [active, metal, lacp, sysfsUnknown]) assert.deepEqual(rule.check(s), []);
});
