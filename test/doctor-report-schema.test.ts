// The published JSON schemas (docs/doctor-report.schema.json, docs/doctor-fleet.schema.json)
// are what a consumer of `doctor --json` validates against with a JSON-schema tool. The zod
// parse elsewhere strips keys it does not know; a real JSON-schema validator does not (the
// schemas say additionalProperties: false), so this checks the contract as consumers see it,
// on every example and every fixture host.
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { Ajv2020 } from "ajv/dist/2020.js";
import { VERSION } from "../src/config/version.js";
import { diagnoseRoot } from "../src/doctor/diagnose-root.js";
import { renderReportJson } from "../src/doctor/render/json.js";
import { runCli } from "./support/cli.js";
import { REPO_ROOT, readRepoFile } from "./support/paths.js";

const BASES = ["examples", "test/fixtures/hosts"];

function validator(schemaFile: string) {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validate = ajv.compile(JSON.parse(readRepoFile(schemaFile)));
  return {
    ok: (data: unknown): boolean => validate(data) === true,
    errors: (): string => JSON.stringify(validate.errors, null, 2),
  };
}

function hostCases(): string[] {
  const out: string[] = [];
  for (const base of BASES) {
    for (const c of readdirSync(join(REPO_ROOT, base), { withFileTypes: true }))
      if (c.isDirectory()) out.push(join(base, c.name));
  }
  return out.sort();
}

const validReport = validator("docs/doctor-report.schema.json");

test("the report schema rejects what it must (the check below can fail)", async () => {
  const report = JSON.parse(
    renderReportJson(await diagnoseRoot(join(REPO_ROOT, "examples/000-lacp-no-partner")), VERSION),
  );
  assert.ok(validReport.ok(report), validReport.errors());
  report.findings[0].severity = "fatal";
  assert.equal(validReport.ok(report), false);
  delete report.findings[0].members;
  report.findings[0].severity = "critical";
  assert.equal(validReport.ok(report), false, "a finding without members must not validate");
});

for (const c of hostCases()) {
  test(`doctor --json on ${c} validates against docs/doctor-report.schema.json`, async () => {
    const report = JSON.parse(renderReportJson(await diagnoseRoot(join(REPO_ROOT, c)), VERSION));
    assert.ok(validReport.ok(report), `${c}: ${validReport.errors()}`);
  });
}

test("doctor --json on this host (/) validates against docs/doctor-report.schema.json", () => {
  const r = runCli(["doctor", "--json"]);
  assert.ok([0, 1, 2].includes(r.code ?? -1), r.stderr);
  assert.ok(validReport.ok(JSON.parse(r.stdout)), validReport.errors());
});

test("fleet --json over every example and fixture validates against docs/doctor-fleet.schema.json", () => {
  const validFleet = validator("docs/doctor-fleet.schema.json");
  const r = runCli(["doctor", "--json", ...BASES.flatMap((b) => ["--root", b])]);
  assert.equal(r.code, 2, r.stderr);
  const fleet = JSON.parse(r.stdout);
  assert.equal(fleet.hosts.length, hostCases().length);
  assert.ok(validFleet.ok(fleet), validFleet.errors());
});
