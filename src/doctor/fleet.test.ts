import assert from "node:assert/strict";
import { test } from "node:test";
import type { DoctorReport } from "./engine.js";
import {
  buildFleet,
  fleetExitCode,
  type HostOutcome,
  rootBaseName,
  shortRuleIds,
} from "./fleet.js";
import type { Finding, Severity } from "./types.js";

function finding(rule: string, severity: Severity, subject = "bond0"): Finding {
  return {
    rule,
    severity,
    subject,
    title: `${subject}: ${rule}`,
    explanation: "",
    evidence: [],
    fix: [],
  };
}

function reportOf(findings: Finding[], hostname?: string): DoctorReport {
  const worst = findings.some((f) => f.severity === "critical")
    ? "critical"
    : findings.some((f) => f.severity === "warning")
      ? "warning"
      : "ok";
  return {
    root: "ignored",
    origin: "sosreport",
    ...(hostname !== undefined ? { hostname } : {}),
    status: worst,
    findings,
    silenced: [],
    unseen: [],
    rulesRun: 22,
    scope: { bonds: 1, teams: 0, ipmpGroups: 0, dsrAddresses: 0, configuredBonds: 0 },
  };
}

const ok = (root: string, findings: Finding[], hostname?: string): HostOutcome => ({
  kind: "report",
  root,
  report: reportOf(findings, hostname),
});

test("buildFleet keeps the hosts in input order and puts the worst severity per rule in each cell", () => {
  const fleet = buildFleet([
    ok("sos/web01.tar.xz", [finding("bond-slave-down", "warning", "bond0")], "web01"),
    ok("sos/db07", [
      finding("bond-slave-down", "warning", "bond1"),
      finding("bond-slave-down", "critical", "bond0"),
      finding("bond-no-link-monitoring", "info"),
    ]),
    { kind: "error", root: "sos/junk.tar.gz", error: "sos/junk.tar.gz: not a readable tarball" },
  ]);
  assert.deepEqual(
    fleet.hosts.map((h) => [h.label, h.status, h.exit]),
    [
      ["web01", "warning", 1],
      ["db07", "critical", 2],
      ["junk", "error", 3],
    ],
  );
  assert.equal(fleet.hosts[0]?.cells.get("bond-slave-down"), "warning");
  assert.equal(fleet.hosts[1]?.cells.get("bond-slave-down"), "critical");
  assert.equal(fleet.hosts[1]?.cells.get("bond-no-link-monitoring"), "info");
  assert.equal(fleet.hosts[2]?.cells.size, 0);
  assert.equal(fleet.hosts[2]?.error, "not a readable tarball", "the root is not repeated");
});

test("buildFleet lists only rules that fired, worst first, then the most widespread", () => {
  const fleet = buildFleet([
    ok("a", [finding("bond-single-slave", "warning"), finding("bond-arp-validate", "warning")]),
    ok("b", [finding("bond-single-slave", "warning"), finding("lacp-no-partner", "critical")]),
    ok("c", [finding("bond-no-link-monitoring", "info")]),
  ]);
  assert.deepEqual(
    fleet.rules.map((r) => [r.id, r.worst, r.hosts]),
    [
      ["lacp-no-partner", "critical", 1],
      ["bond-single-slave", "warning", 2],
      ["bond-arp-validate", "warning", 1],
      ["bond-no-link-monitoring", "info", 1],
    ],
  );
  assert.deepEqual(fleet.summary, { hosts: 3, ok: 1, warning: 1, critical: 1, error: 0, exit: 2 });
});

test("fleetExitCode: critical beats an unreadable root, which beats warnings", () => {
  assert.equal(fleetExitCode(["ok", "error", "critical", "warning"]), 2);
  assert.equal(fleetExitCode(["ok", "warning", "error"]), 3);
  assert.equal(fleetExitCode(["error", "error"]), 3);
  assert.equal(fleetExitCode(["ok", "warning"]), 1);
  assert.equal(fleetExitCode(["ok", "ok"]), 0);
});

test("a host without a hostname is named after its root, tarball extension dropped", () => {
  assert.equal(rootBaseName("tickets/4711/sosreport-web01-2026.tar.xz"), "sosreport-web01-2026");
  assert.equal(rootBaseName("snap/db07.tgz"), "db07");
  assert.equal(rootBaseName("fixtures/hosts/rr-no-slaves/"), "rr-no-slaves");
  assert.equal(rootBaseName("/"), "/");
});

test("two reports with one hostname stay apart by their root's name", () => {
  const fleet = buildFleet([
    ok("in/sosreport-web01-before.tar.xz", [], "web01"),
    ok("in/sosreport-web01-after.tar.xz", [], "web01"),
    ok("in/db07", [], "db07"),
  ]);
  assert.deepEqual(
    fleet.hosts.map((h) => h.label),
    ["web01 (sosreport-web01-before)", "web01 (sosreport-web01-after)", "db07"],
  );
});

test("shortRuleIds gives initials, unique even when two rules share them", () => {
  const shorts = shortRuleIds([
    "lacp-no-partner",
    "bond-slave-down",
    "bond-single-down",
    "input-unparseable",
    "lacp-partner-out-of-sync",
  ]);
  assert.deepEqual(Object.fromEntries(shorts), {
    "lacp-no-partner": "lnp",
    "bond-slave-down": "bsd",
    "bond-single-down": "bs2",
    "input-unparseable": "iu",
    "lacp-partner-out-of-sync": "lpo",
  });
});
