import assert from "node:assert/strict";
import { test } from "node:test";
import { renderJson } from "./json.js";

test("renderJson writes keys in snake_case, keeps data keys, drops undefined, nulls non-finite numbers", () => {
  const out = renderJson({
    firstTs: 1,
    perSecond: [{ t: 1 }],
    ethertypes: { "0x0806": 2 },
    gone: undefined,
    rate: Number.NaN,
  });
  assert.deepEqual(JSON.parse(out), {
    first_ts: 1,
    per_second: [{ t: 1 }],
    ethertypes: { "0x0806": 2 },
    rate: null,
  });
  assert.ok(out.endsWith("}\n"));
});
