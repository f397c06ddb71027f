import assert from "node:assert/strict";
import { test } from "node:test";
import { TopCounter } from "./top-counter.js";

test("TopCounter counts packets and bytes per key and lists the top ones", () => {
  const c = new TopCounter();
  for (const [k, b] of [
    [1, 10],
    [2, 5],
    [1, 10],
    [3, 1],
    [2, 5],
    [1, 1],
  ] as const)
    c.add(k, b);
  assert.deepEqual(
    c.top(2).map((x) => [x.key, x.packets, x.bytes]),
    [
      [1, 3, 21],
      [2, 2, 10],
    ],
  );
  assert.equal(c.approximate, false);
});

test("TopCounter stays bounded: past its capacity it keeps the heavy hitters and says so", () => {
  const c = new TopCounter(100);
  for (let i = 0; i < 10_000; i++) {
    c.add(7, 1);
    c.add(1000 + i, 1);
  }
  assert.ok(c.size <= 101);
  assert.equal(c.approximate, true);
  assert.deepEqual(
    c.top(1).map((x) => [x.key, x.packets]),
    [[7, 10_000]],
  );
});
