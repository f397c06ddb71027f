import assert from "node:assert/strict";
import { test } from "node:test";
import { decideCapture } from "./budget.js";

const MB = 1024 * 1024;
const limits = { budgetBytes: 100 * MB, minFreeBytes: 50 * MB, maxPerHour: 3 };
const files = [
  { path: "/c/new.pcap", bytes: 30 * MB, mtime_ms: 3000 },
  { path: "/c/old.pcap", bytes: 40 * MB, mtime_ms: 1000 },
  { path: "/c/mid.pcap", bytes: 20 * MB, mtime_ms: 2000 },
];

test("within the budget nothing is deleted", () => {
  assert.deepEqual(decideCapture(files, 10_000 * MB, 0, 5 * MB, limits), {
    write: true,
    deleteFirst: [],
  });
});

test("over the budget the oldest files go first, just enough of them", () => {
  assert.deepEqual(decideCapture(files, 10_000 * MB, 0, 30 * MB, limits), {
    write: true,
    deleteFirst: ["/c/old.pcap"],
  });
  assert.deepEqual(decideCapture(files, 10_000 * MB, 0, 60 * MB, limits).deleteFirst, [
    "/c/old.pcap",
    "/c/mid.pcap",
  ]);
});

test("free space under the floor refuses, and says how much is free", () => {
  const d = decideCapture([], 40 * MB, 0, 1 * MB, limits);
  assert.equal(d.write, false);
  assert.match(d.write ? "" : d.reason, /only 40 MiB free, the floor is 50 MiB/);
});

test("the hourly rate limit refuses", () => {
  const d = decideCapture([], 10_000 * MB, 3, 1 * MB, limits);
  assert.equal(d.write, false);
  assert.match(d.write ? "" : d.reason, /rate limit/);
});

test("a ring bigger than the whole budget refuses without deleting anything", () => {
  assert.deepEqual(decideCapture(files, 10_000 * MB, 0, 200 * MB, limits), {
    write: false,
    reason: "a capture of 200 MiB exceeds the whole budget",
    deleteFirst: [],
  });
});
