import assert from "node:assert/strict";
import { test } from "node:test";
import { arpFrame, decodeAll, ethernet, ipv4Packet, tcp, udp } from "../../../test/pcap-frames.js";
import { decodeFrame } from "../decode/dispatch.js";
import { packetOf } from "../packet.js";
import { analyzeTraffic } from "./traffic.js";

const A = "02:00:00:00:00:0a";
const B = "02:00:00:00:00:0b";
const v4 = (src: string, proto: number, vlans: number[] = []) =>
  ethernet(
    B,
    A,
    0x0800,
    ipv4Packet(
      src,
      "10.0.0.9",
      proto,
      proto === 6 ? tcp(1, 2, 3, new Uint8Array(100)) : udp(1, 53, new Uint8Array(10)),
    ),
    vlans,
  );

test("analyzeTraffic counts packets, bytes, ethertypes after tags, VLANs, protocols and seconds", () => {
  const frames = decodeAll([
    [100.1, v4("10.0.0.1", 6)],
    [100.9, v4("10.0.0.1", 17, [100])],
    [102.5, v4("10.0.0.2", 6, [10, 20])],
    [102.6, arpFrame({ op: "request", senderMac: B, senderIp: "10.0.0.9", targetIp: "10.0.0.1" })],
  ]);
  const r = analyzeTraffic(frames);
  assert.equal(r.packets, 4);
  assert.equal(
    r.bytes,
    frames.reduce((n, f) => n + f.packet.capturedLength, 0),
  );
  assert.deepEqual([r.firstTs, r.lastTs], [100.1, 102.6]);
  assert.deepEqual(r.ethertypes, { "0x0800": 3, "0x0806": 1 });
  assert.equal(r.vlanTagged, 2);
  assert.deepEqual(r.vlans, { "100": 1, "10.20": 1 });
  assert.deepEqual(r.protocols, { ethernet: 4, vlan: 2, qinq: 1, arp: 1, ipv4: 3, tcp: 2, udp: 1 });
  assert.deepEqual(
    r.perSecond.map((s) => [s.t, s.packets]),
    [
      [100, 2],
      [102, 2],
    ],
  );
  assert.deepEqual(
    r.topTalkers.macs.map((t) => [t.address, t.packets]),
    [
      [A, 3],
      [B, 1],
    ],
  );
  assert.deepEqual(
    r.topTalkers.ips.map((t) => [t.address, t.packets]),
    [
      ["10.0.0.1", 2],
      ["10.0.0.2", 1],
    ],
  );
  assert.equal(r.errors.total, 0);
});

test("analyzeTraffic lists bad lengths and truncated headers with their frame numbers", () => {
  const bad = v4("10.0.0.1", 6).slice(0, 40); // IPv4 total length says 160
  const cut = arpFrame({
    op: "request",
    senderMac: A,
    senderIp: "10.0.0.1",
    targetIp: "10.0.0.2",
  }).slice(0, 30);
  const snapped = decodeFrame(packetOf(cut, { index: 3, originalLength: 60 }));
  const r = analyzeTraffic([
    ...decodeAll([
      [0, bad],
      [1, cut],
    ]),
    snapped,
  ]);
  assert.deepEqual(r.errors.byKind, { "bad-length": 1, truncated: 1 });
  assert.deepEqual(
    r.errors.frames.map((e) => [e.frame, e.kind, e.protocol]),
    [
      [1, "bad-length", "ipv4"],
      [2, "truncated", "arp"],
    ],
  );
  assert.equal(r.snapped, 1);
});

test("analyzeTraffic on nothing", () => {
  const r = analyzeTraffic([]);
  assert.deepEqual(
    [r.packets, r.firstTs, r.lastTs, r.duration, r.perSecond],
    [0, null, null, 0, []],
  );
});
