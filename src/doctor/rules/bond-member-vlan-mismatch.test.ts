import assert from "node:assert/strict";
import { test } from "node:test";
import { bond, slave, snapshot } from "../../../test/support/builders.js";
import { neighbour } from "../../../test/support/neighbour-builder.js";
import { rule } from "./bond-member-vlan-mismatch.js";

const ab = bond("bond0", { slaves: [slave("eno2"), slave("eno1")] });
const at = (ifname: string, portId: string, vlan: number | null) =>
  neighbour(ifname, { systemName: ifname === "eno1" ? "sw-a" : "sw-b", portId, vlan });

test("bond-member-vlan-mismatch lists each member's switch port and VLAN when they differ", () => {
  const s = snapshot({
    bonds: [ab],
    neighbours: [at("eno2", "Ethernet1/5", 20), at("eno1", "Ethernet1/5", 10)],
  });
  const [f, ...rest] = rule.check(s);
  assert.equal(rest.length, 0);
  assert.equal(
    f?.title,
    "bond0: the switch ports of its members are in different port VLANs (eno1 → sw-a Ethernet1/5 VLAN 10, eno2 → sw-b Ethernet1/5 VLAN 20)",
  );
  assert.deepEqual(f?.fix.slice(0, 2), [
    "on sw-a: show interfaces Ethernet1/5 switchport   # port VLAN 10",
    "on sw-b: show interfaces Ethernet1/5 switchport   # port VLAN 20",
  ]);
});

test("bond-member-vlan-mismatch is quiet for equal VLANs and members whose VLAN is unknown", () => {
  assert.deepEqual(
    rule.check(snapshot({ bonds: [ab], neighbours: [at("eno1", "1", 10), at("eno2", "1", 10)] })),
    [],
  );
  assert.deepEqual(
    rule.check(snapshot({ bonds: [ab], neighbours: [at("eno1", "1", 10), at("eno2", "1", null)] })),
    [],
  );
});

test("bond-member-vlan-mismatch checks team ports too", () => {
  const team = {
    name: "team0",
    ports: [
      { name: "eno1", ev: {} },
      { name: "eno2", ev: {} },
    ],
    source: ab.source,
    ev: {},
  };
  const [f] = rule.check(
    snapshot({ teams: [team], neighbours: [at("eno1", "1", 10), at("eno2", "1", 30)] }),
  );
  assert.equal(f?.subject, "team0");
});
