import assert from "node:assert/strict";
import { test } from "node:test";
import type { WatchEvent } from "../events/types.js";
import { recorder } from "./records.js";

const record = {
  t_ms: 5,
  kind: "failover",
  severity: "warning" as const,
  subject: "10.0.0.50/24",
  detail: "moved",
  data: { group: "web" },
};

test("a record is one JSON line and one watcher event per output, per run", () => {
  const lines: string[] = [];
  const first: WatchEvent[] = [];
  const second: WatchEvent[] = [];
  recorder("h1", [(e) => first.push(e)], (l) => lines.push(l))(record);
  // A second run in the same process has its own outputs: nothing is recorded twice.
  recorder("h2", [(e) => second.push(e)], (l) => lines.push(l))(record);
  assert.deepEqual(lines, [`${JSON.stringify(record)}\n`, `${JSON.stringify(record)}\n`]);
  assert.equal(first.length, 1);
  assert.deepEqual(second, [{ ...record, host: "h2" }]);
});

test("kinds the watcher does not know are stored as mpath-started", () => {
  const events: WatchEvent[] = [];
  recorder("h", [(e) => events.push(e)], () => undefined)({ ...record, kind: "not-a-watch-kind" });
  assert.equal(events[0]?.kind, "mpath-started");
});
