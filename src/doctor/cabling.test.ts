import assert from "node:assert/strict";
import { test } from "node:test";
import { bond, slave, snapshot } from "../../test/support/builders.js";
import { neighbour } from "../../test/support/neighbour-builder.js";
import { cablingLine, cablingOf } from "./cabling.js";

test("cablingOf answers 'which switch port is eno2 on?' for every interface, with its bond", () => {
  const s = snapshot({
    bonds: [bond("bond0", { slaves: [slave("eno1"), slave("eno2")] })],
    neighbours: [
      neighbour("eno2", {
        systemName: "sw-b",
        chassisId: "44:4c:a8:bb:00:01",
        portId: "Ethernet1/5",
        vlan: 10,
      }),
      neighbour("eth9", { protocol: "cdp", chassisId: "core1", portId: "Gi0/1" }),
    ],
  });
  const [eno2, eth9] = cablingOf(s);
  assert.equal(eno2?.member_of, "bond0");
  assert.equal(
    cablingLine(eno2 ?? assert.fail("eno2")),
    "eno2 (bond0) → sw-b Ethernet1/5, VLAN 10 [LLDP]",
  );
  assert.equal(eth9?.member_of, undefined);
  assert.equal(cablingLine(eth9 ?? assert.fail("eth9")), "eth9 → core1 Gi0/1 [CDP]");
});

test("cablingLine says whether the switch port is aggregated when the switch said so", () => {
  const [c] = cablingOf(
    snapshot({
      neighbours: [
        neighbour("eno1", {
          systemName: "sw-a",
          portId: "Ethernet1/6",
          aggregation: { supported: true, enabled: false, portId: 0 },
          managementAddresses: ["192.0.2.11"],
        }),
      ],
    }),
  );
  assert.equal(
    cablingLine(c ?? assert.fail("c")),
    "eno1 → sw-a Ethernet1/6, not aggregated, management 192.0.2.11 [LLDP]",
  );
});
