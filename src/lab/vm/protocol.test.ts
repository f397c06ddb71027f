import assert from "node:assert/strict";
import { test } from "node:test";
import { decode, encode, LineFramer } from "./protocol.js";

test("LineFramer returns whole lines only and keeps the unfinished tail for the next chunk", () => {
  const f = new LineFramer();
  assert.deepEqual(f.push('{"id":1,"li'), []);
  assert.deepEqual(f.push('ne":"a"}\n{"id":2'), ['{"id":1,"line":"a"}']);
  assert.deepEqual(f.push(',"line":"b"}\n\n'), ['{"id":2,"line":"b"}']);
});

test("decode round-trips what encode wrote and ignores console noise", () => {
  const msg = { id: 3, argv: ["cat", "/proc/net/bonding/bond0"], timeoutMs: 5000 };
  assert.deepEqual(decode(encode(msg).trim()), msg);
  assert.equal(decode("[    1.234] random: crng init done"), undefined);
  assert.equal(decode("42"), undefined);
});
