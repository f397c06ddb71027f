import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { CORPUS, listFiles, readCorpus } from "../../../test/support/paths.js";
import { parseIfcfgSet } from "./ifcfg.js";

const DIR = "config/ifcfg";
/** Every file of one corpus folder, or just the named ones. */
function load(folder: string, names?: string[]) {
  const rel = `${DIR}/${folder}`;
  const files = names ?? listFiles(join(CORPUS, rel));
  return files.map((f) => ({ file: `${rel}/${f}`, text: readCorpus(`${rel}/${f}`) }));
}
const only = (folder: string, ...names: string[]) => parseIfcfgSet(load(folder, names));
const bondOf = (r: ReturnType<typeof parseIfcfgSet>, name: string) => {
  const b = r.value.bonds.find((x) => x.name === name);
  assert.ok(b, `${name} not found`);
  return b;
};

test("parseIfcfgSet reads cloud-init's bond_v1 RHEL rendering as active-backup bond0 over bond0s0 and bond0s1", () => {
  const r = parseIfcfgSet(load("cloudinit-bond-v1-rhel"));
  assert.deepEqual(r.problems, []);
  assert.equal(r.value.bonds.length, 1);
  const b = bondOf(r, "bond0");
  assert.equal(b.kind, "bond");
  assert.equal(b.mode, "active-backup");
  assert.deepEqual(b.members, ["bond0s0", "bond0s1"]);
  assert.deepEqual(b.options, {
    mode: "active-backup",
    miimon: "100",
    downdelay: "10",
    updelay: "20",
    primary: "bond0s0",
  });
  const file = `${DIR}/cloudinit-bond-v1-rhel/ifcfg-bond0`;
  assert.deepEqual(b.ev.miimon, {
    file,
    line: 2,
    text: 'BONDING_OPTS="mode=active-backup miimon=100 downdelay=10 updelay=20 primary=bond0s0"',
  });
  assert.deepEqual(b.ev.members, { file, line: 3, text: "BONDING_SLAVE0=bond0s0" });
  assert.deepEqual(b.ev.name, { file, line: 7, text: "DEVICE=bond0" });
});

test("parseIfcfgSet finds the same bond0 in cloud-init's bond_v1 SUSE rendering (BONDING_MODULE_OPTS, BONDING_SLAVE_0)", () => {
  const r = parseIfcfgSet(load("cloudinit-bond-v1-suse"));
  assert.deepEqual(r.problems, []);
  const b = bondOf(r, "bond0");
  assert.equal(b.mode, "active-backup");
  assert.deepEqual(b.members, ["bond0s0", "bond0s1"]);
  assert.equal(b.ev.members?.text, "BONDING_SLAVE_0=bond0s0");
  assert.equal(b.ev.mode?.text.startsWith("BONDING_MODULE_OPTS="), true);
  // Drift: the v1 input asks for fail_over_mac active, xmit_hash_policy, num_grat_arp and
  // primary_reselect; both sysconfig renderings of bond_v1 drop them (bond_v2 keeps them).
  for (const lost of ["fail_over_mac", "xmit_hash_policy", "num_grat_arp", "primary_reselect"])
    assert.equal(b.options[lost], undefined, lost);
});

test("parseIfcfgSet keeps fail_over_mac, primary_reselect and the hash policy in the bond_v2 renderings", () => {
  for (const folder of ["cloudinit-bond-v2-rhel", "cloudinit-bond-v2-suse"]) {
    const r = parseIfcfgSet(load(folder));
    assert.deepEqual(r.problems, [], folder);
    const b = bondOf(r, "bond0");
    assert.deepEqual(b.members, ["bond0s0", "bond0s1"], folder);
    assert.equal(b.options.fail_over_mac, "active");
    assert.equal(b.options.primary_reselect, "always");
    assert.equal(b.options.xmit_hash_policy, "layer3+4");
    assert.equal(b.options.num_grat_arp, "5");
  }
});

test("parseIfcfgSet reads IPADDR/NETMASK pairs, IPADDR1/NETMASK1 and the IPv6 address of bond0", () => {
  for (const folder of ["cloudinit-bond-v1-rhel", "cloudinit-bond-v1-suse"]) {
    const got = parseIfcfgSet(load(folder)).value.addresses.map(
      (a) => `${a.iface} ${a.family} ${a.address}/${a.prefix}`,
    );
    assert.deepEqual(got, [
      "bond0 inet 192.168.0.2/24",
      "bond0 inet 192.168.1.2/24",
      "bond0 inet6 2001:1::1/92",
    ]);
  }
});

test("parseIfcfgSet reads the libteam roundrobin team and its TeamPort members", () => {
  const r = parseIfcfgSet(load("libteam-example-1"));
  assert.deepEqual(r.problems, []);
  const t = bondOf(r, "team_test0");
  assert.equal(t.kind, "team");
  assert.equal(t.options.runner, "roundrobin");
  assert.equal(t.mode, "balance-rr");
  assert.deepEqual(t.members, ["eth1", "eth2"]);
  assert.equal(t.ev.members?.text, 'TEAM_MASTER="team_test0"');
  assert.equal(r.value.addresses[0]?.address, "192.168.23.11");
  assert.equal(r.value.addresses[0]?.prefix, 24);
});

test("parseIfcfgSet reads the LACP team's fast rate, tx_hash and link watch from TEAM_CONFIG with a TAB", () => {
  const r = parseIfcfgSet(load("libteam-example-2"));
  assert.deepEqual(r.problems, []);
  const t = bondOf(r, "team_test0");
  assert.equal(t.mode, "802.3ad");
  assert.equal(t.options.runner, "lacp");
  assert.equal(t.options.lacp_rate, "fast");
  assert.equal(t.options.lacp_active, "1");
  assert.equal(t.options.tx_hash, "eth,ipv4,ipv6");
  assert.equal(t.options.link_watch, "ethtool");
  assert.equal(t.ev.lacp_rate?.line, 7);
});

test("parseIfcfgSet reads the activebackup team with an arp_ping link watch", () => {
  const t = bondOf(parseIfcfgSet(load("libteam-example-3")), "team_test0");
  assert.equal(t.mode, "active-backup");
  assert.equal(t.options.link_watch, "arp_ping");
  assert.deepEqual(t.members, ["eth1", "eth2"]);
});

test("parseIfcfgSet reads NetworkManager's written bond with updelay/downdelay and PREFIX", () => {
  const r = only("networkmanager-tests", "ifcfg-Test_Write_Bond_Main.cexpected");
  assert.deepEqual(r.problems, []);
  const b = bondOf(r, "bond0");
  assert.equal(b.mode, "balance-rr");
  assert.deepEqual(b.options, { mode: "balance-rr", downdelay: "5", miimon: "100", updelay: "10" });
  assert.equal(r.value.addresses[0]?.address, "1.1.1.3");
  assert.equal(r.value.addresses[0]?.prefix, 24);
});

test("parseIfcfgSet treats TYPE=Ethernet with BONDING_MASTER=yes as a bond and normalises mode=4 lacp_rate=1", () => {
  const b = bondOf(only("networkmanager-tests", "ifcfg-test-bond-eth-type"), "bond0");
  assert.equal(b.mode, "802.3ad");
  assert.equal(b.options.lacp_rate, "fast");
  assert.equal(b.options.miimon, "213");
});

test("parseIfcfgSet turns the numeric mode=4 into 802.3ad", () => {
  const b = bondOf(only("networkmanager-tests", "ifcfg-test-bond-mode-numeric"), "bond0");
  assert.equal(b.mode, "802.3ad");
  assert.equal(b.options.mode, "802.3ad");
});

test("parseIfcfgSet leaves the mode unset when BONDING_OPTS gives only miimon", () => {
  const b = bondOf(only("networkmanager-tests", "ifcfg-test-bond-main"), "bond0");
  assert.equal(b.mode, undefined);
  assert.deepEqual(b.options, { miimon: "100" });
});

test("parseIfcfgSet reports a port whose MASTER=bond99 no ifcfg file defines", () => {
  const r = only("networkmanager-tests", "ifcfg-test-bond-port");
  assert.deepEqual(r.value.bonds, []);
  assert.equal(r.problems.length, 1);
  assert.equal(r.problems[0]?.line, 7);
  assert.equal(r.problems[0]?.text, "MASTER=bond99");
  assert.equal(r.problems[0]?.reason, "port refers to bond99, which no ifcfg file defines");
});

test("parseIfcfgSet counts MASTER=bond0 without SLAVE=yes, and an InfiniBand port, as members", () => {
  const r = only(
    "networkmanager-tests",
    "ifcfg-test-bond-main",
    "ifcfg-test-bond-port-bond0",
    "ifcfg-test-bond-port-ib",
  );
  assert.deepEqual(r.problems, []);
  assert.deepEqual(bondOf(r, "bond0").members, ["eth0", "ib0"]);
});

test("parseIfcfgSet reads team controllers with and without DEVICETYPE=Team", () => {
  for (const f of ["ifcfg-test-team-controller-1", "ifcfg-test-team-controller-2"]) {
    const t = bondOf(only("networkmanager-tests", f), "team0");
    assert.equal(t.kind, "team", f);
    assert.equal(t.options.link_watch, "ethtool", f);
    assert.equal(t.options.runner, undefined, f); // no runner given: teamd's default applies
  }
});

test("parseIfcfgSet reports the invalid TEAM_CONFIG JSON with its line and still records team0", () => {
  const r = only("networkmanager-tests", "ifcfg-test-team-controller-invalid");
  assert.equal(bondOf(r, "team0").kind, "team");
  assert.equal(r.problems.length, 1);
  assert.equal(r.problems[0]?.line, 4);
  assert.match(r.problems[0]?.reason ?? "", /not valid JSON/);
});

test("parseIfcfgSet joins team ports with or without DEVICETYPE=TeamPort or TEAM_PORT_CONFIG", () => {
  for (const port of [
    "ifcfg-test-team-port-1",
    "ifcfg-test-team-port-2",
    "ifcfg-test-team-port-empty-config",
  ]) {
    const r = only("networkmanager-tests", "ifcfg-test-team-controller-1", port);
    assert.deepEqual(r.problems, [], port);
    assert.deepEqual(bondOf(r, "team0").members, ["p4p1"], port);
  }
});

test("parseIfcfgSet reports team ports whose team is not defined, including the VLAN port of team142", () => {
  const r = only(
    "networkmanager-tests",
    "ifcfg-Test_Write_Team_Port.cexpected",
    "ifcfg-team-port-enp31s0f1-142.cexpected",
  );
  assert.deepEqual(
    r.problems.map((p) => [p.line, p.text]),
    [
      [5, "TEAM_MASTER=team0"],
      [12, "TEAM_MASTER=team142"],
    ],
  );
});

test("parseIfcfgSet reads wicked's BONDING_SLAVE_N, quoted BONDING_MODULE_OPTS and CIDR IPADDR", () => {
  const r = parseIfcfgSet(load("wicked-doc-bonding-active-backup"));
  assert.deepEqual(r.problems, []);
  const b = bondOf(r, "bond0");
  assert.equal(b.mode, "active-backup");
  assert.equal(b.options.miimon, "100");
  assert.deepEqual(b.members, ["eth0", "eth1"]);
  assert.deepEqual(
    r.value.addresses.map((a) => `${a.iface} ${a.address}/${a.prefix}`),
    ["bond0 192.168.0.1/24"],
  );
});

test("parseIfcfgSet reads wicked's team variables: TEAM_RUNNER, TEAM_PORT_DEVICE_N, link watches", () => {
  const r = parseIfcfgSet(load("wicked-doc-team-loadbalance"));
  assert.deepEqual(r.problems, []);
  const t = bondOf(r, "team0");
  assert.equal(t.options.runner, "loadbalance");
  assert.deepEqual(t.members, ["eth1", "eth2"]);
  assert.equal(t.options.tx_hash, "ipv4,ipv6,eth,vlan");
  assert.equal(t.options.link_watch, "ethtool,nsna_ping");
  assert.deepEqual(r.value.addresses, []); // IPADDR is commented out
});

test("parseIfcfgSet reads a DSR VIP on ifcfg-lo:0 as an address labelled lo:0 with prefix 32", () => {
  const text = "DEVICE=lo:0\nIPADDR=192.0.2.80\nNETMASK=255.255.255.255\nONBOOT=yes\n";
  const r = parseIfcfgSet([{ file: "ifcfg-lo:0", text }]);
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.value.addresses, [
    {
      iface: "lo",
      label: "lo:0",
      family: "inet",
      address: "192.0.2.80",
      prefix: 32,
      format: "ifcfg",
      source: { file: "ifcfg-lo:0", line: 2, text: "IPADDR=192.0.2.80" },
    },
  ]);
});

test("parseIfcfgSet reports bad lines, unclosed quotes and duplicate masters without throwing", () => {
  const r = parseIfcfgSet([
    {
      file: "ifcfg-bond0",
      text: 'DEVICE=bond0\nTYPE=Bond\nthis is not shell\nBONDING_OPTS="miimon=abc\n',
    },
    { file: "ifcfg-bond0.bak", text: "DEVICE=bond0\nTYPE=Bond\n" },
    { file: "ifcfg-other", text: "DEVICE=bond0\nBONDING_MASTER=yes\nBONDING_OPTS='mode=1 junk'\n" },
  ]);
  assert.deepEqual(
    r.problems.map((p) => `${p.file}:${p.line}`),
    ["ifcfg-bond0:3", "ifcfg-bond0:4", "ifcfg-bond0:4", "ifcfg-other:3", "ifcfg-other:1"],
  );
  assert.equal(r.value.bonds.length, 1); // the .bak copy is skipped, the duplicate reported
});

test("parseIfcfgSet never throws on any corpus ifcfg folder or file", () => {
  const folders = new Set(listFiles(join(CORPUS, DIR)).map((f) => f.split("/")[0] ?? ""));
  for (const folder of folders) {
    assert.doesNotThrow(() => parseIfcfgSet(load(folder)));
  }
  for (const f of listFiles(join(CORPUS, DIR))) {
    assert.doesNotThrow(() => parseIfcfgSet([{ file: f, text: readCorpus(`${DIR}/${f}`) }]));
  }
});
