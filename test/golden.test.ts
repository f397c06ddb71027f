// Case folders with expected output, run by one loop: ALL rules on EVERY case, so a rule's
// false positives on other hosts show up here. UPDATE_GOLDEN=1 rewrites; review the diff.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { diagnose } from "../src/doctor/engine.js";
import { readHost } from "../src/host/read/read-host.js";
import { REPO_ROOT } from "./support/paths.js";

interface GoldenFinding {
  rule: string;
  severity: string;
  subject: string;
  title: string;
  members: string[];
  evidence: string[];
}

function cases(): string[] {
  const out: string[] = [];
  for (const base of ["examples", "test/fixtures/hosts"]) {
    const dir = join(REPO_ROOT, base);
    if (!existsSync(dir)) continue;
    for (const c of readdirSync(dir, { withFileTypes: true }))
      if (c.isDirectory()) out.push(join(base, c.name));
  }
  return out.sort();
}

for (const c of cases()) {
  test(`doctor on ${c} gives the findings in its expected-findings.json`, () => {
    const dir = join(REPO_ROOT, c);
    const report = diagnose(readHost(dir, { live: false }));
    const actual: GoldenFinding[] = report.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      subject: f.subject,
      title: f.title,
      members: f.members ?? [],
      evidence: f.evidence.map((e) => `${e.file}:${e.line}`),
    }));
    const file = join(dir, "expected-findings.json");
    if (process.env.UPDATE_GOLDEN === "1")
      writeFileSync(file, `${JSON.stringify(actual, null, 2)}\n`);
    assert.ok(existsSync(file), `${file} is missing: run UPDATE_GOLDEN=1 npm test and review it`);
    assert.deepEqual(actual, JSON.parse(readFileSync(file, "utf8")));
  });
}

for (const c of cases()) {
  test(`every finding on ${c} names in members each member of its subject that its title names`, () => {
    const snap = readHost(join(REPO_ROOT, c), { live: false });
    for (const f of diagnose(snap).findings) {
      const bond = snap.bonds.find((b) => b.name === f.subject);
      const team = snap.teams.find((t) => t.name === f.subject);
      const own = bond?.slaves.map((s) => s.name) ?? team?.ports.map((p) => p.name) ?? [];
      const named = own.filter((m) => new RegExp(`(^|[\\s,(:;])${m}($|[\\s,):;])`).test(f.title));
      assert.ok(Array.isArray(f.members), `${f.rule}: members missing`);
      for (const m of named)
        assert.ok(f.members?.includes(m), `${f.rule} "${f.title}": ${m} not in members`);
    }
  });
}
