import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeLacpState, describeLacpState, lacpStateNames } from "./lacp-state.js";

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

test("describeLacpState names every set bit, Expired as LACPDUs that stopped arriving", () => {
  // 0x8d: actor port state of a port whose receive machine timed out (incident 004's shape)
  assert.equal(
    describeLacpState(decodeLacpState(0x8d)),
    "141 = Activity (active LACP), Aggregation (aggregatable), Synchronization (in sync), Expired (LACPDUs from the partner stopped arriving)",
  );
  assert.equal(describeLacpState(decodeLacpState(0)), "0 = no bit set");
});
