import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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

/** A copy of a fixture host with `edit` applied to one of its files. */
function withEdit(host: string, rel: string, edit: (text: string) => string) {
  const dir = mkdtempSync(join(tmpdir(), "lg-noise-"));
  cpSync(join(REPO_ROOT, host), dir, { recursive: true });
  writeFileSync(join(dir, rel), edit(readFileSync(join(dir, rel), "utf8")));
  return { dir, done: () => rmSync(dir, { recursive: true, force: true }) };
}

test("iproute2's stderr in a sos file ('Message truncated') is no unparseable input, and is reported as unseen", () => {
  const ip = "sos_commands/networking/ip_-d_address";
  const text = withEdit(
    "examples/healthy-8023ad",
    ip,
    (t) => `Message truncated\n${t}Message truncated\n`,
  );
  const json = withEdit(
    "test/fixtures/hosts/8023ad-nonroot-netlink-partner-zero",
    "sos_commands/networking/ip_-d_-j_link",
    (t) => `Message truncated\n${t}`,
  );
  try {
    const a = readHost(text.dir, { live: false });
    assert.deepEqual(a.problems, []);
    assert.equal(a.interfaces.ens1f0?.master, "bond0", "the output around the noise is still read");
    assert.ok(
      a.unseen.includes(
        `${ip} line 1: iproute2 said "Message truncated", so this output may miss some interfaces or details`,
      ),
    );
    const b = readHost(json.dir, { live: false });
    assert.deepEqual(b.problems, []);
    assert.equal(b.bonds[0]?.ad?.activeAggregator?.partnerMac, "00:00:00:00:00:00");
  } finally {
    text.done();
    json.done();
  }
});

test("sysctl's own warnings in sos's sysctl -a are no unparseable input, and the values around them are read", () => {
  const file = "sos_commands/kernel/sysctl_-a";
  const host = withEdit(
    "examples/002-dsr-real-server-arp",
    file,
    (t) =>
      `sysctl: permission denied on key 'fs.protected_regular'\n${t}sysctl: reading key "net.ipv6.conf.all.stable_secret"\n`,
  );
  try {
    const snap = readHost(host.dir, { live: false });
    assert.deepEqual(snap.problems, []);
    assert.equal(snap.sysctls["net.ipv4.conf.all.arp_ignore"]?.value, "0");
    assert.ok(
      snap.unseen.some((u) =>
        u.startsWith(`${file} line 1: sysctl said "sysctl: permission denied`),
      ),
    );
  } finally {
    host.done();
  }
});
