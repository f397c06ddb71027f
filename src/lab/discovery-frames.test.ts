import assert from "node:assert/strict";
import { test } from "node:test";
import { linkNeighbourOf } from "../pcap/analyze/link-neighbours.js";
import { analyzeNeighbors } from "../pcap/analyze/neighbors.js";
import { decodeFrame } from "../pcap/decode/dispatch.js";
import { packetOf } from "../pcap/packet.js";
import { cdpAnnouncement, lldpAnnouncement, type PortAnnouncement } from "./discovery-frames.js";

const A: PortAnnouncement = {
  chassisMac: "44:4c:a8:aa:00:01",
  systemName: "sw-a",
  port: "Ethernet1/5",
  managementIp: "192.0.2.11",
  vlan: 10,
  aggregated: false,
  ttl: 4,
};

const heard = (bytes: Uint8Array) => {
  const r = analyzeNeighbors([decodeFrame(packetOf(bytes, { ts: 1, index: 1 }))]);
  const n = r.interfaces[0]?.neighbors[0];
  assert.ok(n, "the decoder found a neighbour");
  return linkNeighbourOf(n, "eth0", "x");
};

test("the lab's LLDP announcement decodes to the switch, port, VLAN, TTL and aggregation it says", () => {
  const n = heard(lldpAnnouncement(A));
  assert.deepEqual(
    [n.protocol, n.chassisId, n.systemName, n.portId, n.vlan, n.ttl, n.managementAddresses],
    ["lldp", "44:4c:a8:aa:00:01", "sw-a", "Ethernet1/5", 10, 4, ["192.0.2.11"]],
  );
  assert.deepEqual(n.aggregation, { supported: true, enabled: false, portId: 0 });
});

test("the lab's CDP announcement decodes through 802.3 LLC/SNAP with a valid checksum", () => {
  const bytes = cdpAnnouncement(A);
  const n = heard(bytes);
  assert.deepEqual(
    [n.protocol, n.chassisId, n.portId, n.vlan, n.ttl, n.managementAddresses],
    ["cdp", "sw-a", "Ethernet1/5", 10, 4, ["192.0.2.11"]],
  );
  // The ones' complement sum over the CDP part, checksum included, is 0xffff.
  const length = (bytes[12] as number) * 256 + (bytes[13] as number);
  const cdp = [...bytes.subarray(22, 14 + length)];
  let sum = 0;
  for (let i = 0; i < cdp.length; i += 2) sum += ((cdp[i] ?? 0) << 8) | (cdp[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  assert.equal(sum, 0xffff);
});
