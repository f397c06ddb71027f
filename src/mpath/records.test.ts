import assert from "node:assert/strict";
import { test } from "node:test";
import type { WatchEvent } from "../events/types.js";
import { recorder, startedRecord } from "./records.js";

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

test("the start record names the groups, the probe paths, the metrics and which prober runs", () => {
  const groups = { runners: [1, 2], probePaths: () => 4 };
  const r = startedRecord(9, groups, {
    dryRun: true,
    listen: "127.0.0.1:9471",
    prober: { kind: "ping", reason: "LINKGUARD_PROBER=ping asks for ping/arping" },
  });
  // The link-event source is this machine's (the addon, or ip monitor): either is named.
  assert.match(
    r.detail,
    /^2 group\(s\), 4 probe paths, dry run, metrics http:\/\/127\.0\.0\.1:9471\/metrics; prober: ping\/arping \(LINKGUARD_PROBER=ping asks for ping\/arping\); link events: (native \(rtnetlink socket\)|ip monitor \(.+\))$/,
  );
  assert.deepEqual([r.t_ms, r.kind, r.data], [9, "mpath-started", { prober: "ping" }]);
  const quiet = startedRecord(9, groups, {
    dryRun: false,
    listen: null,
    prober: { kind: "ping", reason: "x" },
  });
  assert.match(quiet.detail, /^2 group\(s\), 4 probe paths, no metrics;/);
});
