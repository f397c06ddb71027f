import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeFrame } from "../decode/dispatch.js";
import { packetOf } from "../packet.js";
import {
  CAP_STATION,
  CHASSIS_MAC,
  lldpFrameBytes,
  macBytes,
  PORT_IFNAME,
  textBytes,
} from "./lldp.js";

const decode = (bytes: Uint8Array) => {
  const f = decodeFrame(packetOf(bytes, { ts: 1, index: 1 }));
  assert.equal(f.payload?.kind, "lldp");
  return f.payload?.kind === "lldp" ? f.payload : assert.fail("not lldp");
};

test("encodeLldpdu round-trips through the decoder: ids, TTL, names, capabilities, VLAN, aggregation", () => {
  const pdu = decode(
    lldpFrameBytes("3c:fd:fe:10:20:01", {
      chassis: { subtype: CHASSIS_MAC, value: macBytes("3c:fd:fe:10:20:01") },
      port: { subtype: PORT_IFNAME, value: textBytes("eno1") },
      ttl: 121,
      portDescription: "member of bond0",
      systemName: "web01",
      systemDescription: "linkguard",
      capabilities: { supported: CAP_STATION, enabled: CAP_STATION },
      managementIpv4: "192.0.2.50",
      portVlan: 10,
      aggregated: true,
    }),
  );
  assert.deepEqual(pdu.chassisId, { subtype: 4, value: "3c:fd:fe:10:20:01" });
  assert.deepEqual(pdu.portId, { subtype: 5, value: "eno1" });
  assert.equal(pdu.ttl, 121);
  assert.equal(pdu.systemName, "web01");
  assert.equal(pdu.portDescription, "member of bond0");
  assert.deepEqual(pdu.capabilities, { supported: ["station"], enabled: ["station"] });
  assert.deepEqual(pdu.managementAddresses, ["192.0.2.50"]);
  assert.equal(pdu.portVlan, 10);
  assert.deepEqual(pdu.linkAggregation, { supported: true, enabled: true, portId: 1000005 });
  assert.deepEqual(pdu.otherTlvs, []);
});

test("a shutdown LLDPDU has TTL 0, and over-long text is cut at the TLV's 511 bytes", () => {
  const pdu = decode(
    lldpFrameBytes("02:00:00:00:00:01", {
      chassis: { subtype: CHASSIS_MAC, value: macBytes("02:00:00:00:00:01") },
      port: { subtype: PORT_IFNAME, value: textBytes("eth0") },
      ttl: 0,
      systemDescription: "x".repeat(600),
    }),
  );
  assert.equal(pdu.ttl, 0);
  assert.equal(pdu.systemDescription?.length, 511);
});
