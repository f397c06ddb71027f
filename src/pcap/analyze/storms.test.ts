import assert from "node:assert/strict";
import { test } from "node:test";
import { arpFrame, decodeAll, ethernet, ipv4Packet, udp } from "../../../test/pcap-frames.js";
import { analyzeStorms } from "./storms.js";

const quiet = (second: number, n: number): Array<[number, Uint8Array]> =>
  Array.from({ length: n }, (_, i) => [
    second + i / n,
    ethernet(
      "02:00:00:00:00:02",
      "02:00:00:00:00:01",
      0x0800,
      ipv4Packet("10.0.0.1", "10.0.0.2", 17, udp(i, 53, new Uint8Array(8))),
    ),
  ]);

test("analyzeStorms finds a one-second broadcast storm, its repeated frame, and calls it a loop", () => {
  const looped = arpFrame({
    op: "request",
    senderMac: "00:1b:21:00:00:0a",
    senderIp: "10.0.0.5",
    targetIp: "10.0.0.6",
  });
  const frames: Array<[number, Uint8Array]> = [];
  for (let s = 0; s < 20; s++) frames.push(...quiet(1000 + s, 10));
  for (let i = 0; i < 5000; i++) frames.push([1010.3 + i * 0.0001, looped]);
  frames.sort((a, b) => a[0] - b[0]);
  const r = analyzeStorms(decodeAll(frames));
  assert.equal(r.baselinePps, 10);
  assert.equal(r.windows.length, 1);
  const w = r.windows[0];
  assert.ok(w);
  assert.deepEqual([w.start, w.end, w.seconds, w.packets], [1010, 1011, 1, 5010]);
  assert.equal(w.looksLikeLoop, true);
  assert.equal(w.dominant?.src, "00:1b:21:00:00:0a");
  assert.equal(w.dominant?.dst, "ff:ff:ff:ff:ff:ff");
  assert.equal(w.dominant?.ethertype, "0x0806");
  assert.ok((w.dominant?.share ?? 0) > 0.9);
  assert.ok(Math.abs((w.dominant?.meanGap ?? 1) - 0.0001) < 1e-6);
  assert.ok(w.dominant?.sample?.startsWith("ffffffffffff001b2100000a0806"));
});

test("analyzeStorms: a busy second of different frames is a storm but not a loop; steady traffic none", () => {
  const frames = [...quiet(0, 5), ...quiet(1, 3000), ...quiet(2, 5)];
  const r = analyzeStorms(decodeAll(frames));
  assert.equal(r.windows.length, 1);
  assert.equal(r.windows[0]?.looksLikeLoop, false);
  const steady = analyzeStorms(
    decodeAll([...quiet(0, 3000), ...quiet(1, 3000), ...quiet(2, 3000)]),
  );
  assert.deepEqual(steady.windows, []);
});
