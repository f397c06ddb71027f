import assert from "node:assert/strict";
import { test } from "node:test";
import { arpFrame, ethernet } from "../../../test/pcap-frames.js";
import { macNumber } from "../addresses.js";
import { ByteCursor } from "../cursor.js";
import { decodeEthernet } from "./ethernet.js";

const arp = arpFrame({
  op: "request",
  senderMac: "00:1b:21:0a:0b:0c",
  senderIp: "10.0.0.1",
  targetIp: "10.0.0.2",
});

test("decodeEthernet reads the MACs (as numbers) and the ethertype of an Ethernet II frame", () => {
  const link = decodeEthernet(new ByteCursor(arp));
  assert.equal(link.src, macNumber("00:1b:21:0a:0b:0c"));
  assert.equal(link.dst, macNumber("ff:ff:ff:ff:ff:ff"));
  assert.equal(link.ethertype, 0x0806);
  assert.deepEqual(link.vlans, []);
  assert.equal(link.payloadOffset, 14);
  assert.equal(link.payloadLength, arp.length - 14);
});

test("decodeEthernet unfolds 802.1Q and QinQ tags, outer first, and gives the inner ethertype", () => {
  const q = decodeEthernet(
    new ByteCursor(
      ethernet("ff:ff:ff:ff:ff:ff", "02:00:00:00:00:01", 0x0800, new Uint8Array(20), [100]),
    ),
  );
  assert.deepEqual(
    q.vlans.map((v) => [v.tpid, v.vid]),
    [[0x8100, 100]],
  );
  assert.equal(q.ethertype, 0x0800);
  assert.equal(q.payloadOffset, 18);
  const qinq = decodeEthernet(
    new ByteCursor(
      ethernet("ff:ff:ff:ff:ff:ff", "02:00:00:00:00:01", 0x0806, new Uint8Array(28), [10, 20]),
    ),
  );
  assert.deepEqual(
    qinq.vlans.map((v) => [v.tpid, v.vid]),
    [
      [0x88a8, 10],
      [0x8100, 20],
    ],
  );
  assert.equal(qinq.ethertype, 0x0806);
});

test("decodeEthernet reads 802.3 + LLC/SNAP: the SNAP pid is the ethertype when the OUI is 0", () => {
  const llcSnap = [0xaa, 0xaa, 0x03, 0, 0, 0, 0x08, 0x06, 1, 2, 3];
  const frame = Uint8Array.from([
    ...new Array(12).fill(1),
    0,
    llcSnap.length,
    ...llcSnap,
    ...new Array(40).fill(0),
  ]);
  const link = decodeEthernet(new ByteCursor(frame));
  assert.equal(link.length8023, llcSnap.length);
  assert.deepEqual(link.llc, { dsap: 0xaa, ssap: 0xaa, control: 3, snap: { oui: 0, pid: 0x0806 } });
  assert.equal(link.ethertype, 0x0806);
  assert.equal(link.payloadOffset, 22);
  assert.equal(link.payloadLength, 3, "bounded by the 802.3 length, not the padding");
});

test("decodeEthernet reads plain LLC (STP) with no ethertype", () => {
  const frame = Uint8Array.from([
    ...new Array(12).fill(1),
    0,
    38,
    0x42,
    0x42,
    0x03,
    ...new Array(45).fill(0),
  ]);
  const link = decodeEthernet(new ByteCursor(frame));
  assert.equal(link.ethertype, undefined);
  assert.deepEqual(link.llc, { dsap: 0x42, ssap: 0x42, control: 3, snap: undefined });
});

test("decodeEthernet throws a truncated DecodeError on a frame shorter than its header", () => {
  assert.throws(() => decodeEthernet(new ByteCursor(arp.subarray(0, 13))), {
    name: "DecodeError",
    field: "ethertype",
  });
});
