import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { CORPUS, listFiles, readCorpus } from "../../../test/support/paths.js";
import { parseNetplan } from "./netplan.js";

const DIR = "config/netplan";
const parse = (name: string) => parseNetplan(readCorpus(`${DIR}/${name}`), `${DIR}/${name}`);
function bondOf(name: string, bond = "bond0") {
  const r = parse(name);
  assert.deepEqual(r.problems, [], name);
  const b = r.value.bonds.find((x) => x.name === bond);
  assert.ok(b, `${bond} not in ${name}`);
  return b;
}

test("parseNetplan reads the 802.3ad bond's lacp-rate with its line", () => {
  const b = bondOf("test-bond-8023ad-all-parameters-conflicting.yaml", "bn0");
  assert.equal(b.mode, "802.3ad");
  assert.equal(b.options.lacp_rate, "fast");
  assert.deepEqual(b.ev.lacp_rate, {
    file: `${DIR}/test-bond-8023ad-all-parameters-conflicting.yaml`,
    line: 12,
    text: "        lacp-rate: fast",
  });
});

test("parseNetplan maps every netplan parameter of the conflicting 802.3ad bond to kernel names", () => {
  const b = bondOf("test-bond-8023ad-all-parameters-conflicting.yaml", "bn0");
  assert.deepEqual(b.members, ["eno1", "switchports"]);
  assert.deepEqual(b.options, {
    mode: "802.3ad",
    lacp_rate: "fast",
    miimon: "10",
    min_links: "10", // more than its 2 members
    updelay: "20",
    downdelay: "30",
    all_slaves_active: "1",
    xmit_hash_policy: "none",
    ad_select: "none",
    arp_interval: "15", // ARP monitoring alongside miimon, which 802.3ad does not support
    arp_validate: "all",
    arp_all_targets: "all",
    fail_over_mac: "none",
    num_grat_arp: "10", // from the misspelled "gratuitious-arp"
    packets_per_slave: "10",
    primary_reselect: "none",
    resend_igmp: "10",
    lp_interval: "10",
    arp_ip_target: "10.10.10.10,20.20.20.20",
  });
  assert.equal(b.ev.num_grat_arp?.line, 24);
  assert.equal(b.ev.arp_ip_target?.line, 29);
});

test("parseNetplan converts time units 10ms, 20ms, 30s and 15m to milliseconds", () => {
  const b = bondOf("test-bond-8023ad-time-units.yaml", "bn0");
  assert.equal(b.options.miimon, "10");
  assert.equal(b.options.updelay, "20");
  assert.equal(b.options.downdelay, "30000");
  assert.equal(b.options.arp_interval, "900000");
  assert.equal(b.ev.arp_interval?.text, "        arp-interval: 15m");
});

test("parseNetplan reads the single-member bond with no parameters and fills in no default mode", () => {
  const b = bondOf("ctest-fixture-bond-single-member-no-parameters.yaml");
  assert.deepEqual(b.members, ["eth0"]);
  assert.equal(b.mode, undefined);
  assert.deepEqual(b.options, {});
  assert.equal(b.ev.members?.line, 10);
});

test("parseNetplan reads the official active-backup example's primary and mii-monitor-interval", () => {
  const b = bondOf("example-bonding-active-backup.yaml");
  assert.equal(b.mode, "active-backup");
  assert.equal(b.options.primary, "enp3s0");
  assert.equal(b.options.miimon, "100");
  assert.deepEqual(b.members, ["enp3s0", "enp4s0"]);
});

test("parseNetplan reads the three router bonds, their 1 ms miimon and the gratuitious-arp spelling", () => {
  const r = parse("example-bonding-router-three-bonds.yaml");
  assert.deepEqual(r.problems, []);
  assert.deepEqual(
    r.value.bonds.map((b) => [b.name, b.mode, b.members.join(","), b.options.miimon]),
    [
      ["bond-lan", "802.3ad", "enp2s0,enp3s0", "1"],
      ["bond-wan", "active-backup", "enp1s0,enp4s0", "1"],
      ["bond-conntrack", "balance-rr", "enp5s0,enp6s0", "1"],
    ],
  );
  assert.equal(r.value.bonds[1]?.options.num_grat_arp, "5");
  assert.deepEqual(
    r.value.addresses.map((a) => `${a.iface} ${a.address}/${a.prefix}`),
    ["bond-lan 192.168.93.2/24", "bond-wan 192.168.1.252/24", "bond-conntrack 192.168.254.2/24"],
  );
});

test("parseNetplan reads the balance-tlb bond's primary and ignores the VLAN and bridge", () => {
  const r = parse("test-bond-balance-tlb-primary-with-vlan-bridge.yaml");
  assert.equal(r.value.bonds.length, 1);
  const b = r.value.bonds[0];
  assert.equal(b?.mode, "balance-tlb");
  assert.equal(b?.options.primary, "enp65s0");
});

test("parseNetplan reads cloud-init's bond_v1/bond_v2 renderings as active-backup bond0 over bond0s0, bond0s1", () => {
  for (const f of [
    "cloudinit-bond-v1-rendered.yaml",
    "cloudinit-bond-v2-rendered.yaml",
    "cloudinit-bond-v2-input.yaml", // no "network:" wrapper
  ]) {
    const b = bondOf(f);
    assert.equal(b.mode, "active-backup", f);
    assert.deepEqual(b.members, ["bond0s0", "bond0s1"], f);
    // netplan keeps every option the v1 input gave, unlike the sysconfig and NM renderings.
    assert.equal(b.options.fail_over_mac, "active", f);
    assert.equal(b.options.miimon, "100", f);
    assert.equal(b.options.num_grat_arp, "5", f);
    assert.equal(b.options.primary_reselect, "always", f);
    const addrs = parse(f).value.addresses.map((a) => `${a.family} ${a.address}/${a.prefix}`);
    assert.deepEqual(addrs, ["inet 192.168.0.2/24", "inet 192.168.1.2/24", "inet6 2001:1::1/92"]);
  }
});

test("parseNetplan returns nothing and no problem for cloud-init's version 1 network config", () => {
  const rel = "config/cloud-init/cloudinit-bond-v1-input-network-config-v1.yaml";
  const r = parseNetplan(readCorpus(rel), rel);
  assert.deepEqual(r, { value: { bonds: [], addresses: [] }, problems: [] });
});

test("parseNetplan reads a DSR VIP on lo with a label, and keeps a MAC-matched member as its id with what it matches", () => {
  const text = [
    "network:",
    "  version: 2",
    "  ethernets:",
    "    lo:",
    "      addresses:",
    "        - 127.0.0.1/8",
    '        - "192.0.2.80/32":',
    "            label: lo:vip",
    "    nic0:",
    "      match: {macaddress: 00:1B:21:0A:0B:0C}",
    "  bonds:",
    "    bond1: {interfaces: [nic0]}",
  ].join("\n");
  const r = parseNetplan(text, "vip.yaml");
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.value.addresses[1], {
    iface: "lo",
    label: "lo:vip",
    family: "inet",
    address: "192.0.2.80",
    prefix: 32,
    format: "netplan",
    source: { file: "vip.yaml", line: 7, text: '        - "192.0.2.80/32":' },
  });
  assert.deepEqual(r.value.bonds[0]?.members, ["nic0"]);
  assert.deepEqual(r.value.bonds[0]?.memberMatch, { nic0: { mac: "00:1b:21:0a:0b:0c" } });
});

test("parseNetplan reports YAML errors, bad times and unknown versions with their lines", () => {
  assert.equal(
    parseNetplan("network:\n  bonds:\n    b: [\n", "bad.yaml").problems.length > 0,
    true,
  );
  const dup = parseNetplan("network:\n  version: 2\n  version: 2\n", "dup.yaml");
  assert.equal(dup.problems[0]?.line, 3);
  const v3 = parseNetplan("network:\n  version: 3\n", "v3.yaml");
  assert.equal(v3.problems[0]?.line, 2);
  const t = parseNetplan(
    "network:\n  bonds:\n    b:\n      parameters:\n        up-delay: soon\n",
    "t.yaml",
  );
  assert.equal(t.problems[0]?.line, 5);
  assert.equal(t.value.bonds[0]?.options.updelay, undefined);
});

test("parseNetplan never throws on any corpus netplan or cloud-init file", () => {
  for (const dir of [DIR, "config/cloud-init"]) {
    for (const f of listFiles(join(CORPUS, dir))) {
      assert.doesNotThrow(() => parseNetplan(readCorpus(`${dir}/${f}`), f));
    }
  }
});
