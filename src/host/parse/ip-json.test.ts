import assert from "node:assert/strict";
import { test } from "node:test";
import { ipJsonBondDetails, parseIpJson, parseIpRouteJson } from "./ip-json.js";

const LO =
  '[{"ifindex":1,"ifname":"lo","flags":["LOOPBACK","UP","LOWER_UP"],"mtu":65536,"qdisc":"noqueue","operstate":"UNKNOWN","group":"default","txqlen":1000,"link_type":"loopback","address":"00:00:00:00:00:00","broadcast":"00:00:00:00:00:00","addr_info":[{"family":"inet","local":"127.0.0.1","prefixlen":8,"scope":"host","label":"lo","valid_life_time":4294967295,"preferred_life_time":4294967295},{"family":"inet","local":"10.30.0.100","prefixlen":32,"scope":"global","label":"lo:0"}]}]';

const BOND = `[
  {"ifindex":2,"ifname":"eno1","flags":["BROADCAST","MULTICAST","SLAVE","UP","LOWER_UP"],"mtu":1500,"master":"bond0","operstate":"UP","address":"24:6e:96:3a:10:f0","permaddr":"24:6e:96:3a:10:f1",
   "linkinfo":{"info_slave_kind":"bond","info_slave_data":{"state":"ACTIVE","mii_status":"UP","link_failure_count":0,"perm_hwaddr":"24:6e:96:3a:10:f0","queue_id":0,"ad_aggregator_id":1,"ad_actor_oper_port_state":71,"ad_partner_oper_port_state":1}},"addr_info":[]},
  {"ifindex":4,"ifname":"bond0","flags":["BROADCAST","MULTICAST","MASTER","UP","LOWER_UP"],"mtu":1500,"operstate":"UP","address":"24:6e:96:3a:10:f0",
   "linkinfo":{"info_kind":"bond","info_data":{"mode":"802.3ad","miimon":100,"arp_ip_target":["10.0.0.1","10.0.0.2"],"ad_lacp_rate":"slow","ad_info":{"aggregator":1,"num_ports":1,"actor_key":9,"partner_key":1,"partner_mac":"00:00:00:00:00:00"}}},
   "addr_info":[{"family":"inet","local":"10.20.0.15","prefixlen":24,"broadcast":"10.20.0.255","scope":"global","label":"bond0"},{"family":"inet6","local":"fe80::1","prefixlen":64,"scope":"link","deprecated":true}]}
]`;

test("parseIpJson reads loopback and its VIP alias label", () => {
  const { value, problems } = parseIpJson(LO, "$ ip -d -j address");
  assert.deepEqual(problems, []);
  const [lo] = value;
  assert.equal(lo?.kind, "loopback");
  assert.equal(lo?.mac, undefined, "the loopback's zero MAC is not a NIC address");
  assert.deepEqual(
    lo?.addresses.map((a) => `${a.address}/${a.prefix} ${a.label}`),
    ["127.0.0.1/8 lo", "10.30.0.100/32 lo:0"],
  );
});

test("parseIpJson reads master, kind, permanent MAC, flags and the line each interface starts on", () => {
  const { value } = parseIpJson(BOND, "f");
  const eno1 = value.find((i) => i.name === "eno1");
  assert.equal(eno1?.master, "bond0");
  assert.equal(eno1?.permanentMac, "24:6e:96:3a:10:f1");
  assert.equal(eno1?.source.line, 2);
  const bond = value.find((i) => i.name === "bond0");
  assert.equal(bond?.kind, "bond");
  assert.equal(bond?.source.line, 4);
  assert.deepEqual(bond?.addresses[1]?.flags, ["deprecated"]);
  assert.equal(bond?.addresses[0]?.broadcast, "10.20.0.255");
});

test("ipJsonBondDetails flattens info_data (with ad_info) and info_slave_data to strings", () => {
  const d = ipJsonBondDetails(BOND, "f");
  assert.equal(d.bond0?.kind, "bond");
  assert.equal(d.bond0?.values.ad_partner_mac, "00:00:00:00:00:00");
  assert.equal(d.bond0?.values.ad_num_ports, "1");
  assert.equal(d.bond0?.values.arp_ip_target, "10.0.0.1,10.0.0.2");
  assert.equal(d.eno1?.kind, "bond_slave");
  assert.equal(d.eno1?.values.ad_actor_oper_port_state, "71");
});

test("parseIpJson reports truncated JSON with a line and returns nothing", () => {
  const { value, problems } = parseIpJson(BOND.slice(0, 300), "f");
  assert.deepEqual(value, []);
  assert.equal(problems.length, 1);
  assert.match(problems[0]?.message ?? "", /invalid JSON/);
  assert.deepEqual(parseIpJson("", "f"), { value: [], problems: [] });
  assert.equal(parseIpJson('{"not":"an array"}', "f").problems.length, 1);
});

test("parseIpRouteJson reads the default route and its device", () => {
  const text =
    '[{"dst":"default","gateway":"10.20.0.1","dev":"bond0","protocol":"static","metric":300,"flags":[]},{"dst":"10.20.0.0/24","dev":"bond0","protocol":"kernel","scope":"link","prefsrc":"10.20.0.15","flags":[]}]';
  const { value } = parseIpRouteJson(text, "f");
  assert.deepEqual(
    value.map((r) => [r.destination, r.gateway, r.dev, r.metric]),
    [
      ["default", "10.20.0.1", "bond0", 300],
      ["10.20.0.0/24", undefined, "bond0", undefined],
    ],
  );
});
