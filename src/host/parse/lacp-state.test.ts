import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeLacpState, lacpStateNames } from "./lacp-state.js";

test("decodeLacpState reads 63 as active, fast, aggregatable, in sync, collecting, distributing", () => {
  const s = decodeLacpState(63);
  assert.deepEqual(lacpStateNames(s), [
    "activity",
    "short-timeout",
    "aggregation",
    "synchronization",
    "collecting",
    "distributing",
  ]);
  assert.equal(s.defaulted, false);
});

test("decodeLacpState reads 71 (incident 000's actor) as defaulted without synchronisation", () => {
  const s = decodeLacpState(71);
  assert.equal(s.defaulted, true);
  assert.equal(s.synchronization, false);
  assert.equal(s.lacpActivity, true);
});

test("decodeLacpState reads bit 7 as expired", () => {
  assert.equal(decodeLacpState(0x80).expired, true);
  assert.deepEqual(lacpStateNames(decodeLacpState(0)), []);
});
