import assert from "node:assert/strict";
import { test } from "node:test";
import { macNumber } from "../addresses.js";
import { ByteCursor } from "../cursor.js";
import { decodeLinuxSll, decodeLinuxSll2 } from "./linux-sll.js";

const mac = [0x00, 0x50, 0x56, 0x01, 0x02, 0x03];

test("decodeLinuxSll reads the packet type, the sender MAC and the protocol", () => {
  const frame = Uint8Array.from([0, 1, 0, 1, 0, 6, ...mac, 0, 0, 0x08, 0x06, 1, 2]);
  const link = decodeLinuxSll(new ByteCursor(frame));
  assert.equal(link.src, macNumber("00:50:56:01:02:03"));
  assert.equal(link.dst, undefined);
  assert.equal(link.ethertype, 0x0806);
  assert.deepEqual(link.cooked, { packetType: 1, hatype: 1, ifindex: undefined });
  assert.equal(link.payloadOffset, 16);
});

test("decodeLinuxSll2 reads the interface index, and unfolds a VLAN tag the kernel kept", () => {
  const frame = Uint8Array.from([
    0x81,
    0x00,
    0,
    0,
    0,
    0,
    0,
    7,
    0,
    1,
    4,
    6,
    ...mac,
    0,
    0,
    0x00,
    0x64,
    0x88,
    0xcc,
    9,
  ]);
  const link = decodeLinuxSll2(new ByteCursor(frame));
  assert.equal(link.cooked?.ifindex, 7);
  assert.equal(link.cooked?.packetType, 4);
  assert.deepEqual(
    link.vlans.map((v) => v.vid),
    [100],
  );
  assert.equal(link.ethertype, 0x88cc);
  assert.equal(link.payloadOffset, 24);
});

test("decodeLinuxSll: an address that is not 6 bytes gives no source MAC, a pseudo-protocol no ethertype", () => {
  const frame = Uint8Array.from([0, 0, 0x03, 0x04, 0, 0, ...new Array(8).fill(0), 0, 1]);
  const link = decodeLinuxSll(new ByteCursor(frame));
  assert.equal(link.src, undefined);
  assert.equal(link.ethertype, undefined);
});
