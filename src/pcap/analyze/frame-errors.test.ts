import assert from "node:assert/strict";
import { test } from "node:test";
import { arpFrame, ethernet, ipv4Packet } from "../../../test/pcap-frames.js";
import { decodeFrame } from "../decode/dispatch.js";
import { packetOf } from "../packet.js";
import { frameError } from "./frame-errors.js";

const arp = arpFrame({
  op: "request",
  senderMac: "02:00:00:00:00:01",
  senderIp: "10.0.0.1",
  targetIp: "10.0.0.2",
});

test("frameError: a whole frame whose header is cut short is truncated; a snapped one is fine", () => {
  const cut = arp.slice(0, 20);
  assert.deepEqual(frameError(decodeFrame(packetOf(cut, { index: 4 }))), {
    frame: 4,
    kind: "truncated",
    protocol: "arp",
    offset: 20,
    message: "arp opcode: need 2 bytes at offset 20, have 0",
  });
  assert.equal(frameError(decodeFrame(packetOf(cut, { originalLength: 60 }))), undefined);
});

test("frameError: length fields longer than the frame, bogus ARP sizes, impossible record lengths", () => {
  const ip = ethernet(
    "02:00:00:00:00:02",
    "02:00:00:00:00:01",
    0x0800,
    ipv4Packet("10.0.0.1", "10.0.0.2", 17, new Uint8Array(200)),
  );
  assert.equal(frameError(decodeFrame(packetOf(ip.slice(0, 100))))?.kind, "bad-length");
  const bogus = arp.slice();
  bogus[19] = 16;
  assert.equal(frameError(decodeFrame(packetOf(bogus)))?.protocol, "arp");
  const frame8023 = Uint8Array.from([
    ...new Array(12).fill(1),
    0x05,
    0xdc,
    0x42,
    0x42,
    0x03,
    ...new Array(50).fill(0),
  ]);
  assert.equal(frameError(decodeFrame(packetOf(frame8023)))?.protocol, "802.3");
  assert.equal(frameError(decodeFrame(packetOf(arp, { originalLength: 10 })))?.protocol, "capture");
  assert.equal(frameError(decodeFrame(packetOf(arp))), undefined);
});
