import assert from "node:assert/strict";
import { test } from "node:test";
import { corpusCapture } from "../../../test/pcap-frames.js";
import { ByteCursor } from "../cursor.js";
import { readCaptureBytes } from "../read.js";
import { type CdpPdu, decodeCdp } from "./cdp.js";

function cdpOf(file: string): CdpPdu[] {
  const out: CdpPdu[] = [];
  readCaptureBytes(corpusCapture(file), (p) => {
    const d = p.data;
    // 802.3 + LLC/SNAP, OUI 00000c, pid 0x2000
    if (d[12] !== undefined && d[12] < 6 && d[20] === 0x20 && d[21] === 0x00) {
      const pdu = decodeCdp(new ByteCursor(d, 22));
      if (pdu.kind === "cdp") out.push(pdu);
    }
  });
  return out;
}

test("decodeCdp reads a Catalyst 3560's device id, port, platform, addresses, native VLAN, duplex", () => {
  const [first] = cdpOf("lldp-and-cdp-cisco-3560.pcap");
  assert.ok(first);
  assert.deepEqual(
    [first.version, first.ttl, first.deviceId, first.portId, first.platform],
    [2, 180, "S1", "FastEthernet0/13", "cisco WS-C3560-24TS"],
  );
  assert.deepEqual([first.addresses, first.managementAddresses], [["0.0.0.0"], ["0.0.0.0"]]);
  assert.deepEqual(
    [first.nativeVlan, first.duplex, first.capabilities],
    [1, "full", ["switch", "igmp"]],
  );
});

test("decodeCdp reads CDPv1 from an IOS router", () => {
  const [pdu] = cdpOf("cdp-v1-cisco-router.pcap");
  assert.deepEqual(
    [pdu?.version, pdu?.deviceId, pdu?.portId, pdu?.addresses],
    [1, "R1", "Ethernet0", ["192.168.10.1"]],
  );
});

test("decodeCdp: a TLV length under 4 is malformed, a cut TLV is truncated", () => {
  const bad = decodeCdp(new ByteCursor(Uint8Array.of(2, 180, 0, 0, 0, 1, 0, 2)));
  assert.deepEqual(bad.kind === "malformed" && [bad.field, bad.truncated], [
    "cdp tlv length",
    false,
  ]);
  const cut = decodeCdp(new ByteCursor(Uint8Array.of(2, 180, 0, 0, 0, 1, 0, 9, 0x53)));
  assert.equal(cut.kind === "malformed" && cut.truncated, true);
});
