import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { CORPUS, listFiles, readCorpus } from "../../../test/support/paths.js";
import { parseNmConnectionSet } from "./nmconnection.js";

const DIR = "config/networkmanager";
function load(folder: string) {
  const rel = `${DIR}/${folder}`;
  return listFiles(join(CORPUS, rel)).map((f) => ({
    file: `${rel}/${f}`,
    text: readCorpus(`${rel}/${f}`),
  }));
}

test("parseNmConnectionSet reads cloud-init's bond_v1 keyfile as active-backup bond0 with kernel option names", () => {
  const r = parseNmConnectionSet(load("cloudinit-bond-v1"));
  assert.deepEqual(r.problems, []);
  assert.equal(r.value.bonds.length, 1);
  const b = r.value.bonds[0];
  assert.ok(b);
  assert.equal(b.name, "bond0");
  assert.equal(b.kind, "bond");
  assert.equal(b.mode, "active-backup");
  assert.deepEqual(b.options, {
    mode: "active-backup",
    xmit_hash_policy: "layer3+4",
    num_grat_arp: "5",
    downdelay: "10",
    updelay: "20",
    fail_over_mac: "active",
    primary_reselect: "always",
    primary: "bond0s0",
  });
  const file = `${DIR}/cloudinit-bond-v1/cloud-init-bond0.nmconnection`;
  assert.deepEqual(b.ev.mode, { file, line: 14, text: "mode=active-backup" });
  assert.deepEqual(b.ev.name, { file, line: 8, text: "interface-name=bond0" });
});

test("parseNmConnectionSet resolves ports that name their master by UUID, and names them by MAC", () => {
  const b = parseNmConnectionSet(load("cloudinit-bond-v1")).value.bonds[0];
  // Unlike the other renderings (bond0s0, bond0s1), cloud-init's NM ports have no
  // interface-name: they match aa:bb:cc:dd:e8:00/01, the MACs of bond0s0/bond0s1.
  assert.deepEqual(b?.members, ["aa:bb:cc:dd:e8:00", "aa:bb:cc:dd:e8:01"]);
  assert.deepEqual(b?.ev.members, {
    file: `${DIR}/cloudinit-bond-v1/cloud-init-bond0s0.nmconnection`,
    line: 9,
    text: "master=54317911-f840-516b-a10d-82cb4c1f075c",
  });
  assert.equal(
    b?.ev["member:aa:bb:cc:dd:e8:01"]?.file.endsWith("cloud-init-bond0s1.nmconnection"),
    true,
  );
});

test("parseNmConnectionSet shows the NM renderings dropped miimon (both) and the hash policy (bond_v2)", () => {
  const v1 = parseNmConnectionSet(load("cloudinit-bond-v1")).value.bonds[0];
  const v2 = parseNmConnectionSet(load("cloudinit-bond-v2")).value.bonds[0];
  // The inputs ask for miimon 100; ifcfg, netplan and ENI renderings keep it, the keyfiles do not.
  assert.equal(v1?.options.miimon, undefined);
  assert.equal(v2?.options.miimon, undefined);
  assert.equal(v2?.options.xmit_hash_policy, undefined);
  assert.equal(v2?.mode, "active-backup");
  assert.equal(v2?.options.fail_over_mac, "active");
});

test("parseNmConnectionSet reads addressN from [ipv4] and [ipv6] with their prefixes and lines", () => {
  const lines = { "cloudinit-bond-v1": [26, 29, 34], "cloudinit-bond-v2": [25, 28, 35] };
  for (const [folder, [a, b, c]] of Object.entries(lines)) {
    const got = parseNmConnectionSet(load(folder)).value.addresses.map(
      (x) => `${x.iface} ${x.family} ${x.address}/${x.prefix} @${x.source.line}`,
    );
    assert.deepEqual(got, [
      `bond0 inet 192.168.0.2/24 @${a}`,
      `bond0 inet 192.168.1.2/24 @${b}`,
      `bond0 inet6 2001:1::1/92 @${c}`,
    ]);
  }
});

test("parseNmConnectionSet reads a team's JSON config and ports that use controller=/port-type=", () => {
  const team = [
    "[connection]",
    "id=team0",
    "uuid=aaaaaaaa-0000-0000-0000-000000000001",
    "type=team",
    "interface-name=team0",
    "",
    "[team]",
    'config={"runner": {"name": "activebackup"}, "link_watch": {"name": "ethtool"}}',
  ].join("\n");
  const port =
    "[connection]\nid=p1\ntype=ethernet\ninterface-name=eth3\ncontroller=team0\nport-type=team\n";
  const r = parseNmConnectionSet([
    { file: "team0.nmconnection", text: team },
    { file: "p1.nmconnection", text: port },
  ]);
  assert.deepEqual(r.problems, []);
  const t = r.value.bonds[0];
  assert.equal(t?.kind, "team");
  assert.equal(t?.mode, "active-backup");
  assert.equal(t?.options.runner, "activebackup");
  assert.equal(t?.options.link_watch, "ethtool");
  assert.deepEqual(t?.members, ["eth3"]);
  assert.equal(t?.ev.members?.text, "controller=team0");
});

test("parseNmConnectionSet never stores or quotes secrets such as psk= and password=", () => {
  const text = [
    "[connection]",
    "id=b",
    "type=bond",
    "interface-name=bond1",
    "[bond]",
    "mode=802.3ad",
    "lacp_rate=1",
    "password=hunter2-bond",
    "[wifi-security]",
    "psk=hunter2-psk",
    "[802-1x]",
    "hunter2-broken-line",
  ].join("\n");
  const r = parseNmConnectionSet([{ file: "b.nmconnection", text }]);
  const all = JSON.stringify(r) + r.problems.map((p) => `${p.message} ${p.text}`).join(" ");
  assert.doesNotMatch(all, /hunter2/);
  assert.equal(r.problems.length, 1); // the broken line, reported without its text
  assert.equal(r.problems[0]?.line, 12);
  assert.equal(r.value.bonds[0]?.options.lacp_rate, "fast");
  assert.equal(r.value.bonds[0]?.mode, "802.3ad");
});

test("parseNmConnectionSet reports a port whose controller no keyfile defines", () => {
  const r = parseNmConnectionSet([
    {
      file: "p.nmconnection",
      text: "[connection]\nid=p\ntype=ethernet\nmaster=bond7\nslave-type=bond\n",
    },
  ]);
  assert.deepEqual(r.value.bonds, []);
  assert.equal(r.problems[0]?.line, 4);
  assert.equal(r.problems[0]?.reason, "port refers to bond7, which no keyfile defines");
});

test("parseNmConnectionSet never throws on any corpus keyfile, alone or with its folder", () => {
  for (const f of listFiles(join(CORPUS, DIR))) {
    assert.doesNotThrow(() => parseNmConnectionSet([{ file: f, text: readCorpus(`${DIR}/${f}`) }]));
  }
  for (const folder of ["cloudinit-bond-v1", "cloudinit-bond-v2"]) {
    assert.doesNotThrow(() => parseNmConnectionSet(load(folder)));
  }
});
