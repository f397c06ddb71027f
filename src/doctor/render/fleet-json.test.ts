import assert from "node:assert/strict";
import { test } from "node:test";
import type { DoctorReport } from "../engine.js";
import { buildFleet } from "../fleet.js";
import { doctorFleetSchema } from "../fleet-report-schema.js";
import { renderFleetJson } from "./fleet-json.js";

const report: DoctorReport = {
  root: "sos/web01",
  origin: "sosreport",
  hostname: "web01",
  status: "warning",
  findings: [
    {
      rule: "bond-single-slave",
      severity: "warning",
      subject: "bond0",
      title: "t",
      explanation: "e",
      evidence: [{ file: "proc/net/bonding/bond0", line: 3, text: "x" }],
      fix: [],
      members: ["eth0"],
    },
  ],
  silenced: [],
  unseen: ["LACP partner details (needs CAP_NET_ADMIN)"],
  rulesRun: 22,
  scope: { bonds: 1, teams: 0, ipmpGroups: 0, dsrAddresses: 0, configuredBonds: 0 },
};

test("renderFleetJson matches the published schema, with the error for an unreadable root", () => {
  const fleet = buildFleet([
    { kind: "report", root: "sos/web01", report },
    { kind: "error", root: "sos/junk.tar.gz", error: "sos/junk.tar.gz: not a readable tarball" },
  ]);
  const doc = doctorFleetSchema.parse(JSON.parse(renderFleetJson(fleet, "0.1.0")));
  assert.deepEqual(
    doc.hosts[0]?.findings.map((f) => f.members),
    [["eth0"]],
  );
  assert.deepEqual(
    doc.hosts.map((h) => [h.root, h.hostname, h.status, h.exit, h.error]),
    [
      ["sos/web01", "web01", "warning", 1, undefined],
      ["sos/junk.tar.gz", undefined, "error", 3, "not a readable tarball"],
    ],
  );
  assert.deepEqual(doc.hosts[0]?.findings, report.findings);
  assert.deepEqual(doc.hosts[0]?.unseen, report.unseen);
  assert.deepEqual(doc.rules, [
    { id: "bond-single-slave", short: "bss", worst: "warning", hosts: 1 },
  ]);
  assert.equal(doc.summary.exit, 3);
});
