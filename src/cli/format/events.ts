// Events as a table (people) or CSV (spreadsheets); JSON is the stored value as it is.
import type { WatchEvent } from "../../events/types.js";
import { renderCsv } from "./csv.js";
import { renderTable } from "./table.js";
import { formatIsoLocal, formatLocal } from "./time.js";

export function renderEventsText(events: readonly WatchEvent[]): string {
  return renderTable(
    [
      { header: "TIME" },
      { header: "SEVERITY" },
      { header: "KIND" },
      { header: "SUBJECT" },
      { header: "INCIDENT", align: "right" },
      { header: "DETAIL" },
    ],
    events.map((e) => [
      formatLocal(e.t_ms, true),
      e.severity,
      e.kind,
      e.subject,
      e.incident_id === undefined ? "" : `#${e.incident_id}`,
      e.detail,
    ]),
  );
}

export function renderEventsCsv(events: readonly WatchEvent[]): string {
  return renderCsv(
    ["date", "id", "kind", "severity", "subject", "if", "incident", "detail", "host", "data"],
    events.map((e) => [
      formatIsoLocal(e.t_ms, true),
      e.id,
      e.kind,
      e.severity,
      e.subject,
      e.ifname,
      e.incident_id,
      e.detail,
      e.host,
      e.data === undefined ? "" : JSON.stringify(e.data),
    ]),
  );
}
