import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeAll, lacpduFrame, lldpFrame } from "../../../test/pcap-frames.js";
import { heardNeighbour } from "./heard.js";

test("heardNeighbour turns an LLDPDU into the member's neighbour with its aggregation bits and time", () => {
  const [frame] = decodeAll([
    [
      1_796_062_500.25,
      lldpFrame("44:4c:a8:aa:00:05", {
        chassisMac: "44:4c:a8:aa:00:01",
        portName: "Ethernet1/5",
        systemName: "sw-a",
        managementIp: "192.0.2.11",
        portVlan: 10,
        ttl: 30,
        aggregated: { enabled: false, portId: 0 },
      }),
    ],
  ]);
  assert.deepEqual(heardNeighbour("eno1", frame as never), {
    ifname: "eno1",
    protocol: "lldp",
    chassisId: "44:4c:a8:aa:00:01",
    systemName: "sw-a",
    portId: "Ethernet1/5",
    portDescription: null,
    managementAddresses: ["192.0.2.11"],
    vlan: 10,
    aggregation: { supported: true, enabled: false, portId: 0 },
    ttl: 30,
    heardMs: 1_796_062_500_250,
  });
});

test("heardNeighbour ignores frames that are not LLDP or CDP", () => {
  const [frame] = decodeAll([
    [
      0,
      lacpduFrame("02:00:00:00:00:01", { system: "02:00:00:00:00:01", key: 1, port: 1, state: 61 }),
    ],
  ]);
  assert.equal(heardNeighbour("eno1", frame as never), undefined);
});
