// Runs every rule over a snapshot; a rule that throws becomes a finding, never a crash.
import type { HostSnapshot } from "../host/model.js";
import { type CabledInterface, cablingOf } from "./cabling.js";
import { namesNeedingQuotes, safeFix } from "./fix-safety.js";
import { loopbackVips } from "./loopback-vips.js";
import { RULES } from "./rules/index.js";
import { type Finding, type Rule, SEVERITY_ORDER, type Severity } from "./types.js";

/** `rule` silenced for `subject` ("*" = every subject). */
export interface Silence {
  rule: string;
  subject: string;
  reason?: string;
}

export interface DoctorReport {
  root: string;
  origin: HostSnapshot["origin"];
  hostname?: string;
  status: "ok" | "warning" | "critical";
  findings: Finding[];
  silenced: Finding[];
  unseen: string[];
  rulesRun: number;
  /** LLDP/CDP: which switch port each interface is cabled to (only when any is known). */
  neighbours?: CabledInterface[];
  /** What the host has that the rules judge: all zero means there was nothing to check. */
  scope: Scope;
}

export interface Scope {
  bonds: number;
  teams: number;
  ipmpGroups: number;
  dsrAddresses: number;
  configuredBonds: number;
}

/** How many bonds, teams, IPMP groups and DSR addresses (VIPs on lo) the snapshot holds. */
function scopeOf(s: HostSnapshot): Scope {
  return {
    bonds: s.bonds.length,
    teams: s.teams.length,
    ipmpGroups: new Set(s.ipmp.map((i) => i.group ?? `(no group) ${i.physical}`)).size,
    dsrAddresses: new Set(loopbackVips(s).map((v) => v.address)).size,
    configuredBonds: s.configuredBonds.length,
  };
}

/** Nothing the rules judge: no bond, team, IPMP interface or DSR address, running or configured. */
export const nothingToCheck = (s: Scope): boolean => Object.values(s).every((n) => n === 0);

/** The interfaces that belong to a subject: a bond's or team's members, an IPMP group's. */
function subjectMembers(s: HostSnapshot, subject: string): string[] {
  const bond = s.bonds.find((b) => b.name === subject);
  if (bond) return bond.slaves.map((m) => m.name);
  const team = s.teams.find((t) => t.name === subject);
  if (team) return team.ports.map((p) => p.name);
  const cfg = s.configuredBonds.find((c) => c.name === subject);
  const ipmp = s.ipmp.filter((i) => i.group === subject).map((i) => i.physical);
  return [...(cfg?.members ?? []), ...ipmp];
}

const wordIn = (text: string, name: string): boolean =>
  new RegExp(`(^|[\\s,(:;])${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[\\s,):;])`).test(text);

/** Every finding names its member interfaces in `members` (sorted, unique). */
function withMembers(f: Finding, s: HostSnapshot): Finding {
  const named = f.members ?? subjectMembers(s, f.subject).filter((m) => wordIn(f.title, m));
  return { ...f, members: [...new Set(named)].sort() };
}

function runRules(snapshot: HostSnapshot, rules: readonly Rule[] = RULES): Finding[] {
  const out: Finding[] = [];
  const names = namesNeedingQuotes(snapshot);
  for (const rule of rules) {
    try {
      for (const f of rule.check(snapshot))
        out.push(safeFix(withMembers(withUniqueEvidence(f), snapshot), names));
    } catch (err) {
      // A bug in one rule must not hide what the others found.
      out.push({
        rule: rule.id,
        severity: "warning",
        subject: "linkguard",
        title: `rule ${rule.id} failed: ${(err as Error).message}`,
        explanation:
          "This is a bug in linkguard; the other rules still ran. Please report it with the snapshot.",
        evidence: [],
        fix: [],
        members: [],
      });
    }
  }
  return out.sort(compareFindings);
}

/** The same line quoted twice proves nothing more: keep each file:line once. */
function withUniqueEvidence(f: Finding): Finding {
  const seen = new Set<string>();
  const evidence = f.evidence.filter((e) => {
    const key = `${e.file}:${e.line}:${e.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return evidence.length === f.evidence.length ? f : { ...f, evidence };
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    a.subject.localeCompare(b.subject) ||
    a.rule.localeCompare(b.rule) ||
    a.title.localeCompare(b.title)
  );
}

function isSilenced(f: Finding, silences: readonly Silence[]): boolean {
  return silences.some((s) => s.rule === f.rule && (s.subject === "*" || s.subject === f.subject));
}

function worstSeverity(findings: readonly Finding[]): DoctorReport["status"] {
  let worst: Severity | undefined;
  for (const f of findings) {
    if (worst === undefined || SEVERITY_ORDER[f.severity] < SEVERITY_ORDER[worst])
      worst = f.severity;
  }
  return worst === "critical" ? "critical" : worst === "warning" ? "warning" : "ok";
}

export function diagnose(
  snapshot: HostSnapshot,
  options: { silences?: readonly Silence[]; rules?: readonly Rule[] } = {},
): DoctorReport {
  const all = runRules(snapshot, options.rules);
  const silences = options.silences ?? [];
  const findings = all.filter((f) => !isSilenced(f, silences));
  const report: DoctorReport = {
    root: snapshot.root,
    origin: snapshot.origin,
    status: worstSeverity(findings),
    findings,
    silenced: all.filter((f) => isSilenced(f, silences)),
    unseen: snapshot.unseen,
    rulesRun: (options.rules ?? RULES).length,
    scope: scopeOf(snapshot),
  };
  if (snapshot.hostname !== undefined) report.hostname = snapshot.hostname;
  if (snapshot.neighbours.length > 0) report.neighbours = cablingOf(snapshot);
  return report;
}

/** Exit codes: 0 healthy (info only), 1 warnings, 2 critical. 3 (could not run) is the CLI's. */
export function exitCodeFor(status: DoctorReport["status"]): 0 | 1 | 2 {
  return status === "critical" ? 2 : status === "warning" ? 1 : 0;
}
