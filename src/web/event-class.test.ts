import assert from "node:assert/strict";
import { test } from "node:test";
import { EVENT_KINDS } from "../events/types.js";
import { eventClass } from "./event-class.js";

test("eventClass pairs each failure kind with a recovery", () => {
  assert.equal(eventClass("link-down"), "failure");
  assert.equal(eventClass("link-up"), "recovery");
  assert.equal(eventClass("probe-loss"), "failure");
  assert.equal(eventClass("probe-recovered"), "recovery");
  assert.equal(eventClass("member-repaired"), "recovery");
});

test("eventClass draws kinds it does not know (a newer store) as notes", () => {
  assert.equal(eventClass("something-new"), "info");
  for (const k of EVENT_KINDS) assert.ok(["failure", "recovery", "info"].includes(eventClass(k)));
});
