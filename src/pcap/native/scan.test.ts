import assert from "node:assert/strict";
import { test } from "node:test";
import { arpFrame, BROADCAST, ethernet, ipv4Packet, tcp } from "../../../test/pcap-frames.js";
import { writePcap } from "../write.js";
import { choosePcapReader } from "./addon.js";
import { NativeScan } from "./scan.js";

const reader = choosePcapReader({});
const skip = reader.kind === "js" ? `native pcap scan unavailable: ${reader.reason}` : false;
if (skip && process.env.CI === "true") throw new Error(`${skip} (CI=true: npm ci must build it)`);

const A = "02:00:00:00:00:01";
const B = "02:00:00:00:00:02";
const plain = ethernet(
  B,
  A,
  0x0800,
  ipv4Packet("10.0.0.1", "10.0.0.2", 6, tcp(1, 2, 3, new Uint8Array(40))),
);
const arp = arpFrame(
  { op: "request", senderMac: A, senderIp: "10.0.0.1", targetIp: "10.0.0.2" },
  BROADCAST,
);

test("NativeScan counts plain IP frames and stops at the first other record, numbered", {
  skip,
}, () => {
  if (reader.kind !== "native") return;
  const file = writePcap([
    { ts: 1, data: plain },
    { ts: 1.5, data: plain },
    { ts: 2, data: arp },
    { ts: 3, data: plain },
  ]);
  const scan = new NativeScan(reader.addon, { traffic: true, storms: true, minPps: 1000 });
  assert.equal(scan.active, false);
  scan.start({ littleEndian: true, nano: false, linkType: 1, maxRecord: 262144 });
  const arpAt = 24 + 2 * (16 + plain.length);
  const end = scan.scan(file, 24, 0);
  assert.deepEqual([scan.index, scan.stopped, end], [3, arpAt, arpAt + 16 + arp.length]);
  assert.equal(scan.scan(file, end, scan.index), file.length);
  assert.deepEqual([scan.index, scan.stopped], [4, -1]);
  const traffic = scan.trafficState();
  assert.equal(traffic?.packets, 3, "the ARP frame is JavaScript's to count");
  assert.equal(traffic?.bytes, 3 * plain.length);
  assert.deepEqual([...(traffic?.seconds.keys() ?? [])].sort(), [1, 3]);
  const storms = scan.stormState(false);
  assert.deepEqual(
    storms?.map((s) => [s.t, s.packets]),
    [
      [1, 2],
      [2, 1],
      [3, 1],
    ],
    "every frame, the ARP one too, is in the storm seconds",
  );
  assert.equal(scan.lastTs(), 3);
});

test("NativeScan stops before a record that is not whole, as the JavaScript loop does", {
  skip,
}, () => {
  if (reader.kind !== "native") return;
  const file = writePcap([
    { ts: 1, data: plain },
    { ts: 2, data: plain },
  ]);
  const scan = new NativeScan(reader.addon, { traffic: true, storms: false, minPps: 1000 });
  scan.start({ littleEndian: true, nano: false, linkType: 1, maxRecord: 262144 });
  const cut = file.subarray(0, file.length - 1);
  assert.equal(scan.scan(cut, 24, 0), 24 + 16 + plain.length);
  assert.deepEqual([scan.index, scan.stopped], [1, -1]);
  assert.equal(scan.stormState(false), undefined, "no storm part was asked for");
});
