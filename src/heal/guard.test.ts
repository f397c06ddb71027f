import assert from "node:assert/strict";
import { test } from "node:test";
import { DEFAULT_GUARD_LIMITS, guard } from "./guard.js";
import { bouncePlan, reenslavePlan, runPlan } from "./plan.js";

const live = { maxPerHour: 3, cooldownMs: 60_000, dryRun: false };
const members = [
  { name: "eth0", healthy: false },
  { name: "eth1", healthy: true },
];

test("dry run unless enabled", () => {
  assert.deepEqual(guard("eth0", { now_ms: 0, history: [], members }, DEFAULT_GUARD_LIMITS), {
    run: true,
    dryRun: true,
  });
});

test("never the last member that could carry traffic", () => {
  const d = guard(
    "eth0",
    {
      now_ms: 0,
      history: [],
      members: [
        { name: "eth0", healthy: false },
        { name: "eth1", healthy: false },
      ],
    },
    live,
  );
  assert.equal(d.run, false);
  assert.match(d.run ? "" : d.reason, /last member/);
});

test("cool-down, then the hourly limit", () => {
  assert.equal(guard("eth0", { now_ms: 30_000, history: [0], members }, live).run, false);
  assert.deepEqual(guard("eth0", { now_ms: 61_000, history: [0], members }, live), {
    run: true,
    dryRun: false,
  });
  const d = guard(
    "eth0",
    { now_ms: 1_000_000, history: [100_000, 300_000, 600_000], members },
    live,
  );
  assert.match(d.run ? "" : d.reason, /3 actions on eth0 in the last hour/);
  assert.equal(
    guard("eth0", { now_ms: 4_000_000, history: [100_000, 300_000, 600_000], members }, live).run,
    true,
    "an hour later it may run",
  );
});

test("not while LACP is still settling", () => {
  const d = guard("eth0", { now_ms: 0, history: [], members, lacpSettled: false }, live);
  assert.match(d.run ? "" : d.reason, /LACP is still settling/);
});

test("the plans are exact iproute2 calls (re-enslave cannot run on this kernel: no bonding)", () => {
  assert.deepEqual(reenslavePlan("bond0", "eno1").commands, [
    ["ip", "link", "set", "dev", "eno1", "nomaster"],
    ["ip", "link", "set", "dev", "eno1", "down"],
    ["ip", "link", "set", "dev", "eno1", "master", "bond0"],
    ["ip", "link", "set", "dev", "eno1", "up"],
  ]);
  assert.deepEqual(bouncePlan("eth0").commands, [
    ["ip", "link", "set", "dev", "eth0", "down"],
    ["ip", "link", "set", "dev", "eth0", "up"],
  ]);
  const r = runPlan("/usr/local/bin/page", "eth0", {
    kind: "tx-stall",
    subject: "eth0",
    detail: "d",
    t_ms: 5,
    incident_id: 7,
  });
  assert.equal(r.env?.LINKGUARD_EVENT_KIND, "tx-stall");
  assert.equal(r.env?.LINKGUARD_INCIDENT, "7");
});

test("a member whose own LACP works now is left alone; one that does not may be healed", () => {
  const working = guard(
    "eth0",
    { now_ms: 0, history: [], members, memberLacp: "aggregating" },
    live,
  );
  assert.equal(working.run, false);
  assert.match(!working.run ? working.reason : "", /eth0 is collecting and distributing now/);
  const broken = guard("eth0", { now_ms: 0, history: [], members, memberLacp: "broken" }, live);
  assert.deepEqual(broken, { run: true, dryRun: false });
});

test("a member negotiating again is not re-enslaved", () => {
  const d = guard("eth0", { now_ms: 0, history: [], members, memberLacp: "negotiating" }, live);
  assert.equal(d.run, false);
  assert.match(!d.run ? d.reason : "", /LACP is negotiating: not restarting it/);
});
