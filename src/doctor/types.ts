// The doctor's contract: a rule is a pure function of a HostSnapshot returning findings.
import type { HostSnapshot } from "../host/model.js";
import type { Evidence } from "../lib/evidence.js";

export type Severity = "critical" | "warning" | "info";

export interface Finding {
  rule: string;
  severity: Severity;
  /** The bond, interface or group the finding is about ("host" when none fits). */
  subject: string;
  title: string;
  explanation: string;
  evidence: Evidence[];
  /** Copy-paste commands or config lines that fix it. */
  fix: string[];
  /**
   * The member interfaces (of the bond, team or IPMP group named by `subject`) this finding is
   * about, sorted; empty when it is about the subject as a whole. A rule may leave it out: the
   * engine then fills it with the subject's members that the title names.
   */
  members?: string[];
}

/** The rule's section in docs/rules.md is generated from this. */
interface RuleDoc {
  what: string;
  why: string;
  evidence: string;
  fix: string;
  references: string[];
}

export interface Rule {
  id: string;
  title: string;
  /** The worst severity this rule can raise. */
  severity: Severity;
  doc: RuleDoc;
  check(snapshot: HostSnapshot): Finding[];
}

export const SEVERITY_ORDER: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };
