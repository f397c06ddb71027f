import assert from "node:assert/strict";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { REPO_ROOT } from "../../../test/support/paths.js";
import { readHost } from "./read-host.js";

const host = (c: string) => readHost(join(REPO_ROOT, "test/fixtures/hosts", c), { live: false });

test("a non-root /proc view keeps the active aggregator netlink showed, with netlink's line", () => {
  const snap = host("8023ad-nonroot-netlink-partner-zero");
  const [bond0] = snap.bonds;
  assert.equal(bond0?.ad?.lacpRate, "slow");
  assert.equal(bond0?.ev.lacpRate?.file, "proc/net/bonding/bond0");
  assert.deepEqual(bond0?.ad?.activeAggregator, {
    id: 1,
    ports: 1,
    actorKey: 9,
    partnerKey: 1,
    partnerMac: "00:00:00:00:00:00",
  });
  assert.equal(bond0?.ev.partnerMac?.file, "sos_commands/networking/ip_-d_-j_link");
  const enp0s9 = bond0?.slaves.find((s) => s.name === "enp0s9");
  assert.equal(enp0s9?.aggregatorId, 1);
  assert.equal(enp0s9?.ev.aggregatorId?.file, "proc/net/bonding/bond0");
  assert.equal(enp0s9?.partner?.state?.raw, 1);
  assert.equal(enp0s9?.ev.partnerPortState?.file, "sos_commands/networking/ip_-d_-j_link");
  assert.deepEqual(snap.unseen, [
    "bond0: no source showed the LACP partner system MAC of enp0s9, enp0s8; LACP rules judged only what was visible",
  ]);
});

test("a host described only by sysfs is read: bonds from <if>/bonding/, members from <member>/bonding_slave/", () => {
  const snap = host("sysfs-only-member-down");
  assert.deepEqual(
    snap.bonds.map((b) => [b.name, b.slaves.map((s) => [s.name, s.miiStatus])]),
    [
      [
        "int",
        [
          ["eth5", "up"],
          ["eth1", "down"],
        ],
      ],
    ],
  );
  const eth1 = snap.bonds[0]?.slaves.find((s) => s.name === "eth1");
  assert.equal(eth1?.ev.miiStatus?.file, "sys/class/net/eth1/bonding_slave/mii_status");
});

test("addresses from the text 'ip -d address' are kept when the link details come from 'ip -d -j link'", () => {
  const dir = mkdtempSync(join(tmpdir(), "lg-addr-"));
  try {
    cpSync(join(REPO_ROOT, "test/fixtures/hosts/8023ad-nonroot-netlink-partner-zero"), dir, {
      recursive: true,
    });
    writeFileSync(
      join(dir, "sos_commands/networking/ip_-d_address"),
      "5: bond0: <BROADCAST,MULTICAST,MASTER,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000\n    link/ether 08:00:27:99:a3:6b brd ff:ff:ff:ff:ff:ff promiscuity 0 minmtu 68 maxmtu 65535\n    inet 192.0.2.10/24 brd 192.0.2.255 scope global bond0\n       valid_lft forever preferred_lft forever\n",
    );
    const snap = readHost(dir, { live: false });
    assert.deepEqual(
      snap.interfaces.bond0?.addresses.map((a) => `${a.address}/${a.prefix}`),
      ["192.0.2.10/24"],
    );
    assert.equal(snap.interfaces.bond0?.operstate?.toLowerCase(), "up");
    assert.equal(snap.interfaces.enp0s8?.master, "bond0");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
