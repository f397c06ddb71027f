// Many hosts at once: per-host reports (or the reason a root could not be read) folded into a
// host × rule matrix with one exit code for the whole fleet. Pure: the CLI does the reading.
import { type DoctorReport, exitCodeFor } from "./engine.js";
import { type Finding, SEVERITY_ORDER, type Severity } from "./types.js";

/** What the CLI got for one root, in the order the user gave the roots. */
export type HostOutcome =
  | { kind: "report"; root: string; report: DoctorReport }
  | { kind: "error"; root: string; error: string };

export type FleetStatus = DoctorReport["status"] | "error";

export interface FleetHost {
  root: string;
  /** The report's hostname, else the root's base name without its tarball extension. */
  label: string;
  hostname?: string;
  status: FleetStatus;
  exit: 0 | 1 | 2 | 3;
  error?: string;
  report?: DoctorReport;
  /** Worst severity per rule id that fired on this host. */
  cells: Map<string, Severity>;
}

interface FleetRule {
  id: string;
  /** A few letters for the table header, unique within this fleet. */
  short: string;
  worst: Severity;
  /** How many hosts it fired on. */
  hosts: number;
}

interface FleetSummary {
  hosts: number;
  ok: number;
  warning: number;
  critical: number;
  error: number;
  exit: 0 | 1 | 2 | 3;
}

export interface Fleet {
  hosts: FleetHost[];
  rules: FleetRule[];
  summary: FleetSummary;
}

const TARBALL_SUFFIX = /\.(tar\.xz|tar\.gz|tar\.bz2|tar\.zst|tgz|txz|tar)$/i;

/** "in/sosreport-web01-2026.tar.xz" -> "sosreport-web01-2026"; trailing slashes ignored. */
export function rootBaseName(root: string): string {
  const parts = root.split(/[\\/]+/).filter(Boolean);
  const base = parts[parts.length - 1] ?? root;
  return base.replace(TARBALL_SUFFIX, "") || base;
}

/**
 * One exit code for the fleet, as on-call reads it: a critical host wins (act now); then a
 * root that could not be read (3: the check did not cover every host, never hide that behind
 * a warning or an OK); then warnings; 0 only when every host was read and is healthy.
 */
export function fleetExitCode(statuses: readonly FleetStatus[]): 0 | 1 | 2 | 3 {
  if (statuses.includes("critical")) return 2;
  if (statuses.includes("error")) return 3;
  if (statuses.includes("warning")) return 1;
  return 0;
}

function worstPerRule(findings: readonly Finding[]): Map<string, Severity> {
  const cells = new Map<string, Severity>();
  for (const f of findings) {
    const seen = cells.get(f.rule);
    if (seen === undefined || SEVERITY_ORDER[f.severity] < SEVERITY_ORDER[seen])
      cells.set(f.rule, f.severity);
  }
  return cells;
}

/**
 * Initials of the kebab-case words, at most 3 letters ("lacp-no-partner" -> "lnp"); a clash
 * ends in a digit instead ("bsd", "bs2"). Assigned in the given order, so stable per input.
 */
export function shortRuleIds(ids: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const taken = new Set<string>();
  for (const id of ids) {
    const initials = id
      .split("-")
      .filter(Boolean)
      .map((w) => w[0])
      .join("")
      .slice(0, 3);
    let short = initials.length >= 2 ? initials : id.slice(0, 3);
    for (let n = 2; taken.has(short); n++) short = `${short.slice(0, 2)}${n}`;
    taken.add(short);
    out.set(id, short);
  }
  return out;
}

function toHost(outcome: HostOutcome): FleetHost {
  if (outcome.kind === "error") {
    // The reader names the root first ("x.tar.gz: not a readable tarball"); the row already does.
    const prefix = `${outcome.root}: `;
    const error = outcome.error.startsWith(prefix)
      ? outcome.error.slice(prefix.length)
      : outcome.error;
    return {
      root: outcome.root,
      label: rootBaseName(outcome.root),
      status: "error",
      exit: 3,
      error,
      cells: new Map(),
    };
  }
  const { report } = outcome;
  const host: FleetHost = {
    root: outcome.root,
    label: report.hostname ?? rootBaseName(outcome.root),
    status: report.status,
    exit: exitCodeFor(report.status),
    report,
    cells: worstPerRule(report.findings),
  };
  if (report.hostname !== undefined) host.hostname = report.hostname;
  return host;
}

/** Two sosreports of the same host (say, before and after a change) must stay apart. */
function disambiguateLabels(hosts: FleetHost[]): void {
  const count = new Map<string, number>();
  for (const h of hosts) count.set(h.label, (count.get(h.label) ?? 0) + 1);
  for (const h of hosts) {
    const base = rootBaseName(h.root);
    if ((count.get(h.label) ?? 0) > 1 && base !== h.label) h.label = `${h.label} (${base})`;
  }
}

export function buildFleet(outcomes: readonly HostOutcome[]): Fleet {
  const hosts = outcomes.map(toHost);
  disambiguateLabels(hosts);
  const byRule = new Map<string, { id: string; worst: Severity; hosts: number }>();
  for (const h of hosts) {
    for (const [id, severity] of h.cells) {
      const r = byRule.get(id) ?? { id, worst: severity, hosts: 0 };
      r.hosts++;
      if (SEVERITY_ORDER[severity] < SEVERITY_ORDER[r.worst]) r.worst = severity;
      byRule.set(id, r);
    }
  }
  // Columns an SRE reads first: the worst, then the most widespread; the id breaks ties.
  const ordered = [...byRule.values()].sort(
    (a, b) =>
      SEVERITY_ORDER[a.worst] - SEVERITY_ORDER[b.worst] ||
      b.hosts - a.hosts ||
      a.id.localeCompare(b.id),
  );
  const shorts = shortRuleIds(ordered.map((r) => r.id));
  const rules = ordered.map((r) => ({ ...r, short: shorts.get(r.id) ?? r.id }));
  const statuses = hosts.map((h) => h.status);
  const tally = (s: FleetStatus) => statuses.filter((x) => x === s).length;
  return {
    hosts,
    rules,
    summary: {
      hosts: hosts.length,
      ok: tally("ok"),
      warning: tally("warning"),
      critical: tally("critical"),
      error: tally("error"),
      exit: fleetExitCode(statuses),
    },
  };
}
