import assert from "node:assert/strict";
import { test } from "node:test";
import { arpFrame, decodeAll, lacpduFrame, lldpFrame } from "../../../test/pcap-frames.js";
import { analyzeSummary } from "./summary.js";

test("analyzeSummary runs every analysis in one pass and keeps their headlines", () => {
  const host = "00:1b:21:00:00:01";
  const frames = decodeAll([
    [10, lacpduFrame(host, { system: host, key: 1, port: 1, state: 0x3d })],
    [
      11,
      lldpFrame("00:1c:73:00:00:11", { chassisMac: "00:1c:73:aa:bb:cc", portName: "Ethernet1" }),
    ],
    [12, arpFrame({ op: "request", senderMac: host, senderIp: "10.0.0.5", targetIp: "10.0.0.5" })],
    [200, arpFrame({ op: "request", senderMac: host, senderIp: "10.0.0.5", targetIp: "10.0.0.9" })],
  ]);
  const s = analyzeSummary(frames);
  assert.equal(s.packets, 4);
  assert.deepEqual([s.lacp.pdus, s.lacp.ports, s.lacp.stopped], [1, 1, 1]);
  assert.match(
    s.lacp.messages[0] ?? "",
    /no LACPDU from 00:1b:21:00:00:01 for 190 s until the end/,
  );
  assert.deepEqual(s.lldp, { pdus: 1, neighbors: 1 });
  assert.deepEqual([s.arp.requests, s.arp.gratuitous, s.arp.unanswered], [2, 1, 1]);
  assert.deepEqual(s.storms, []);
});
