// The Prometheus files we ship (packaging/prometheus) as Prometheus itself reads them: promtool
// checks the rules and the scrape example and runs the rules' unit tests. A failure shows
// promtool's own output.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";
import { parse } from "yaml";
import { REPO_ROOT, readRepoFile } from "./support/paths.js";
import { needs } from "./support/requires.js";

const DIR = join(REPO_ROOT, "packaging", "prometheus");
const skip = needs({ tools: ["promtool"] });

function promtool(args: string[]): void {
  const r = spawnSync("promtool", args, { cwd: DIR, encoding: "utf8", timeout: 60_000 });
  assert.equal(
    r.status,
    0,
    `promtool ${args.join(" ")} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`,
  );
}

interface Rule {
  alert?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
interface RuleTest {
  name: string;
  alert_rule_test?: { alertname: string; exp_alerts: unknown[] }[];
}

const alerts = (): Rule[] =>
  (
    parse(readRepoFile("packaging/prometheus/linkguard.rules.yml")) as {
      groups: { rules: Rule[] }[];
    }
  ).groups
    .flatMap((g) => g.rules)
    .filter((r) => r.alert !== undefined);

test("promtool check rules accepts linkguard.rules.yml", { skip }, () => {
  promtool(["check", "rules", "linkguard.rules.yml"]);
});

test("promtool test rules passes every case in linkguard.rules.test.yml", { skip }, () => {
  promtool(["test", "rules", "linkguard.rules.test.yml"]);
});

test("promtool check config accepts the scrape example (and the rules it loads)", { skip }, () => {
  promtool(["check", "config", "prometheus.yml"]);
});

test("the scrape example scrapes watch on 9469 and mpath on 9471, with a host label", () => {
  const cfg = parse(readRepoFile("packaging/prometheus/prometheus.yml")) as {
    scrape_configs: {
      job_name: string;
      static_configs: { targets: string[] }[];
      relabel_configs?: { target_label?: string }[];
    }[];
  };
  const job = (name: string) => cfg.scrape_configs.find((j) => j.job_name === name);
  for (const [name, port] of [
    ["linkguard-watch", ":9469"],
    ["linkguard-mpath", ":9471"],
  ] as const) {
    const j = job(name);
    assert.ok(j, `no job ${name}: the rules' up{job=...} alerts name it`);
    for (const t of j.static_configs.flatMap((s) => s.targets))
      assert.ok(t.endsWith(port), `${name} target ${t} should use port ${port}`);
    assert.ok(
      j.relabel_configs?.some((r) => r.target_label === "host"),
      `${name} sets no host label`,
    );
  }
});

test("every alert has a for:, a severity and annotations naming the host", () => {
  const list = alerts();
  assert.ok(list.length >= 7);
  for (const r of list) {
    assert.ok(r.for, `${r.alert}: no for:`);
    assert.match(r.labels?.severity ?? "", /^(warning|critical)$/, `${r.alert}: severity`);
    assert.ok(r.annotations?.summary, `${r.alert}: no summary`);
    assert.ok(r.annotations?.description, `${r.alert}: no description`);
    // The one fleet-wide alert (absent) has no host to name.
    if (!r.expr.startsWith("absent("))
      assert.match(
        r.annotations?.summary ?? "",
        /\$labels\.host/,
        `${r.alert}: summary names no host`,
      );
  }
});

test("every alert has a unit test where it fires and one where it does not", () => {
  const tests = (
    parse(readRepoFile("packaging/prometheus/linkguard.rules.test.yml")) as { tests: RuleTest[] }
  ).tests.flatMap((t) => t.alert_rule_test ?? []);
  const missing: string[] = [];
  for (const r of alerts()) {
    const cases = tests.filter((t) => t.alertname === r.alert);
    if (!cases.some((c) => c.exp_alerts.length > 0))
      missing.push(`${r.alert}: no case where it fires`);
    if (!cases.some((c) => c.exp_alerts.length === 0))
      missing.push(`${r.alert}: no case where it stays quiet`);
  }
  assert.deepEqual(missing, []);
});
