// The watcher's events from a real bond (the VM lab's lacp-expired scenario, Debian's kernel):
// LACP expired on eth0 while its carrier stayed up. The incident they make must say so, not
// blame the path its probes lost as a consequence.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import type { WatchEvent } from "../src/events/types.js";
import { explainIncident } from "../src/watch/correlate/explain.js";
import { REPO_ROOT } from "./support/paths.js";

interface Recorded {
  kind: WatchEvent["kind"];
  severity: WatchEvent["severity"];
  subject: string;
  detail: string;
  data?: Record<string, unknown>;
  guest_t_ms: number;
}

const file = join(REPO_ROOT, "test/fixtures/real-kernel/lacp-expired-events.json");
const recorded = (JSON.parse(readFileSync(file, "utf8")) as { events: Recorded[] }).events;

test("a real bond's LACP expiring with carrier up makes an incident titled by LACP, not by the lost probes", () => {
  const events: WatchEvent[] = recorded.map((e, i) => ({
    id: i + 1,
    t_ms: e.guest_t_ms,
    kind: e.kind,
    severity: e.severity,
    subject: e.subject,
    detail: e.detail,
    ifname: e.subject.split(">")[0] ?? e.subject,
    data: e.data ?? {},
    host: "server",
  }));
  assert.ok(
    events.some((e) => e.kind === "probe-loss"),
    "the recording holds the probe loss it caused",
  );
  const { title, explanation } = explainIncident(events);
  assert.equal(title, "eth0: LACP died while the link was up");
  assert.match(
    explanation,
    /eth0: LACP died while its link was up \(eth0 actor LACP state: \+expired/,
  );
});
