import assert from "node:assert/strict";
import { test } from "node:test";
import {
  RFC6298_BOUNDS,
  type RttEstimate,
  retransmitTimeout,
  UNBOUNDED,
  updateRtt,
} from "./rtt-estimator.js";

const feed = (samples: number[]): RttEstimate | null =>
  samples.reduce<RttEstimate | null>((e, r) => updateRtt(e, r), null);

test("the first round trip sets SRTT to R and RTTVAR to R/2 (RFC 6298 2.2)", () => {
  assert.deepEqual(updateRtt(null, 100), { srtt_ms: 100, rttvar_ms: 50 });
});

test("a later round trip moves RTTVAR by 1/4 from the old SRTT, then SRTT by 1/8 (RFC 6298 2.3)", () => {
  const e = updateRtt({ srtt_ms: 100, rttvar_ms: 50 }, 180);
  // RTTVAR = 3/4 * 50 + 1/4 * |100 - 180| = 57.5 (from the old SRTT, not the new one)
  assert.equal(e.rttvar_ms, 57.5);
  // SRTT = 7/8 * 100 + 1/8 * 180 = 110
  assert.equal(e.srtt_ms, 110);
});

test("a steady round trip converges: SRTT to it, RTTVAR towards 0", () => {
  const e = feed(Array.from({ length: 100 }, () => 20));
  assert.ok(e);
  assert.ok(Math.abs(e.srtt_ms - 20) < 1e-9);
  assert.ok(e.rttvar_ms < 1e-9);
});

test("RTO is SRTT + K * RTTVAR with K = 4, and at least SRTT + G", () => {
  const e = { srtt_ms: 1500, rttvar_ms: 250 };
  assert.equal(retransmitTimeout(e), 2500);
  const still = { srtt_ms: 1500, rttvar_ms: 0 };
  assert.equal(retransmitTimeout(still, { granularity_ms: 10, min_ms: 0, max_ms: 1e9 }), 1510);
});

test("RTO is rounded up to 1 s (RFC 6298 2.4) and capped at 60 s (2.5)", () => {
  assert.equal(retransmitTimeout({ srtt_ms: 2, rttvar_ms: 1 }), 1000);
  assert.equal(retransmitTimeout({ srtt_ms: 50_000, rttvar_ms: 10_000 }), 60_000);
  assert.deepEqual(RFC6298_BOUNDS, { granularity_ms: 1, min_ms: 1000, max_ms: 60_000 });
});

test("unbounded, the timeout is the longest round trip still expected (a probe's spike limit)", () => {
  const e = feed([2, 2.4, 1.8, 2.2]);
  assert.ok(e);
  assert.equal(retransmitTimeout(e, UNBOUNDED), e.srtt_ms + 4 * e.rttvar_ms);
  assert.ok(retransmitTimeout(e, UNBOUNDED) < 10);
});
