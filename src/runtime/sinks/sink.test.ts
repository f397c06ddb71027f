import assert from "node:assert/strict";
import { test } from "node:test";
import { BoundedQueue } from "./sink.js";

test("BoundedQueue drop-newest keeps the first items and counts the rest", () => {
  const q = new BoundedQueue<number>(3);
  assert.deepEqual(
    [1, 2, 3, 4, 5].map((n) => q.push(n)),
    [true, true, true, false, false],
  );
  assert.equal(q.dropped, 2);
  assert.deepEqual(q.take(10), [1, 2, 3]);
});

test("BoundedQueue drop-oldest keeps the last items and counts the rest", () => {
  const q = new BoundedQueue<number>(3, "drop-oldest");
  for (const n of [1, 2, 3, 4, 5]) q.push(n);
  assert.equal(q.dropped, 2);
  assert.equal(q.length, 3);
  assert.deepEqual(q.take(10), [3, 4, 5]);
});

test("BoundedQueue stays first-in first-out across many wrap-arounds", () => {
  const q = new BoundedQueue<number>(4);
  const out: number[] = [];
  for (let n = 0; n < 100; n++) {
    q.push(n);
    if (q.length === 4) out.push(...q.take(3));
  }
  out.push(...q.take(100));
  assert.equal(q.dropped, 0);
  assert.deepEqual(
    out,
    Array.from({ length: 100 }, (_, i) => i),
  );
});

test("BoundedQueue.clear discards what is queued and counts it as dropped", () => {
  const q = new BoundedQueue<string>(5);
  q.push("a");
  q.push("b");
  assert.equal(q.clear(), 2);
  assert.equal(q.length, 0);
  assert.equal(q.dropped, 2);
  assert.equal(q.shift(), undefined);
});

test("BoundedQueue refuses a capacity that is not a positive integer", () => {
  assert.throws(() => new BoundedQueue(0), RangeError);
  assert.throws(() => new BoundedQueue(1.5), RangeError);
});
