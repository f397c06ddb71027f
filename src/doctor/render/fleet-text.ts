// The fleet table for people: one row per host in input order, one narrow column per rule
// that fired anywhere. Too many rules for the width: the rule columns wrap into further
// blocks, each repeating the host and status columns (rows never move, so a host is on the
// same line of every block).
import { escapeControl as esc } from "../../lib/text.js";
import type { Fleet, FleetHost, FleetStatus } from "../fleet.js";
import type { Finding, Severity } from "../types.js";
import { countBySeverity, painter, SEVERITY_STYLE } from "./text.js";

export interface FleetTextOptions {
  /** Terminal width; the table never goes wider (80 when not on a terminal). */
  width: number;
  /** Table and counts only, no finding lines per host. */
  brief?: boolean;
  /** ANSI colours for statuses and cells (a terminal that wants them). */
  color?: boolean;
}

type Paint = ReturnType<typeof painter>;

const CELL: Record<Severity, string> = { critical: "C", warning: "W", info: "i" };
const NONE = "·";
const STATUS: Record<FleetStatus, string> = {
  ok: "OK",
  warning: "WARN",
  critical: "CRIT",
  error: "ERROR",
};
const SEVERITY_LABEL: Record<Severity, string> = {
  critical: "CRITICAL",
  warning: "WARNING",
  info: "INFO",
};
const MAX_HOST_WIDTH = 24;
const STATUS_WIDTH = 6;
const GAP = "  ";

function fit(text: string, width: number): string {
  return text.length <= width ? text.padEnd(width) : `${text.slice(0, Math.max(0, width - 1))}…`;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function cellOf(h: FleetHost, rule: string, width: number, paint: Paint): string {
  const severity = h.cells.get(rule);
  return severity === undefined
    ? paint("dim", NONE.padStart(width))
    : paint(SEVERITY_STYLE[severity], CELL[severity].padStart(width));
}

function statusOf(h: FleetHost, paint: Paint): string {
  const text = fit(STATUS[h.status], STATUS_WIDTH);
  if (h.status === "ok") return paint("green", text);
  return paint(h.status === "error" ? "red" : SEVERITY_STYLE[h.status], text);
}

function renderBlocks(fleet: Fleet, width: number, paint: Paint): string[] {
  const hostWidth = Math.min(
    MAX_HOST_WIDTH,
    Math.max(4, ...fleet.hosts.map((h) => h.label.length)),
  );
  const lead = hostWidth + GAP.length + STATUS_WIDTH;
  const colWidth = Math.max(3, ...fleet.rules.map((r) => r.short.length)) + 1;
  const perBlock = Math.max(1, Math.floor((width - lead - 1) / colWidth));
  const blocks = fleet.rules.length === 0 ? [[]] : chunk(fleet.rules, perBlock);
  const out: string[] = [];
  blocks.forEach((rules, b) => {
    if (blocks.length > 1) {
      const first = b * perBlock + 1;
      out.push(`rules ${first}-${first + rules.length - 1} of ${fleet.rules.length}:`);
    }
    const header = rules.map((r) => r.short.padStart(colWidth)).join("");
    out.push(`${fit("host", hostWidth)}${GAP}${fit("status", STATUS_WIDTH)}${header}`.trimEnd());
    for (const h of fleet.hosts) {
      const row =
        h.status === "error"
          ? ` ${fit(h.error ?? "", Math.max(1, width - lead - 1))}`
          : rules.map((r) => cellOf(h, r.id, colWidth, paint)).join("");
      out.push(`${fit(h.label, hostWidth)}${GAP}${statusOf(h, paint)}${row}`.trimEnd());
    }
    out.push("");
  });
  return out;
}

/** "lnp lacp-no-partner", as many to a line as the width allows. */
function renderLegend(fleet: Fleet, width: number): string[] {
  const out = [
    `${CELL.critical} critical  ${CELL.warning} warning  ${CELL.info} info  ${NONE} none  (worst finding of each rule on each host)`,
  ];
  const shortWidth = Math.max(3, ...fleet.rules.map((r) => r.short.length));
  const entries = fleet.rules.map((r) => `${r.short.padEnd(shortWidth)} ${r.id}`);
  const entryWidth = Math.max(0, ...entries.map((e) => e.length)) + 2;
  const perLine = Math.max(1, Math.floor((width + 2) / entryWidth));
  for (const line of chunk(entries, perLine))
    out.push(
      line
        .map((e) => e.padEnd(entryWidth))
        .join("")
        .trimEnd(),
    );
  return out;
}

function findingLine(f: Finding, paint: Paint): string {
  return `  ${paint(SEVERITY_STYLE[f.severity], SEVERITY_LABEL[f.severity].padEnd(8))} ${esc(f.title)}  ${paint("dim", `[${f.rule}]`)}`;
}

function renderHostDetail(
  h: FleetHost,
  labelWidth: number,
  brief: boolean,
  paint: Paint,
): string[] {
  const label = h.label.padEnd(labelWidth);
  if (h.report === undefined) return [`${label}  could not be read: ${h.error}  ${h.root}`];
  const n = countBySeverity(h.report.findings);
  const silenced = h.report.silenced.length > 0 ? `, ${h.report.silenced.length} silenced` : "";
  const unseen = h.report.unseen.length > 0 ? `, ${h.report.unseen.length} not seen` : "";
  const out = [
    `${label}  ${n.critical} critical, ${n.warning} warning, ${n.info} info${silenced}${unseen}  ${h.root}`,
  ];
  if (!brief) out.push(...h.report.findings.map((f) => findingLine(f, paint)));
  return out;
}

/** The fleet with every string that came from the input (host names, paths) escaped. */
function escaped(fleet: Fleet): Fleet {
  const hosts = fleet.hosts.map((h) => {
    const out = { ...h, label: esc(h.label), root: esc(h.root) };
    if (h.error !== undefined) out.error = esc(h.error);
    return out;
  });
  return { ...fleet, hosts };
}

export function renderFleetText(input: Fleet, options: FleetTextOptions): string {
  const fleet = escaped(input);
  const width = Math.max(40, options.width);
  const paint = painter(options.color ?? false);
  const s = fleet.summary;
  const out = [
    `linkguard doctor: ${s.hosts} hosts: ${s.critical} critical, ${s.warning} warning, ${s.ok} ok, ${s.error} could not be read`,
    "",
    ...renderBlocks(fleet, width, paint),
    ...renderLegend(fleet, width),
    "",
  ];
  const labelWidth = Math.min(MAX_HOST_WIDTH, Math.max(...fleet.hosts.map((h) => h.label.length)));
  out.push("Per host:");
  for (const h of fleet.hosts)
    out.push(...renderHostDetail(h, labelWidth, options.brief ?? false, paint));
  return `${out.join("\n")}\n`;
}
