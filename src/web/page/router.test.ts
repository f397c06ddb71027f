import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseRoute, timelineHash } from "./router.js";

describe("page routes", () => {
  it("reads the views a pasted link names", () => {
    assert.deepEqual(parseRoute(""), { kind: "timeline", from: null, to: null, last: null });
    assert.deepEqual(parseRoute(timelineHash(1000.4, 2000.6)), {
      kind: "timeline",
      from: 1000,
      to: 2001,
      last: null,
    });
    assert.deepEqual(parseRoute(timelineHash(1000, 61_000, true)), {
      kind: "timeline",
      from: null,
      to: null,
      last: 60_000,
    });
    assert.deepEqual(parseRoute("#/incidents"), { kind: "incidents" });
    assert.deepEqual(parseRoute("#/incidents/12"), { kind: "incident", id: 12 });
    assert.deepEqual(parseRoute("#/health"), { kind: "health" });
  });

  it("does not guess at a broken link", () => {
    for (const hash of ["#/incidents/12x", "#/incidents/1/2", "#/nope"])
      assert.equal(parseRoute(hash).kind, "not-found", hash);
    assert.deepEqual(parseRoute("#/timeline?from=abc&to=5"), {
      kind: "timeline",
      from: null,
      to: 5,
      last: null,
    });
  });
});
