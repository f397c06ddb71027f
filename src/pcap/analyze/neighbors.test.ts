import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeAll, lldpFrame } from "../../../test/pcap-frames.js";
import { analyzeNeighbors } from "./neighbors.js";

test("analyzeNeighbors groups LLDP neighbours per capture interface, one entry per switch port", () => {
  const lldp = (port: string) =>
    lldpFrame("00:1c:73:00:00:11", {
      chassisMac: "00:1c:73:aa:bb:cc",
      portName: port,
      systemName: "leaf1",
      managementIp: "192.0.2.10",
      portVlan: 100,
      aggregated: { enabled: true, portId: 1001 },
      maxFrameSize: 9216,
    });
  const frames = decodeAll([
    [0, lldp("Ethernet1")],
    [30, lldp("Ethernet1")],
  ]);
  const r = analyzeNeighbors(frames, {
    interfaces: [{ id: 0, linkType: 1, snapLength: 0, unitsPerSecond: 1e6, name: "eth0" }],
  });
  assert.equal(r.lldpPdus, 2);
  assert.equal(r.interfaces.length, 1);
  assert.equal(r.interfaces[0]?.interface, "eth0");
  const n = r.interfaces[0]?.neighbors[0];
  assert.deepEqual(
    [n?.systemName, n?.chassisId, n?.portId, n?.vlan, n?.mtu, n?.pdus, n?.firstFrame, n?.lastFrame],
    ["leaf1", "00:1c:73:aa:bb:cc", "Ethernet1", 100, 9216, 2, 1, 2],
  );
  assert.deepEqual(n?.linkAggregation, { supported: true, enabled: true, portId: 1001 });
  assert.deepEqual(n?.managementAddresses, ["192.0.2.10"]);
});
