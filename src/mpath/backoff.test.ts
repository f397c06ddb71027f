import assert from "node:assert/strict";
import { test } from "node:test";
import { nextProbeInterval } from "./backoff.js";

test("slow targets double the spacing, up to ten times the configured one", () => {
  assert.equal(nextProbeInterval(100, 100, 95), 200);
  assert.equal(nextProbeInterval(100, 800, 1000), 1000);
  assert.equal(nextProbeInterval(100, 1000, 5000), 1000);
});

test("fast targets bring it back, never below the configured spacing", () => {
  assert.equal(nextProbeInterval(100, 400, 50), 200);
  assert.equal(nextProbeInterval(100, 150, 10), 100);
  assert.equal(nextProbeInterval(100, 100, 1), 100);
});

test("in between, nothing changes", () => {
  assert.equal(nextProbeInterval(100, 200, 100), 200);
});
