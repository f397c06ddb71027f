import assert from "node:assert/strict";
import { test } from "node:test";
import { parseNeighboursJsonl } from "./neighbours-jsonl.js";

const line = (o: Record<string, unknown>) =>
  JSON.stringify({ ifname: "eno1", protocol: "lldp", ttl: 120, heardMs: 1_000_000, ...o });

test("parseNeighboursJsonl reads the watcher's table with the aggregation bits, one line per neighbour", () => {
  const text = `${line({ systemName: "sw-a", portId: "Ethernet1/5", vlan: 10, aggregation: { supported: true, enabled: false, portId: 0 } })}\n`;
  const { value, problems } = parseNeighboursJsonl(text, "run/linkguard/neighbours.jsonl");
  assert.deepEqual(problems, []);
  assert.equal(value[0]?.systemName, "sw-a");
  assert.equal(value[0]?.vlan, 10);
  assert.deepEqual(value[0]?.aggregation, { supported: true, enabled: false, portId: 0 });
  assert.equal(value[0]?.source.line, 1);
});

test("parseNeighboursJsonl drops neighbours whose TTL ran out by `now`, and names bad lines", () => {
  const text = [
    line({ ifname: "eno1" }),
    "not json",
    line({ ifname: "eno2", heardMs: 1_100_000 }),
    '{"protocol":"lldp"}',
  ].join("\n");
  const { value, problems } = parseNeighboursJsonl(text, "f", 1_000_000 + 121_000);
  assert.deepEqual(
    value.map((n) => n.ifname),
    ["eno2"],
  );
  assert.deepEqual(
    problems.map((p) => p.line),
    [2, 4],
  );
});
