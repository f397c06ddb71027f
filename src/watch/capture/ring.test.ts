import assert from "node:assert/strict";
import { test } from "node:test";
import { PacketRing } from "./ring.js";

test("the ring keeps the last N seconds", () => {
  const r = new PacketRing(30, 1e9);
  for (let t = 0; t <= 100; t++) r.push(1000 + t, new Uint8Array(60), 60);
  const c = r.contents();
  assert.equal(c[0]?.ts, 1070);
  assert.equal(c[c.length - 1]?.ts, 1100);
  assert.equal(r.size, 31);
});

test("the ring keeps at most M bytes", () => {
  const r = new PacketRing(1e9, 1000);
  for (let i = 0; i < 5000; i++) r.push(i, new Uint8Array(100), 100);
  assert.ok(r.byteSize <= 1000);
  assert.equal(r.size, 10);
  assert.equal(r.contents()[9]?.ts, 4999);
});

test("frames are copies: the reader may reuse its buffer", () => {
  const r = new PacketRing(10, 1e6);
  const buf = new Uint8Array([1, 2, 3]);
  r.push(1, buf, 3);
  buf[0] = 9;
  assert.equal(r.contents()[0]?.data[0], 1);
});
