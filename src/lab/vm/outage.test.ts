import assert from "node:assert/strict";
import { test } from "node:test";
import { pingStats } from "./outage.js";

const reply = (t: number, seq: number) =>
  `[${t.toFixed(6)}] 64 bytes from 10.77.0.10: icmp_seq=${seq} ttl=64 time=1.20 ms`;

test("pingStats measures the longest silence between replies as the outage", () => {
  const lines = [
    reply(100.0, 1),
    reply(100.1, 2),
    "no answer yet for icmp_seq=3",
    reply(101.6, 18),
    reply(101.7, 19),
  ];
  const s = pingStats(lines, 19, 101_800, 100);
  assert.equal(s.longest_gap_ms, 1500);
  assert.equal(s.gap_started_ms, 100_100);
  assert.equal(s.received, 4);
  assert.equal(s.unrecovered, false);
});

test("pingStats counts replies that stopped for good up to the end, and says so", () => {
  const s = pingStats([reply(100.0, 1), reply(100.1, 2)], 80, 108_100, 100);
  assert.equal(s.unrecovered, true);
  assert.equal(s.longest_gap_ms, 8000);
});
