// Human text: grouped by subject, evidence quoted as file:line, fixes ready to copy.
// Every string that came from the input goes through `esc`: a name cannot move the cursor,
// retitle the terminal or add a line to the report.
import { escapeControl as esc } from "../../lib/text.js";
import { cablingLine } from "../cabling.js";
import { type DoctorReport, nothingToCheck } from "../engine.js";
import type { Finding, Severity } from "../types.js";

export interface TextOptions {
  color: boolean;
  /** Print explanations and fixes (default) or one line per finding. */
  brief?: boolean;
}

const CODES: Record<string, [number, number]> = {
  red: [31, 39],
  yellow: [33, 39],
  cyan: [36, 39],
  green: [32, 39],
  bold: [1, 22],
  dim: [2, 22],
};

/** Wraps text in an ANSI style when `color` is on; padding is done before painting. */
export function painter(color: boolean) {
  return (style: keyof typeof CODES, s: string) => {
    const c = CODES[style];
    return color && c ? `\u001b[${c[0]}m${s}\u001b[${c[1]}m` : s;
  };
}

const LABEL: Record<Severity, string> = { critical: "CRITICAL", warning: "WARNING", info: "INFO" };
export const SEVERITY_STYLE: Record<Severity, keyof typeof CODES> = {
  critical: "red",
  warning: "yellow",
  info: "cyan",
};

function wrap(text: string, width: number, indent: string): string {
  const out: string[] = [];
  for (const para of text.split("\n")) {
    let line = "";
    for (const word of para.split(/\s+/).filter(Boolean)) {
      if (line && line.length + word.length + 1 > width) {
        out.push(indent + line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(indent + line);
  }
  return out.join("\n");
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const n = { critical: 0, warning: 0, info: 0 };
  for (const f of findings) n[f.severity]++;
  return n;
}

function renderFinding(f: Finding, paint: ReturnType<typeof painter>, brief: boolean): string[] {
  const lines = [
    `  ${paint(SEVERITY_STYLE[f.severity], LABEL[f.severity].padEnd(8))} ${paint("bold", esc(f.title))}  ${paint("dim", `[${f.rule}]`)}`,
  ];
  if (brief) return lines;
  lines.push(wrap(esc(f.explanation), 88, "           "));
  if (f.evidence.length > 0) {
    lines.push(`           ${paint("dim", "evidence:")}`);
    for (const e of f.evidence) {
      const where = esc(e.line > 0 ? `${e.file}:${e.line}` : e.file);
      lines.push(`             ${paint("dim", where)}  ${esc(e.text.trim())}`);
    }
  }
  if (f.fix.length > 0) {
    lines.push(`           ${paint("dim", "fix:")}`);
    for (const fix of f.fix) lines.push(`             ${esc(fix)}`);
  }
  return lines;
}

export function renderReportText(report: DoctorReport, options: TextOptions): string {
  const paint = painter(options.color);
  const n = countBySeverity(report.findings);
  const what = report.origin === "live" ? "this host" : `${report.origin} ${esc(report.root)}`;
  const host = report.hostname ? ` (${esc(report.hostname)})` : "";
  const status =
    report.status === "ok"
      ? paint("green", "OK")
      : paint(SEVERITY_STYLE[report.status], report.status.toUpperCase());
  const out = [
    `linkguard doctor: ${what}${host}`,
    `${status}  ${n.critical} critical, ${n.warning} warning, ${n.info} info  (${report.rulesRun} rules)`,
  ];
  const subjects = [...new Set(report.findings.map((f) => f.subject))];
  for (const subject of subjects) {
    out.push("", paint("bold", esc(subject)));
    for (const f of report.findings.filter((x) => x.subject === subject)) {
      out.push(...renderFinding(f, paint, options.brief ?? false));
    }
  }
  if (report.findings.length === 0)
    out.push(
      "",
      nothingToCheck(report.scope)
        ? "No bonds, teams, IPMP groups or DSR addresses here: nothing to check."
        : "No problems found with bonds, teams, IPMP groups or DSR addresses.",
    );
  if (report.neighbours !== undefined && !(options.brief ?? false)) {
    out.push("", paint("bold", "Cabled to (LLDP/CDP):"));
    for (const c of report.neighbours) out.push(`  ${esc(cablingLine(c))}`);
  }
  if (report.unseen.length > 0) {
    out.push("", paint("bold", "Not seen (the verdict may be incomplete):"));
    for (const u of report.unseen) out.push(`  - ${esc(u)}`);
  }
  if (report.silenced.length > 0)
    out.push("", paint("dim", `${report.silenced.length} finding(s) silenced by the config.`));
  return `${out.join("\n")}\n`;
}
