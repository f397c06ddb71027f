import assert from "node:assert/strict";
import { test } from "node:test";
import { corpusCapture, lldpFrame } from "../../../test/pcap-frames.js";
import { ByteCursor } from "../cursor.js";
import { readCaptureBytes } from "../read.js";
import { decodeLldp } from "./lldp.js";

test("decodeLldp reads chassis, port, TTL, names, management address and 802.1/802.3 org TLVs", () => {
  const frame = lldpFrame("00:1c:73:00:00:11", {
    chassisMac: "00:1c:73:aa:bb:cc",
    portName: "Ethernet7",
    ttl: 120,
    systemName: "leaf1",
    portDescription: "to db01 eth0",
    managementIp: "192.0.2.10",
    portVlan: 100,
    aggregated: { enabled: true, portId: 1007 },
    maxFrameSize: 9216,
  });
  const pdu = decodeLldp(new ByteCursor(frame, 14));
  assert.equal(pdu.kind, "lldp");
  if (pdu.kind !== "lldp") return;
  assert.deepEqual(pdu.chassisId, { subtype: 4, value: "00:1c:73:aa:bb:cc" });
  assert.deepEqual(pdu.portId, { subtype: 5, value: "Ethernet7" });
  assert.deepEqual(
    [pdu.ttl, pdu.systemName, pdu.portDescription, pdu.managementAddresses],
    [120, "leaf1", "to db01 eth0", ["192.0.2.10"]],
  );
  assert.deepEqual(
    [pdu.portVlan, pdu.linkAggregation, pdu.maxFrameSize],
    [100, { supported: true, enabled: true, portId: 1007 }, 9216],
  );
});

test("decodeLldp on a real switch's LLDPDU (SMC GS8P): capabilities and local port id", () => {
  const bytes = corpusCapture("lldp-smc-switch-basic-tlvs.pcap");
  let pdu: ReturnType<typeof decodeLldp> | undefined;
  readCaptureBytes(bytes, (p) => {
    pdu = decodeLldp(new ByteCursor(p.data, 14));
  });
  assert.ok(pdu?.kind === "lldp");
  assert.deepEqual(pdu.capabilities, { supported: ["bridge"], enabled: ["bridge"] });
  assert.deepEqual(pdu.portId, { subtype: 7, value: "1" });
  assert.equal(pdu.systemName, "SMCGS8P-Smart");
});

test("decodeLldp keeps unknown TLVs by type and reports a TLV running past the frame", () => {
  const tlvs = [0x14, 2, 0xab, 0xcd, 0xfe, 4, 0x00, 0x0e, 0xcf, 9, 0, 0];
  const pdu = decodeLldp(new ByteCursor(Uint8Array.from(tlvs)));
  assert.deepEqual(pdu.kind === "lldp" && pdu.otherTlvs, ["10", "127:000ecf/9"]);
  const cut = decodeLldp(new ByteCursor(Uint8Array.of(0x02, 7, 4, 0, 1)));
  assert.equal(cut.kind === "malformed" && cut.truncated, true);
});
