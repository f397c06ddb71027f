import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { CORPUS, listFiles, readCorpus } from "../../../test/support/paths.js";
import { parseNetplan } from "./netplan.js";
import { parseNetworkdSet } from "./networkd.js";

const DIR = "config/networkd";
const corpus = (...names: string[]) =>
  names.map((n) => ({ file: `${DIR}/${n}`, text: readCorpus(`${DIR}/${n}`) }));
const BOND199 = { file: "10-bond199.netdev", text: "[NetDev]\nName=bond199\nKind=bond\n" };
function one(...names: string[]) {
  const r = parseNetworkdSet(corpus(...names));
  assert.deepEqual(r.problems, [], names.join(" "));
  assert.equal(r.value.bonds.length, 1);
  const b = r.value.bonds[0];
  assert.ok(b);
  return b;
}

test("parseNetworkdSet reads the 802.3ad .netdev's seconds as milliseconds, with each line", () => {
  const b = one("25-bond.netdev");
  assert.equal(b.name, "bond99");
  assert.equal(b.mode, "802.3ad");
  assert.deepEqual(b.options, {
    mode: "802.3ad",
    xmit_hash_policy: "layer3+4",
    miimon: "1000",
    lacp_rate: "fast",
    updelay: "2000",
    downdelay: "2000",
    resend_igmp: "4",
    min_links: "1",
  });
  assert.deepEqual(b.ev.miimon, {
    file: `${DIR}/25-bond.netdev`,
    line: 8,
    text: "MIIMonitorSec=1s",
  });
  assert.deepEqual(b.ev.name, { file: `${DIR}/25-bond.netdev`, line: 2, text: "Name=bond99" });
});

test("parseNetworkdSet leaves miimon unset for the 802.3ad bond without MIIMonitorSec", () => {
  const b = one("21-bond-802.3ad.netdev");
  assert.deepEqual(b.options, { mode: "802.3ad", xmit_hash_policy: "layer3+4" });
});

test("parseNetworkdSet reads DynamicTransmitLoadBalancing as tlb_dynamic_lb=1", () => {
  const b = one("25-bond-balanced-tlb.netdev");
  assert.equal(b.mode, "balance-tlb");
  assert.equal(b.options.tlb_dynamic_lb, "1");
  assert.equal(b.options.miimon, undefined);
});

test("parseNetworkdSet reads FailOverMACPolicy=active and MIIMonitorSec=1s", () => {
  const b = one("25-bond-fail-over-mac.netdev");
  assert.equal(b.mode, "active-backup");
  assert.equal(b.options.fail_over_mac, "active");
  assert.equal(b.options.miimon, "1000");
  assert.equal(b.ev.fail_over_mac?.line, 8);
});

test("parseNetworkdSet reads ARPMissedMax with no ARP interval and primary_reselect always", () => {
  const b = one("25-bond-property.netdev");
  assert.equal(b.options.primary_reselect, "always");
  assert.equal(b.options.arp_missed_max, "10");
  assert.equal(b.options.arp_interval, undefined);
  assert.equal(b.options.arp_ip_target, undefined);
});

test("parseNetworkdSet reads netplan's generated .netdev with every parameter", () => {
  const b = one("netplan-generated-bn0-all-parameters.netdev");
  assert.equal(b.options.miimon, "10");
  assert.equal(b.options.arp_interval, "15");
  assert.equal(b.options.arp_ip_target, "10.10.10.10,20.20.20.20");
  assert.equal(b.options.all_slaves_active, "1");
  assert.equal(b.options.num_grat_arp, "10");
  assert.equal(b.options.min_links, "10");
  assert.equal(b.options.lp_interval, "10"); // seconds, as the kernel counts it
});

test("parseNetworkdSet and parseNetplan agree on the time-units bond netplan generated", () => {
  const nd = one("netplan-generated-bn0-time-units.netdev");
  const rel = "config/netplan/test-bond-8023ad-time-units.yaml";
  const np = parseNetplan(readCorpus(rel), rel).value.bonds[0];
  assert.deepEqual(nd.options, {
    mode: "802.3ad",
    miimon: "10",
    arp_interval: "900000",
    updelay: "20",
    downdelay: "30000",
  });
  for (const [k, v] of Object.entries(nd.options)) assert.equal(np?.options[k], v, k);
});

test("parseNetworkdSet takes members from .network Bond= and PrimarySlave= as the bond's primary", () => {
  const r = parseNetworkdSet([BOND199, ...corpus("23-primary-slave.network")]);
  assert.deepEqual(r.problems, []);
  const b = r.value.bonds[0];
  assert.deepEqual(b?.members, ["dummy98"]);
  assert.deepEqual(b?.ev.members, {
    file: `${DIR}/23-primary-slave.network`,
    line: 6,
    text: "Bond=bond199",
  });
  assert.equal(b?.options.primary, "dummy98");
  assert.deepEqual(b?.ev.primary, {
    file: `${DIR}/23-primary-slave.network`,
    line: 7,
    text: "PrimarySlave=true",
  });
});

test("parseNetworkdSet applies only the first .network matching dummy98 (ActiveSlave, not PrimarySlave)", () => {
  const r = parseNetworkdSet([
    BOND199,
    ...corpus("23-primary-slave.network", "23-active-slave.network"),
  ]);
  const b = r.value.bonds[0];
  assert.equal(b?.options.active_slave, "dummy98");
  assert.equal(b?.options.primary, undefined);
  assert.deepEqual(b?.members, ["dummy98"]);
});

test("parseNetworkdSet reads the bond's static Address= and does not take BindCarrier= links as members", () => {
  const r = parseNetworkdSet(corpus("25-bond.netdev", "25-bond99.network"));
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.value.bonds[0]?.members, []);
  assert.deepEqual(r.value.addresses, [
    {
      iface: "bond99",
      family: "inet",
      address: "192.168.123.45",
      prefix: 24,
      format: "networkd",
      source: { file: `${DIR}/25-bond99.network`, line: 7, text: "Address=192.168.123.45/24" },
    },
  ]);
});

test("parseNetworkdSet reads a bond .network with only [Link] MACAddress as nothing at all", () => {
  assert.deepEqual(parseNetworkdSet(corpus("23-bond199.network")), {
    value: { bonds: [], addresses: [] },
    problems: [],
  });
});

test("parseNetworkdSet reports duplicate .netdev names and ports of undefined bonds across the corpus", () => {
  const files = listFiles(join(CORPUS, DIR));
  const r = parseNetworkdSet(corpus(...files));
  assert.deepEqual(
    r.value.bonds.map((b) => `${b.name} ${b.file.split("/").pop()}`),
    [
      "bond99 21-bond-802.3ad.netdev",
      "bond98 25-bond-balanced-tlb.netdev",
      "bond97 25-bond-property.netdev",
      "bn0 netplan-generated-bn0-all-parameters.netdev",
    ],
  );
  assert.deepEqual(
    r.problems.map((p) => `${p.file.split("/").pop()}:${p.line}`),
    [
      "25-bond-fail-over-mac.netdev:3",
      "25-bond.netdev:2",
      "netplan-generated-bn0-time-units.netdev:2",
      "23-active-slave.network:5", // bond199 has no .netdev here; 23-primary-slave is shadowed
    ],
  );
});

test("parseNetworkdSet reports unreadable times and lines outside a section without throwing", () => {
  const r = parseNetworkdSet([
    {
      file: "x.netdev",
      text: "Name=early\n[NetDev]\nName=b1\nKind=bond\n[Bond]\nMIIMonitorSec=fast\n",
    },
    {
      file: "lo.network",
      text: "[Match]\nName=lo\n[Address]\nAddress=192.0.2.80/32\nLabel=lo:0\n",
    },
  ]);
  assert.deepEqual(
    r.problems.map((p) => `${p.file}:${p.line}`),
    ["x.netdev:1", "x.netdev:6"],
  );
  assert.equal(r.value.addresses[0]?.label, "lo:0");
  assert.equal(r.value.addresses[0]?.iface, "lo");
});

test("parseNetworkdSet never throws on any corpus file alone", () => {
  for (const f of listFiles(join(CORPUS, DIR)))
    assert.doesNotThrow(() => parseNetworkdSet(corpus(f)));
});
