// Incidents: a list (table or CSV) and one incident in full with its events.

import type { Incident } from "../../events/types.js";
import { escapeControl } from "../../lib/text.js";
import type { IncidentDetail } from "../../store/queries.js";
import { renderCsv } from "./csv.js";
import { renderEventsText } from "./events.js";
import { renderTable } from "./table.js";
import { formatIsoLocal, formatLocal, formatSpan } from "./time.js";

function span(i: Incident, nowMs: number): string {
  const d = formatSpan((i.closed_ms ?? nowMs) - i.opened_ms);
  return i.closed_ms === null ? `${d}+` : d;
}

export function renderIncidentsText(incidents: readonly Incident[], nowMs: number): string {
  return renderTable(
    [
      { header: "ID", align: "right" },
      { header: "OPENED" },
      { header: "CLOSED" },
      { header: "LASTED", align: "right" },
      { header: "SEVERITY" },
      { header: "EVENTS", align: "right" },
      { header: "SUBJECTS" },
      { header: "TITLE" },
    ],
    incidents.map((i) => [
      String(i.id),
      formatLocal(i.opened_ms),
      i.closed_ms === null ? "open" : formatLocal(i.closed_ms),
      span(i, nowMs),
      i.severity,
      String(i.event_ids.length),
      i.subjects.join(","),
      i.title,
    ]),
  );
}

export function renderIncidentsCsv(incidents: readonly Incident[]): string {
  return renderCsv(
    ["id", "opened", "closed", "severity", "title", "subjects", "event_ids", "captures", "host"],
    incidents.map((i) => [
      i.id,
      formatIsoLocal(i.opened_ms),
      i.closed_ms === null ? "" : formatIsoLocal(i.closed_ms),
      i.severity,
      i.title,
      i.subjects.join(" "),
      i.event_ids.join(" "),
      i.captures.join(" "),
      i.host,
    ]),
  );
}

export function renderIncidentText(detail: IncidentDetail, nowMs: number): string {
  const i = detail.incident;
  const lines = [
    `incident #${i.id}: ${escapeControl(i.title)}`,
    `  severity  ${i.severity}`,
    `  opened    ${formatLocal(i.opened_ms, true)}`,
    `  closed    ${i.closed_ms === null ? "still open" : formatLocal(i.closed_ms, true)} (${span(i, nowMs)})`,
    `  subjects  ${escapeControl(i.subjects.join(", "))}`,
    `  host      ${escapeControl(i.host)}`,
    "",
    ...i.explanation.split("\n").map((l) => `  ${escapeControl(l)}`),
    "",
  ];
  if (detail.events.length > 0)
    lines.push("events:", renderEventsText(detail.events).trimEnd(), "");
  if (i.captures.length > 0)
    lines.push("captures:", ...i.captures.map((c) => `  ${escapeControl(c)}`), "");
  return `${lines.join("\n").trimEnd()}\n`;
}
