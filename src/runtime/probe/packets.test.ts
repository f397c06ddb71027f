import assert from "node:assert/strict";
import { test } from "node:test";
import { corpusCapture } from "../../../test/pcap-frames.js";
import {
  ARP_REPLY,
  ARP_REQUEST,
  decodeArp,
  decodeEcho6Reply,
  decodeEchoReply,
  encodeArp,
  encodeEcho6Request,
  encodeEchoRequest,
  internetChecksum,
} from "./packets.js";

/** Frames of a classic little-endian pcap file. */
function frames(file: Uint8Array): Uint8Array[] {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const out: Uint8Array[] = [];
  for (let at = 24; at + 16 <= file.length; ) {
    const len = view.getUint32(at + 8, true);
    out.push(file.subarray(at + 16, at + 16 + len));
    at += 16 + len;
  }
  return out;
}

// An echo reply as Linux 6.18 answered on loopback to linkguard's native prober (id 0x4c47,
// seq 1, 8 bytes of payload), read from the raw socket with its IP header.
const LOOPBACK_REPLY = Buffer.from(
  "45000024e94700004001938f7f0000017f0000010000b3b74c4700010000000000000000",
  "hex",
);

test("decodeEchoReply reads source, id and seq of a kernel's echo reply", () => {
  assert.deepEqual(decodeEchoReply(LOOPBACK_REPLY), { source: "127.0.0.1", id: 0x4c47, seq: 1 });
});

test("decodeEchoReply refuses a reply with a wrong checksum, a request, and a short packet", () => {
  const damaged = Buffer.from(LOOPBACK_REPLY);
  damaged[damaged.length - 1] = 1;
  assert.equal(decodeEchoReply(damaged), null);
  const request = Buffer.concat([LOOPBACK_REPLY.subarray(0, 20), encodeEchoRequest(1, 1, 8)]);
  assert.equal(decodeEchoReply(request), null);
  for (let n = 0; n < LOOPBACK_REPLY.length; n++)
    assert.equal(decodeEchoReply(LOOPBACK_REPLY.subarray(0, n)), null);
});

test("encodeEchoRequest checksums to zero and carries id and seq, wrapped to 16 bits", () => {
  const b = encodeEchoRequest(0x14c47, 65537, 56);
  assert.equal(b.length, 64, "ping's default size: 8 header + 56 payload bytes");
  assert.equal(internetChecksum(b), 0);
  assert.equal(b.readUInt16BE(4), 0x4c47);
  assert.equal(b.readUInt16BE(6), 1);
});

// What Linux 6.18 answered on loopback (::1) to linkguard's native prober's ICMPv6 echo
// request id 0x4c47 seq 1 with 8 bytes of payload, read from the raw ICMPv6 socket: no IPv6
// header, and the checksum (0x326b) the kernel computed.
const LOOPBACK_REPLY6 = Buffer.from("8100326b4c4700010000000000000000", "hex");

test("decodeEcho6Reply reads id and seq of a kernel's ICMPv6 echo reply", () => {
  assert.deepEqual(decodeEcho6Reply(LOOPBACK_REPLY6), { id: 0x4c47, seq: 1 });
});

test("decodeEcho6Reply refuses a request, another ICMPv6 type and a short packet", () => {
  assert.equal(decodeEcho6Reply(encodeEcho6Request(0x4c47, 1, 8)), null);
  const unreachable = Buffer.from(LOOPBACK_REPLY6);
  unreachable[0] = 1; // RFC 4443 destination unreachable
  assert.equal(decodeEcho6Reply(unreachable), null);
  for (let n = 0; n < 8; n++) assert.equal(decodeEcho6Reply(LOOPBACK_REPLY6.subarray(0, n)), null);
});

test("encodeEcho6Request is the request the kernel answered: type 128, id and seq, checksum left to the kernel", () => {
  const b = encodeEcho6Request(0x14c47, 65537, 8);
  assert.equal(b.toString("hex"), "800000004c4700010000000000000000");
  assert.equal(encodeEcho6Request(1, 1).length, 64, "ping's default size");
});

test("decodeArp reads a real request and its reply; encodeArp writes the same bytes back", () => {
  const arp = frames(corpusCapture("arp-request-reply.pcap")).map((f) => f.subarray(14, 42));
  const [request, reply] = arp.map((b) => decodeArp(b));
  assert.deepEqual(request, {
    op: ARP_REQUEST,
    senderMac: "78:31:c1:c6:3f:c2",
    senderIp: "10.0.0.2",
    targetMac: "00:00:00:00:00:00",
    targetIp: "10.0.0.1",
  });
  assert.equal(reply?.op, ARP_REPLY);
  assert.equal(reply?.senderIp, "10.0.0.1");
  assert.equal(reply?.senderMac, "f8:ed:a5:c0:a4:f1");
  arp.forEach((bytes, i) => {
    const decoded = decodeArp(bytes);
    assert.ok(decoded, `frame ${i}`);
    assert.deepEqual(encodeArp(decoded), Buffer.from(bytes));
  });
});

test("decodeArp refuses truncated packets and non-Ethernet/IPv4 ARP", () => {
  const [first] = frames(corpusCapture("arp-request-reply.pcap"));
  const bytes = Buffer.from((first as Uint8Array).subarray(14, 42));
  for (let n = 0; n < 28; n++) assert.equal(decodeArp(bytes.subarray(0, n)), null);
  const other = Buffer.from(bytes);
  other[4] = 8;
  assert.equal(decodeArp(other), null);
});

test("encodeArp refuses malformed addresses instead of sending garbage", () => {
  const p = {
    op: ARP_REQUEST,
    senderMac: "02:00:00:00:00:01",
    senderIp: "10.0.0.1",
    targetMac: "00:00:00:00:00:00",
    targetIp: "10.0.0.300",
  };
  assert.throws(() => encodeArp(p), /not an IPv4 address/);
  assert.throws(() => encodeArp({ ...p, targetIp: "10.0.0.2", senderMac: "02:00" }), /MAC/);
});
