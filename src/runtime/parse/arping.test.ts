import assert from "node:assert/strict";
import { test } from "node:test";
import { parseArpingLine } from "./arping.js";

test("a reply gives the answering MAC and the round trip", () => {
  assert.deepEqual(parseArpingLine("Unicast reply from 10.77.0.1 [6E:2B:1C:0D:9A:11]  0.612ms"), {
    from: "10.77.0.1",
    mac: "6e:2b:1c:0d:9a:11",
    rtt_ms: 0.612,
  });
});

test("banner and totals are not replies", () => {
  assert.equal(parseArpingLine("ARPING 10.9.0.2 from 10.9.0.1 a0"), null);
  assert.equal(parseArpingLine("Sent 3 probes (3 broadcast(s))"), null);
});
