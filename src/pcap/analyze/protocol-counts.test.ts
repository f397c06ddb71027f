import assert from "node:assert/strict";
import { test } from "node:test";
import { addCounts } from "./protocol-counts.js";

test("addCounts adds every slot, across blocks of zeros and block edges alike", () => {
  const x = new Float64Array(65536);
  const y = new Float64Array(65536);
  const expected = new Float64Array(65536);
  for (const [i, a, b] of [
    [0, 1, 2],
    [511, 0, 5],
    [512, 7, 0],
    [0x0800, 3, 1e9],
    [0x86dd, 0, 4],
    [65535, 2, 3],
  ] as const) {
    x[i] = a;
    y[i] = b;
    expected[i] = a + b;
  }
  addCounts(x, y);
  assert.deepEqual(x, expected);
});

test("addCounts takes a shorter table as zeros past its end, and ignores a longer one's tail", () => {
  const x = Float64Array.from([1, 2, 3, 4]);
  addCounts(x, Float64Array.from([10, 20]));
  assert.deepEqual(x, Float64Array.from([11, 22, 3, 4]));
  addCounts(x, Float64Array.from([1, 1, 1, 1, 100]));
  assert.deepEqual(x, Float64Array.from([12, 23, 4, 5]));
});
