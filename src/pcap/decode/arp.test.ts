import assert from "node:assert/strict";
import { test } from "node:test";
import { arpFrame } from "../../../test/pcap-frames.js";
import { ByteCursor } from "../cursor.js";
import { decodeArp } from "./arp.js";

const decode = (frame: Uint8Array, end = frame.length) => decodeArp(new ByteCursor(frame, 14, end));
const A = "00:1b:21:0a:0b:0c";

test("decodeArp reads a request and a reply", () => {
  const req = decode(
    arpFrame({ op: "request", senderMac: A, senderIp: "10.0.0.2", targetIp: "10.0.0.1" }),
  );
  assert.equal(req.kind, "arp");
  if (req.kind !== "arp") return;
  assert.deepEqual(
    [req.op, req.senderMac, req.senderIp, req.targetIp],
    ["request", A, "10.0.0.2", "10.0.0.1"],
  );
  assert.deepEqual([req.gratuitous, req.probe, req.announcement], [false, false, false]);
  const rep = decode(
    arpFrame({
      op: "reply",
      senderMac: A,
      senderIp: "10.0.0.1",
      targetMac: "02:00:00:00:00:01",
      targetIp: "10.0.0.2",
    }),
  );
  assert.equal(rep.kind === "arp" && rep.op, "reply");
});

test("decodeArp tells gratuitous ARP, RFC 5227 probes and announcements apart", () => {
  const garp = decode(
    arpFrame({
      op: "reply",
      senderMac: A,
      senderIp: "10.0.0.9",
      targetMac: A,
      targetIp: "10.0.0.9",
    }),
  );
  assert.deepEqual(garp.kind === "arp" && [garp.gratuitous, garp.probe, garp.announcement], [
    true,
    false,
    false,
  ]);
  const probe = decode(
    arpFrame({ op: "request", senderMac: A, senderIp: "0.0.0.0", targetIp: "10.0.0.9" }),
  );
  assert.deepEqual(probe.kind === "arp" && [probe.gratuitous, probe.probe], [false, true]);
  const announce = decode(
    arpFrame({ op: "request", senderMac: A, senderIp: "10.0.0.9", targetIp: "10.0.0.9" }),
  );
  assert.deepEqual(announce.kind === "arp" && [announce.gratuitous, announce.announcement], [
    true,
    true,
  ]);
});

test("decodeArp never reads past the frame: bogus lengths come back malformed", () => {
  const frame = arpFrame({
    op: "request",
    senderMac: A,
    senderIp: "10.0.0.2",
    targetIp: "10.0.0.1",
  });
  frame[18] = 255; // hardware address length
  const m = decode(frame, 42);
  assert.equal(m.kind, "malformed");
  assert.equal(m.kind === "malformed" && m.truncated, true);
});
