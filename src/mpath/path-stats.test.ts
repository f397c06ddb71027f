import assert from "node:assert/strict";
import { test } from "node:test";
import { newPathStats, recordProbe, worstRtt } from "./path-stats.js";

test("the first answer sets the deviation to half the round trip (RFC 6298 2.2)", () => {
  const s = newPathStats("eth0", "10.0.0.1");
  recordProbe(s, true, 20);
  assert.deepEqual([s.rtt_avg_ms, s.rtt_dev_ms], [20, 10]);
  assert.equal(worstRtt([s]), 60);
});

test("the deviation is updated from the old average, then the average (RFC 6298 2.3)", () => {
  const s = newPathStats("eth0", "10.0.0.1");
  recordProbe(s, true, 20);
  recordProbe(s, true, 36);
  // RTTVAR = 3/4 * 10 + 1/4 * |20 - 36| = 11.5; SRTT = 7/8 * 20 + 1/8 * 36 = 22.
  assert.deepEqual([s.rtt_avg_ms, s.rtt_dev_ms], [22, 11.5]);
  assert.equal(worstRtt([s]), 22 + 4 * 11.5);
});

test("lost probes count but teach nothing; a path with no answer has no worst RTT", () => {
  const s = newPathStats("eth1", "10.0.0.1");
  recordProbe(s, false, null);
  recordProbe(s, false, null);
  assert.deepEqual([s.sent, s.lost, s.rtt_avg_ms], [2, 2, null]);
  assert.equal(worstRtt([s]), null);
  const fast = newPathStats("eth0", "10.0.0.1");
  recordProbe(fast, true, 2);
  assert.equal(worstRtt([s, fast]), 6);
});
