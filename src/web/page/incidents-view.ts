// #/incidents: every incident, open ones first, then by severity; live updates add and change
// rows in place.
import type { ApiIncident, IncidentsResponse } from "../api.js";
import { apiPath, getJson } from "./api-client.js";
import { serverNow } from "./clock.js";
import { h, replaceChildren } from "./dom.js";
import { sortIncidents } from "./incident-order.js";
import { latestLoad } from "./latest-load.js";
import { formatDuration, timeElement } from "./time-format.js";
import { upsertById } from "./timeline-data.js";
import { markBusy, markReady, type View } from "./view.js";

const LOOK_BACK_MS = 366 * 24 * 3600 * 1000;

function row(i: ApiIncident): HTMLElement {
  const open = i.closed_ms === null;
  return h(
    "tr",
    { "data-testid": "incident-row", "data-incident-id": i.id, "data-open": open },
    h("td", {}, open ? h("strong", {}, "open") : "closed"),
    h("td", {}, h("span", { class: `badge ${i.severity}` }, i.severity)),
    h("th", { scope: "row" }, h("a", { href: `#/incidents/${i.id}` }, `#${i.id} ${i.title}`)),
    h("td", {}, timeElement(i.opened_ms)),
    h("td", {}, formatDuration((i.closed_ms ?? serverNow()) - i.opened_ms)),
    h("td", {}, i.subjects.join(", ")),
  );
}

export function incidentsView(root: HTMLElement): View {
  let incidents: ApiIncident[] = [];
  const body = h("tbody", {});
  const table = h(
    "table",
    { "data-testid": "incident-list" },
    h("caption", { class: "visually-hidden" }, "Incidents, open ones first"),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        ["State", "Severity", "Incident", "Opened", "Duration", "Subjects"].map((c) =>
          h("th", { scope: "col" }, c),
        ),
      ),
    ),
    body,
  );
  const empty = h("p", { class: "muted" }, "No incidents recorded.");
  replaceChildren(
    root,
    h(
      "section",
      { "aria-labelledby": "incidents-title" },
      h("h1", { id: "incidents-title" }, "Incidents"),
      table,
      empty,
    ),
  );
  const show = () => {
    replaceChildren(body, sortIncidents(incidents).map(row));
    empty.hidden = incidents.length > 0;
  };
  const loads = latestLoad();
  const load = async () => {
    markBusy();
    const now = serverNow();
    await loads.run(
      () =>
        getJson<IncidentsResponse>(
          apiPath("/api/incidents", { from: now - LOOK_BACK_MS, to: now + 60_000, limit: 500 }),
        ),
      (r) => {
        incidents = r.incidents;
        show();
        markReady("incidents");
      },
    );
  };
  load().catch((err) => replaceChildren(empty, h("span", { class: "error" }, String(err))));
  return {
    dispose: () => loads.dispose(),
    onIncident(i) {
      incidents = upsertById(incidents, i, (x) => x.opened_ms);
      show();
    },
    onResume() {
      void load();
    },
  };
}
