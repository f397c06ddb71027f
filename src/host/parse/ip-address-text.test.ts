import assert from "node:assert/strict";
import { test } from "node:test";
import { readRepoFile } from "../../../test/support/paths.js";
import { parseIpAddressText, parseIpDetailBond } from "./ip-address-text.js";

const DSR = "examples/002-dsr-real-server-arp/sos_commands/networking/ip_-d_address";
const LACP = "examples/000-lacp-no-partner/sos_commands/networking/ip_-d_address";

test("parseIpAddressText reads the VIP on lo:0 with its /32 prefix and label", () => {
  const { value, problems } = parseIpAddressText(readRepoFile(DSR), DSR);
  assert.deepEqual(problems, []);
  const lo = value.find((i) => i.name === "lo");
  assert.equal(lo?.kind, "loopback");
  const vip = lo?.addresses.find((a) => a.address === "10.30.0.100");
  assert.deepEqual(
    [vip?.prefix, vip?.label, vip?.broadcast, vip?.scope],
    [32, "lo:0", "10.30.0.100", "global"],
  );
  assert.equal(vip?.source.line, 5);
  const eth0 = value.find((i) => i.name === "eth0");
  assert.equal(eth0?.mac, "52:54:00:8a:31:07");
  assert.equal(eth0?.operstate, "up");
  assert.equal(eth0?.mtu, 1500);
});

test("parseIpAddressText reads bond membership, kind and carrier from the header and detail lines", () => {
  const { value } = parseIpAddressText(readRepoFile(LACP), LACP);
  const eno1 = value.find((i) => i.name === "eno1");
  assert.equal(eno1?.master, "bond0");
  assert.equal(eno1?.carrier, true);
  assert.ok(eno1?.flags.includes("SLAVE"));
  assert.equal(value.find((i) => i.name === "bond0")?.kind, "bond");
});

test("parseIpDetailBond turns bond and bond_slave lines into key/value maps", () => {
  const details = parseIpDetailBond(readRepoFile(LACP), LACP);
  assert.equal(details.bond0?.kind, "bond");
  assert.equal(details.bond0?.values.mode, "802.3ad");
  assert.equal(details.bond0?.values.ad_partner_mac, "00:00:00:00:00:00");
  assert.equal(details.eno2?.kind, "bond_slave");
  assert.equal(details.eno2?.values.ad_aggregator_id, "2");
  assert.equal(details.eno2?.ev.line, 10);
});

test("parseIpAddressText reads VLAN names with @, ip -s stats blocks and IPv6 flags", () => {
  const text = [
    "5: bond0.100@bond0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000",
    "    link/ether 52:54:00:aa:bb:cc brd ff:ff:ff:ff:ff:ff permaddr 52:54:00:aa:bb:cd",
    "    vlan protocol 802.1Q id 100 <REORDER_HDR>",
    "    inet6 fe80::5054:ff:feaa:bbcc/64 scope link noprefixroute",
    "       valid_lft forever preferred_lft forever",
    "    RX:  bytes packets errors dropped  missed   mcast",
    "          1234      10      0       0       0       0",
    "    TX:  bytes packets errors dropped carrier collsns",
    "          5678      20      0       0       0       0",
  ].join("\n");
  const { value, problems } = parseIpAddressText(text, "f");
  assert.deepEqual(problems, []);
  const [v] = value;
  assert.equal(v?.name, "bond0.100");
  assert.equal(v?.kind, "vlan");
  assert.equal(v?.permanentMac, "52:54:00:aa:bb:cd");
  assert.deepEqual(
    v?.addresses.map((a) => [a.family, a.prefix, a.flags]),
    [["inet6", 64, ["noprefixroute"]]],
  );
});

test("parseIpAddressText reports stray lines and never throws on junk", () => {
  const { value, problems } = parseIpAddressText("garbage\n  inet 1.2.3.4/24\n", "f");
  assert.deepEqual(value, []);
  assert.equal(problems.length, 2);
  assert.equal(problems[0]?.line, 1);
});
