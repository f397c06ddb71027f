import assert from "node:assert/strict";
import { test } from "node:test";
import { readRepoFile } from "../../../test/support/paths.js";
import { parseLldpctl } from "./lldpctl.js";

const F = "sos_commands/lldpd/lldpcli_show_neighbors_details";
const fixture = (c: string) => readRepoFile(`test/fixtures/hosts/${c}/${F}`);

test("parseLldpctl reads switch, port, management address, VLAN and aggregation per interface", () => {
  const { value, problems } = parseLldpctl(fixture("8023ad-two-switches-no-mlag"), F);
  assert.deepEqual(problems, []);
  assert.equal(value.length, 2);
  const [a, b] = value;
  assert.equal(a?.ifname, "eno1");
  assert.equal(a?.protocol, "lldp");
  assert.equal(a?.chassisId, "44:4c:a8:aa:00:01");
  assert.equal(a?.systemName, "sw-a");
  assert.equal(a?.portId, "Ethernet1/5");
  assert.equal(a?.portDescription, "web01 eno1");
  assert.deepEqual(a?.managementAddresses, ["192.0.2.11"]);
  assert.equal(a?.vlan, 10);
  assert.equal(a?.ttl, 120);
  assert.deepEqual(a?.aggregation, { supported: true, enabled: true, portId: 1000005 });
  assert.deepEqual(a?.source, {
    file: F,
    line: 4,
    text: "Interface:    eno1, via: LLDP, RID: 1, Time: 0 day, 02:14:07",
  });
  assert.equal(a?.ev.portId?.line, 13);
  assert.equal(b?.ifname, "eno2");
  assert.equal(b?.systemName, "sw-b");
});

test("parseLldpctl keeps CDP neighbours, strips lldpd's id subtype words and ignores multi-line descriptions", () => {
  const { value } = parseLldpctl(fixture("lldp-cisco-3560-pair"), F);
  assert.deepEqual(
    value.map((n) => [n.protocol, n.chassisId, n.systemName, n.portId, n.vlan]),
    [
      ["cdp", "S1", "S1", "FastEthernet0/13", 1],
      ["cdp", "S2", "S2", "GigabitEthernet0/13", 1],
      ["lldp", "00:19:2f:a7:b2:8d", "S2.cisco.com", "Uplink to S1", 1],
      ["lldp", "00:18:ba:98:68:8f", "S1.cisco.com", "Fa0/13", 1],
    ],
  );
  // lldpd shows aggregation only when the port is aggregated: absent means unknown.
  assert.equal(value[2]?.aggregation, null);
});

test("parseLldpctl leaves out EDP/FDP neighbours and tagged-only VLAN lines", () => {
  const text = [
    "Interface:    eth0, via: FDP, RID: 1, Time: 0 day, 00:00:01",
    "  Chassis:",
    "    ChassisID:    local fdp-switch",
    "Interface:    eth1, via: LLDP, RID: 2, Time: 0 day, 00:00:01",
    "  Chassis:",
    "    ChassisID:    mac 00:00:5e:00:53:01",
    "  Port:",
    "    PortID:       mac 00:00:5e:00:53:11",
    "  VLAN:         30 storage",
  ].join("\n");
  const { value, problems } = parseLldpctl(text, "x");
  assert.deepEqual(problems, []);
  assert.equal(value.length, 1);
  assert.equal(value[0]?.portId, "00:00:5e:00:53:11");
  assert.equal(value[0]?.vlan, null);
});

test("parseLldpctl says where JSON output or a broken Interface line is", () => {
  assert.equal(parseLldpctl('{"lldp": {}}', "f").problems[0]?.line, 1);
  const broken = parseLldpctl("Interface:    , via\n", "f");
  assert.equal(broken.problems[0]?.line, 1);
  assert.deepEqual(broken.value, []);
});
