import assert from "node:assert/strict";
import { test } from "node:test";
import { arpFrame, decodeAll } from "../../../test/pcap-frames.js";
import { analyzeArp } from "./arp.js";

const A = "00:1b:21:00:00:0a";
const B = "00:1b:21:00:00:0b";
const C = "02:00:00:00:00:0c";
const VIP = "192.0.2.10";
const ask = () => arpFrame({ op: "request", senderMac: C, senderIp: "192.0.2.1", targetIp: VIP });
const answer = (mac: string) =>
  arpFrame({ op: "reply", senderMac: mac, senderIp: VIP, targetMac: C, targetIp: "192.0.2.1" });
const garp = (mac: string) =>
  arpFrame({ op: "request", senderMac: mac, senderIp: VIP, targetIp: VIP });

test("analyzeArp: a gratuitous ARP after a move is an announced move, not a conflict", () => {
  const r = analyzeArp(
    decodeAll([
      [0, ask()],
      [0.001, answer(A)],
      [300, garp(B)],
      [310, ask()],
      [310.001, answer(B)],
    ]),
  );
  assert.equal(r.conflicts.length, 0);
  assert.equal(r.moves.length, 1);
  assert.deepEqual(
    [r.moves[0]?.from, r.moves[0]?.to, r.moves[0]?.frame, r.moves[0]?.announced],
    [A, B, 3, true],
  );
  assert.equal(r.gratuitous, 1);
  assert.deepEqual(
    r.announcements.map((a) => [a.frame, a.ip, a.mac]),
    [[3, VIP, B]],
  );
  assert.equal(r.unanswered.length, 0);
});

test("analyzeArp: two MACs answering for one address is a conflict", () => {
  const frames: Array<[number, Uint8Array]> = [];
  for (let i = 0; i < 4; i++)
    frames.push([i, ask()], [i + 0.001, answer(A)], [i + 0.002, answer(B)]);
  const r = analyzeArp(decodeAll(frames));
  assert.equal(r.moves.length, 0);
  assert.equal(r.conflicts.length, 1);
  const c = r.conflicts[0];
  assert.deepEqual(
    [c?.ip, c?.macs.map((m) => [m.mac, m.claims]), c?.changes],
    [
      VIP,
      [
        [A, 4],
        [B, 4],
      ],
      7,
    ],
  );
});

test("analyzeArp lists requests nobody answered, but not probes or announcements", () => {
  const r = analyzeArp(
    decodeAll([
      [0, arpFrame({ op: "request", senderMac: C, senderIp: "192.0.2.1", targetIp: "192.0.2.99" })],
      [1, arpFrame({ op: "request", senderMac: C, senderIp: "192.0.2.1", targetIp: "192.0.2.99" })],
      [2, arpFrame({ op: "request", senderMac: A, senderIp: "0.0.0.0", targetIp: "192.0.2.50" })],
      [3, garp(A)],
    ]),
  );
  assert.deepEqual(
    r.unanswered.map((u) => [u.ip, u.requests, u.firstFrame, u.lastFrame]),
    [["192.0.2.99", 2, 1, 2]],
  );
  assert.deepEqual([r.probes, r.requests, r.gratuitous], [1, 4, 1]);
});

test("analyzeArp lists a MAC that claims several addresses", () => {
  const r = analyzeArp(
    decodeAll([
      [0, arpFrame({ op: "request", senderMac: A, senderIp: "192.0.2.1", targetIp: "192.0.2.9" })],
      [1, arpFrame({ op: "request", senderMac: A, senderIp: "192.0.2.2", targetIp: "192.0.2.9" })],
    ]),
  );
  assert.deepEqual(r.macsWithSeveralIps, [{ mac: A, ips: ["192.0.2.1", "192.0.2.2"] }]);
});
