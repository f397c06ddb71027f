// The fleet dashboard (packaging/grafana) as data: its PromQL queries with where each comes from,
// and a query as Grafana would send it to Prometheus.
import { readRepoFile } from "./paths.js";

export interface Panel {
  title?: string;
  type?: string;
  datasource?: { uid?: string };
  targets?: { expr?: string }[];
  panels?: Panel[];
}
export interface Dashboard {
  schemaVersion: number;
  panels: Panel[];
  templating: { list: { name: string; type: string; query?: string | { query?: string } }[] };
}

/** Every PromQL expression with where it comes from: panels, panels in rows, variables. */
export function dashboardExprs(d: Dashboard): { where: string; expr: string }[] {
  const out: { where: string; expr: string }[] = [];
  const walk = (panels: Panel[], path: string) => {
    for (const p of panels) {
      const where = `${path}panel "${p.title ?? "(untitled)"}"`;
      for (const t of p.targets ?? []) if (t.expr) out.push({ where, expr: t.expr });
      if (p.panels) walk(p.panels, `${where} > `);
    }
  };
  walk(d.panels, "");
  for (const v of d.templating.list) {
    if (v.type !== "query") continue;
    const q = typeof v.query === "string" ? v.query : v.query?.query;
    if (q) out.push({ where: `variable $${v.name}`, expr: q });
  }
  return out;
}

export const dashboard = () =>
  JSON.parse(readRepoFile("packaging/grafana/linkguard-fleet.json")) as Dashboard;

/**
 * A dashboard query as Prometheus receives it: Grafana's variables replaced the way Grafana
 * does (a multi-value variable becomes a regex alternation), and label_values(SELECTOR, label)
 * reduced to the selector it asks Prometheus about.
 */
export function asPromQl(expr: string, value = "web01|db07"): string {
  const labelValues = /^label_values\((.*),\s*[a-zA-Z_][a-zA-Z0-9_]*\)$/.exec(expr.trim());
  return (labelValues?.[1] ?? expr)
    .replaceAll("$__rate_interval", "1m")
    .replaceAll("$__interval", "15s")
    .replaceAll("$__range", "1h")
    .replace(/\$\{?([a-zA-Z_][a-zA-Z0-9_]*)(?::[a-z]+)?\}?/g, value);
}
