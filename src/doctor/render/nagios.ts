// Nagios/Icinga plugin output: one status line with perfdata; the exit code carries the state.
import { escapeControl } from "../../lib/text.js";
import { type DoctorReport, nothingToCheck } from "../engine.js";
import { countBySeverity } from "./text.js";

/**
 * Input text in the status line: `|` would start the perfdata (a name could inject its own
 * values before the real ones) and a newline the long output, so `|` goes and controls are
 * shown escaped.
 */
export function nagiosText(s: string): string {
  return escapeControl(s).replaceAll("|", "");
}

const STATE = { ok: "OK", warning: "WARNING", critical: "CRITICAL" } as const;

export function renderReportNagios(report: DoctorReport): string {
  const n = countBySeverity(report.findings);
  const worst = report.findings.filter((f) => f.severity !== "info").slice(0, 3);
  const summary =
    worst.length === 0
      ? nothingToCheck(report.scope)
        ? "no bonds, teams, IPMP groups or DSR addresses here: nothing to check"
        : "no redundancy problems"
      : worst.map((f) => `${nagiosText(f.subject)} ${f.rule}`).join(", ") +
        (report.findings.length > worst.length ? ", ..." : "");
  const perf = `critical=${n.critical};;1 warning=${n.warning};1 info=${n.info}`;
  return `LINKGUARD ${STATE[report.status]} - ${n.critical} critical, ${n.warning} warning: ${summary} | ${perf}\n`;
}
