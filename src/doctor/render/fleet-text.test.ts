import assert from "node:assert/strict";
import { test } from "node:test";
import type { DoctorReport } from "../engine.js";
import { buildFleet, type HostOutcome } from "../fleet.js";
import type { Finding, Severity } from "../types.js";
import { renderFleetText } from "./fleet-text.js";

function finding(rule: string, severity: Severity): Finding {
  return {
    rule,
    severity,
    subject: "bond0",
    title: `bond0: ${rule} fired`,
    explanation: "why",
    evidence: [],
    fix: ["fix it"],
  };
}

function host(root: string, hostname: string, findings: Finding[]): HostOutcome {
  const status = findings.some((f) => f.severity === "critical")
    ? "critical"
    : findings.some((f) => f.severity === "warning")
      ? "warning"
      : "ok";
  const report: DoctorReport = {
    root,
    origin: "sosreport",
    hostname,
    status,
    findings,
    silenced: [],
    unseen: [],
    rulesRun: 22,
    scope: { bonds: 1, teams: 0, ipmpGroups: 0, dsrAddresses: 0, configuredBonds: 0 },
  };
  return { kind: "report", root, report };
}

const SMALL = buildFleet([
  host("sos/web01", "web01", [
    finding("lacp-no-partner", "critical"),
    finding("bond-single-slave", "warning"),
  ]),
  host("sos/web02", "web02", [finding("bond-no-link-monitoring", "info")]),
  {
    kind: "error",
    root: "sos/junk.tar.gz",
    error: "sos/junk.tar.gz: not a readable tarball (gzip: stdin: not in gzip format)",
  },
]);

function rowOf(text: string, label: string): string[] {
  const line = text.split("\n").find((l) => l.startsWith(`${label} `));
  assert.ok(line, `no row for ${label}`);
  return line.trim().split(/\s+/);
}

test("renderFleetText shows one row per host with its status and the worst severity per rule", () => {
  const text = renderFleetText(SMALL, { width: 80 });
  assert.deepEqual(rowOf(text, "host"), ["host", "status", "lnp", "bss", "bnl"]);
  assert.deepEqual(rowOf(text, "web01"), ["web01", "CRIT", "C", "W", "·"]);
  assert.deepEqual(rowOf(text, "web02"), ["web02", "OK", "·", "·", "i"]);
  assert.match(text, /^junk +ERROR +not a readable tarball \(gzip: stdin: not in gzip format\)$/m);
  for (const entry of [
    "lnp lacp-no-partner",
    "bss bond-single-slave",
    "bnl bond-no-link-monitoring",
  ])
    assert.match(text, new RegExp(`(^|  )${entry}( |$)`, "m"), `legend entry ${entry}`);
  assert.match(
    text,
    /^linkguard doctor: 3 hosts: 1 critical, 0 warning, 1 ok, 1 could not be read$/m,
  );
});

test("renderFleetText lists each host's counts and findings below the table; --brief keeps the counts only", () => {
  const full = renderFleetText(SMALL, { width: 80 });
  assert.match(full, /^web01 {2}1 critical, 1 warning, 0 info {2}sos\/web01$/m);
  assert.match(full, /^ {2}CRITICAL bond0: lacp-no-partner fired {2}\[lacp-no-partner\]$/m);
  assert.match(
    full,
    /^junk {3}could not be read: not a readable tarball \(gzip: .*\) {2}sos\/junk\.tar\.gz$/m,
  );
  const brief = renderFleetText(SMALL, { width: 80, brief: true });
  assert.match(brief, /^web02 {2}0 critical, 0 warning, 1 info {2}sos\/web02$/m);
  assert.doesNotMatch(brief, /lacp-no-partner fired/);
});

test("with more rules than fit in 80 columns the columns wrap into blocks that repeat every host", () => {
  const ids = Array.from(
    { length: 30 },
    (_, i) => `rule-${String.fromCharCode(97 + (i % 26))}${i}-x`,
  );
  const fleet = buildFleet([
    host(
      "a",
      "a-very-long-hostname-that-goes-on.example.net",
      ids.map((id) => finding(id, "warning")),
    ),
    host("b", "b", [finding(ids[29] as string, "critical")]),
    { kind: "error", root: "c.tar.gz", error: "x".repeat(200) },
  ]);
  const text = renderFleetText(fleet, { width: 80 });
  const table = text.slice(0, text.indexOf("\nC critical"));
  for (const line of table.split("\n")) assert.ok([...line].length <= 80, `too wide: ${line}`);
  const blocks = text.match(/^rules \d+-\d+ of 30:$/gm) ?? [];
  assert.ok(blocks.length >= 2, "wrapped into blocks");
  assert.equal((text.match(/^b +CRIT /gm) ?? []).length, blocks.length, "host b in every block");
  assert.equal((text.match(/^a-very-long-hostname-th… +WARN /gm) ?? []).length, blocks.length);
  const cellsOf = (prefix: string) =>
    table
      .split("\n")
      .filter((l) => l.startsWith(prefix))
      .flatMap((l) => l.split(/\s+/).slice(2));
  assert.deepEqual(cellsOf("a-very"), Array(30).fill("W"));
  const b = cellsOf("b ");
  assert.equal(b.length, 30);
  assert.deepEqual([b.filter((c) => c === "C").length, b.filter((c) => c === "·").length], [1, 29]);
});

test("a wide terminal gets all the rule columns in one block", () => {
  const ids = Array.from({ length: 30 }, (_, i) => `rule-${i}`);
  const fleet = buildFleet([
    host(
      "a",
      "a",
      ids.map((id) => finding(id, "warning")),
    ),
  ]);
  assert.doesNotMatch(renderFleetText(fleet, { width: 200 }), /^rules \d/m);
});

test("with colour the statuses and cells are painted by severity, and the layout is the same", () => {
  const plain = renderFleetText(SMALL, { width: 80 });
  const coloured = renderFleetText(SMALL, { width: 80, color: true });
  const ESC = String.fromCharCode(27);
  const painted = (code: number, s: string) => `${ESC}[${code}m${s}${ESC}[39m`;
  assert.equal(coloured.split(ESC).length > 1, true, "escapes when asked");
  assert.equal(
    coloured.replace(new RegExp(`${ESC}\\[\\d+m`, "g"), ""),
    plain,
    "only escapes are added",
  );
  assert.equal(plain.includes(ESC), false, "no escapes unless asked");
  const line = (label: string) => coloured.split("\n").find((l) => l.startsWith(`${label} `)) ?? "";
  assert.ok(line("web01").includes(painted(31, "CRIT  ")), "critical status in red");
  assert.ok(line("web01").includes(`${painted(31, "   C")}${painted(33, "   W")}`), line("web01"));
  assert.ok(line("junk").includes(painted(31, "ERROR ")));
  assert.ok(line("web02").includes(painted(32, "OK    ")));
});
