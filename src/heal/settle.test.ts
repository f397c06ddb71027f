import assert from "node:assert/strict";
import { test } from "node:test";
import { DEFAULT_SETTLE_MS, settleMs } from "./settle.js";

test("the settle window: three LACP timeouts of the bond's lacp_rate, unless configured", () => {
  assert.equal(settleMs(undefined, { mode: "802.3ad", lacpRate: "fast" }), 9_000);
  assert.equal(settleMs(undefined, { mode: "802.3ad", lacpRate: "slow" }), 270_000);
  assert.equal(settleMs(undefined, { mode: "802.3ad" }), 270_000, "slow is the kernel default");
  assert.equal(settleMs(undefined, { mode: "active-backup" }), DEFAULT_SETTLE_MS);
  assert.equal(settleMs(undefined, undefined), DEFAULT_SETTLE_MS, "not a bond member");
  assert.equal(settleMs(0, { mode: "802.3ad", lacpRate: "fast" }), 0, "settle_s: 0 is honoured");
  assert.equal(settleMs(30_000, undefined), 30_000);
});
