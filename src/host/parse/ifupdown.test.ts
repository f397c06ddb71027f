import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { CORPUS, listFiles, readCorpus } from "../../../test/support/paths.js";
import { parseInterfaces } from "./ifupdown.js";

const DIR = "config/ifupdown";
const parse = (name: string) => parseInterfaces(readCorpus(`${DIR}/${name}`), `${DIR}/${name}`);
const summary = (name: string) =>
  parse(name).value.bonds.map(
    (b) => `${b.name} ${b.mode} ${b.members.join(",")} miimon=${b.options.miimon}`,
  );

test("parseInterfaces reads Proxmox 2015's three balance-alb bonds in the old underscore syntax", () => {
  const name = "proxmox-2015-balance-alb-three-bonds-old-underscore-syntax.interfaces";
  const r = parse(name);
  assert.deepEqual(r.problems, []);
  assert.deepEqual(summary(name), [
    "bond0 balance-alb eth0,eth1 miimon=100", // declared without an "auto bond0" line
    "bond1 balance-alb eth2,eth3 miimon=100",
    "bond2 balance-alb eth4,eth5 miimon=100",
  ]);
  const b1 = r.value.bonds[1];
  const file = `${DIR}/${name}`;
  assert.deepEqual(b1?.ev.members, { file, line: 26, text: "\tslaves eth2 eth3" });
  assert.deepEqual(b1?.ev.mode, { file, line: 28, text: "\tbond_mode balance-alb" });
  assert.deepEqual(b1?.ev.name, { file, line: 23, text: "iface bond1 inet static" });
});

test("parseInterfaces reads address plus netmask as a prefix and skips the 0.0.0.0 VLAN placeholders", () => {
  const r = parse("proxmox-2015-balance-alb-three-bonds-old-underscore-syntax.interfaces");
  assert.deepEqual(
    r.value.addresses.map((a) => `${a.iface} ${a.address}/${a.prefix} @${a.source.line}`),
    ["bond1 10.10.10.13/24 @24", "vmbr0 192.168.100.13/24 @55", "vlan6 10.10.11.13/24 @64"],
  );
});

test("parseInterfaces reads the same Proxmox bonds from the 2025 ifupdown2 dash syntax", () => {
  const name = "proxmox-2025-balance-alb-three-bonds-dash-syntax.interfaces";
  assert.deepEqual(parse(name).problems, []);
  assert.deepEqual(
    summary(name),
    summary("proxmox-2015-balance-alb-three-bonds-old-underscore-syntax.interfaces"),
  );
  assert.equal(parse(name).value.addresses[0]?.prefix, 24); // "address 10.10.10.13/24"
});

test("parseInterfaces reads cloud-init's bond_v1 ENI: members from bond-master, bond-slaves none on bond0", () => {
  const name = "cloudinit-bond-v1-rendered.interfaces";
  const r = parse(name);
  assert.deepEqual(r.problems, []);
  assert.equal(r.value.bonds.length, 1);
  const b = r.value.bonds[0];
  assert.equal(b?.name, "bond0");
  assert.equal(b?.mode, "active-backup");
  assert.deepEqual(b?.members, ["bond0s0", "bond0s1"]);
  const file = `${DIR}/${name}`;
  assert.deepEqual(b?.ev.members, { file, line: 8, text: "    bond-master bond0" });
  // The bond's own stanza wins over the copies repeated on each member.
  assert.deepEqual(b?.ev.mode, { file, line: 37, text: "    bond-mode active-backup" });
  assert.deepEqual(b?.options, {
    downdelay: "10",
    fail_over_mac: "active",
    miimon: "100",
    mode: "active-backup",
    num_grat_arp: "5",
    primary: "bond0s0",
    primary_reselect: "always",
    updelay: "20",
    xmit_hash_policy: "layer3+4",
  });
});

test("parseInterfaces reads the control-alias stanzas' extra IPv4 and IPv6 addresses of bond0", () => {
  assert.deepEqual(
    parse("cloudinit-bond-v1-rendered.interfaces").value.addresses.map(
      (a) => `${a.iface} ${a.family} ${a.address}/${a.prefix}`,
    ),
    ["bond0 inet 192.168.0.2/24", "bond0 inet 192.168.1.2/24", "bond0 inet6 2001:1::1/92"],
  );
});

test("parseInterfaces reads bond_v2's mixed bond_miimon (underscore) as miimon", () => {
  const r = parse("cloudinit-bond-v2-rendered.interfaces");
  const b = r.value.bonds[0];
  assert.equal(b?.options.miimon, "100");
  assert.equal(b?.ev.miimon?.text, "    bond_miimon 100");
  assert.deepEqual(b?.members, ["bond0s0", "bond0s1"]);
});

test("parseInterfaces reads ifupdown-ng's 'use bond' with 'requires' members, not the bridge's requires", () => {
  const r = parse("ifupdown-ng-bonded-bridge.interfaces");
  assert.deepEqual(r.problems, []);
  assert.equal(r.value.bonds.length, 1);
  const b = r.value.bonds[0];
  assert.equal(b?.name, "bond0");
  assert.equal(b?.mode, "802.3ad");
  assert.equal(b?.options.xmit_hash_policy, "layer2+3");
  assert.deepEqual(b?.members, ["eth0", "eth1"]);
  assert.equal(b?.ev.members?.line, 4);
  assert.deepEqual(
    r.value.addresses.map((a) => `${a.iface} ${a.family} ${a.address}/${a.prefix}`),
    ["br0 inet 203.0.113.2/24", "br0 inet6 2001:db8:1000:2::2/64"],
  );
});

test("parseInterfaces reads ifupdown-ng's bond-members and bond-min-links", () => {
  const r = parse("ifupdown-ng-doc-lacp-bond-members.interfaces");
  assert.deepEqual(r.problems, []);
  const b = r.value.bonds[0];
  assert.deepEqual(b?.members, ["eth0", "eth1"]);
  assert.equal(b?.mode, "802.3ad");
  assert.equal(b?.options.min_links, "1");
  assert.equal(b?.options.xmit_hash_policy, "layer3+4");
  assert.equal(r.value.addresses.length, 2);
});

test("parseInterfaces reports the ifupdown-ng ifstate file as not interfaces syntax, without throwing", () => {
  const r = parse("ifupdown-ng-bonded-bridge.ifstate");
  assert.deepEqual(r.value, { bonds: [], addresses: [] });
  assert.deepEqual(
    r.problems.map((p) => p.line),
    [1, 2, 3, 4],
  );
});

test("parseInterfaces reads a DSR VIP on lo:0, ignores source lines and maps ifupdown2 names", () => {
  const text = [
    "source /etc/network/interfaces.d/*",
    "source-directory interfaces.d",
    "auto lo lo:0",
    "iface lo inet loopback",
    "iface lo:0 inet static",
    "    address 192.0.2.80",
    "    netmask 255.255.255.255",
    "iface bond3 inet manual",
    "    bond-slaves eno1 \\",
    "        eno2",
    "    bond-lacp-rate 1",
    "    bond-ad-sys-priority 100",
    "    bond-arp-ip-target 10.0.0.1 10.0.0.2",
  ].join("\n");
  const r = parseInterfaces(text, "interfaces");
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.value.addresses, [
    {
      iface: "lo",
      label: "lo:0",
      family: "inet",
      address: "192.0.2.80",
      prefix: 32,
      format: "ifupdown",
      source: { file: "interfaces", line: 6, text: "    address 192.0.2.80" },
    },
  ]);
  const b = r.value.bonds[0];
  assert.deepEqual(b?.members, ["eno1", "eno2"]);
  assert.equal(b?.options.lacp_rate, "fast");
  assert.equal(b?.options.ad_actor_sys_prio, "100");
  assert.equal(b?.options.arp_ip_target, "10.0.0.1,10.0.0.2");
});

test("parseInterfaces reports options outside a stanza and bad netmasks with their lines", () => {
  const r = parseInterfaces(
    "address 10.0.0.1\niface eth0 inet static\n  address 10.0.0.2\n  netmask 255.0.255.0\n",
    "i",
  );
  assert.deepEqual(
    r.problems.map((p) => p.line),
    [1, 4],
  );
  assert.equal(r.value.addresses[0]?.prefix, undefined);
});

test("parseInterfaces never throws on any corpus ifupdown file", () => {
  for (const f of listFiles(join(CORPUS, DIR))) assert.doesNotThrow(() => parse(f));
});
