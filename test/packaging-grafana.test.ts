// The Grafana dashboard and the alert rules may only use metrics that docs/metrics.md documents,
// and docs/metrics.md documents exactly what the code registers (watch and mpath). A renamed
// metric then fails here, naming the panel or rule, instead of leaving an empty panel.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { parse, stringify } from "yaml";
import { MpathMetrics } from "../src/mpath/metrics.js";
import { WatchMetrics } from "../src/watch/metrics.js";
import {
  asPromQl,
  type Dashboard,
  dashboard,
  dashboardExprs,
  type Panel,
} from "./support/grafana.js";
import { readRepoFile } from "./support/paths.js";
import { needs } from "./support/requires.js";

/** Metric names in docs/metrics.md's tables (first column) with their type (second). */
function documented(): Map<string, string> {
  const docs = new Map<string, string>();
  for (const m of readRepoFile("docs/metrics.md").matchAll(
    /^\| `(linkguard_[a-z0-9_]+)` \| (\w+) \|/gm,
  ))
    docs.set(m[1] as string, m[2] as string);
  return docs;
}

/** linkguard_* names in an expression; histogram suffixes only for documented histograms. */
function metricNames(expr: string, docs: Map<string, string>): string[] {
  return [...expr.matchAll(/linkguard_[a-z0-9_]+/g)].map(([name]) => {
    const base = name.replace(/_(bucket|sum|count)$/, "");
    return base !== name && docs.get(base) === "histogram" ? base : name;
  });
}

function undocumented(uses: { where: string; expr: string }[]): string[] {
  const docs = documented();
  return uses.flatMap(({ where, expr }) =>
    metricNames(expr, docs)
      .filter((n) => !docs.has(n))
      .map((n) => `${where} uses ${n}, which docs/metrics.md does not list`),
  );
}

/** Grafana's own variable syntax, not a JavaScript template. */
const DS_VARIABLE = "$" + "{DS_PROMETHEUS}";

test("docs/metrics.md lists exactly the metrics watch and mpath register", async () => {
  const code = [
    ...new WatchMetrics("native").registry.getMetricsAsArray(),
    ...new MpathMetrics(() => [], "native").registry.getMetricsAsArray(),
  ].map((m) => m.name);
  // Both serve linkguard_prober_info (once a prober is chosen): documented once.
  assert.deepEqual([...documented().keys()].sort(), [...new Set(code)].sort());
});

test("every metric in the Grafana dashboard is documented", () => {
  const uses = dashboardExprs(dashboard());
  // Panels inside collapsed rows and the variables' queries are found too.
  assert.ok(
    uses.some((u) => u.where.includes(" > panel ")),
    "no panel inside a row found",
  );
  assert.ok(
    uses.some((u) => u.where.startsWith("variable ")),
    "no variable query found",
  );
  assert.deepEqual(undocumented(uses), []);
});

test("every metric in the alert rules is documented", () => {
  const rules = parse(readRepoFile("packaging/prometheus/linkguard.rules.yml")) as {
    groups: { rules: { alert?: string; record?: string; expr: string }[] }[];
  };
  const uses = rules.groups
    .flatMap((g) => g.rules)
    .map((r) => ({ where: `rule ${r.alert ?? r.record}`, expr: r.expr }));
  assert.deepEqual(undocumented(uses), []);
});

test("the check names the panel and the metric that is missing", () => {
  const broken: Dashboard = {
    schemaVersion: 39,
    templating: { list: [] },
    panels: [
      {
        title: "Probes",
        type: "row",
        panels: [
          { title: "Jitter", targets: [{ expr: "rate(linkguard_probe_jitter_seconds[1m])" }] },
        ],
      },
    ],
  };
  assert.deepEqual(undocumented(dashboardExprs(broken)), [
    'panel "Probes" > panel "Jitter" uses linkguard_probe_jitter_seconds, which docs/metrics.md does not list',
  ]);
});

test("the dashboard is importable: schema 39, every panel on the DS_PROMETHEUS variable", () => {
  const d = dashboard();
  assert.equal(d.schemaVersion, 39);
  assert.ok(d.templating.list.some((v) => v.name === "DS_PROMETHEUS" && v.type === "datasource"));
  for (const name of ["host", "interface"])
    assert.ok(
      d.templating.list.some((v) => v.name === name),
      `no $${name} variable`,
    );
  const all: Panel[] = [];
  const walk = (ps: Panel[]) => {
    for (const p of ps) {
      all.push(p);
      walk(p.panels ?? []);
    }
  };
  walk(d.panels);
  for (const p of all.filter((x) => x.type !== "row"))
    assert.equal(p.datasource?.uid, DS_VARIABLE, `panel "${p.title}" datasource`);
  const titles = all.map((p) => p.title);
  for (const t of [
    "Hosts with open incidents",
    "Bonds degraded",
    "Traffic per interface (bits/s)",
    "Link up",
    "Carrier changes",
    "Probe RTT per target",
    "Probe loss per target",
    "LACP partner in sync",
    "mpath group state",
    "Events by kind",
  ])
    assert.ok(titles.includes(t), `no panel "${t}"`);
});

/** `promtool check rules` on the queries as recording rules: promtool parses every expression. */
function checkAsRules(exprs: string[]): { status: number | null; out: string } {
  const dir = mkdtempSync(join(tmpdir(), "linkguard-grafana-promql-"));
  try {
    const file = join(dir, "queries.yml");
    const rules = exprs.map((expr, i) => ({ record: `grafana:query_${i}`, expr }));
    writeFileSync(file, stringify({ groups: [{ name: "grafana-queries", rules }] }));
    const r = spawnSync("promtool", ["check", "rules", file], {
      encoding: "utf8",
      timeout: 60_000,
    });
    return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("every dashboard query is PromQL that Prometheus accepts (promtool)", {
  skip: needs({ tools: ["promtool"] }),
}, () => {
  const uses = dashboardExprs(dashboard());
  const r = checkAsRules(uses.map((u) => asPromQl(u.expr)));
  const where = uses.map((u, i) => `grafana:query_${i} = ${u.where}: ${asPromQl(u.expr)}`);
  assert.equal(r.status, 0, `promtool:\n${r.out}\n${where.join("\n")}`);
  assert.match(r.out, new RegExp(`SUCCESS: ${uses.length} rules found`));
});

test("a broken dashboard query is caught by the PromQL check's substitution and promtool", {
  skip: needs({ tools: ["promtool"] }),
}, () => {
  assert.equal(
    asPromQl(
      `rate(linkguard_interface_bytes_total{host=~"$host",interface=~"${"$"}{interface}"}[$__rate_interval])`,
    ),
    'rate(linkguard_interface_bytes_total{host=~"web01|db07",interface=~"web01|db07"}[1m])',
  );
  assert.equal(
    asPromQl('label_values(linkguard_link_up{host=~"$host"}, interface)'),
    'linkguard_link_up{host=~"web01|db07"}',
  );
  const r = checkAsRules([asPromQl("rate(linkguard_link_up[$__rate_interval)")]);
  assert.notEqual(r.status, 0, "promtool accepted a query with an unclosed bracket");
});
