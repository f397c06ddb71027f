// #/incidents/ID: one incident's story: the explanation, its events in order (with the time
// from the first), what was affected, the captures (download + readable analysis) and what the
// doctor said at that time.
import type { ApiIncident, IncidentDetailResponse } from "../api.js";
import { getJson } from "./api-client.js";
import { h, replaceChildren } from "./dom.js";
import { renderDoctor } from "./findings.js";
import { latestLoad } from "./latest-load.js";
import { EVENT_SYMBOLS } from "./palette.js";
import { renderCapture } from "./pcap-analysis.js";
import { timelineHash } from "./router.js";
import { formatDuration, timeElement } from "./time-format.js";
import { markBusy, markReady, type View } from "./view.js";

function render(d: IncidentDetailResponse): HTMLElement {
  const i = d.incident;
  const first = d.events[0]?.t_ms ?? i.opened_ms;
  const end = i.closed_ms ?? Date.now();
  const margin = Math.max(60_000, (end - i.opened_ms) / 2);
  return h(
    "article",
    { class: "incident", "data-testid": "incident", "data-incident-id": i.id },
    h(
      "h1",
      {},
      h("span", { class: `badge ${i.severity}` }, i.severity),
      ` Incident #${i.id}: ${i.title}`,
    ),
    h(
      "p",
      {},
      "Opened ",
      timeElement(i.opened_ms),
      i.closed_ms === null
        ? h("strong", {}, " — still open")
        : [
            ", closed ",
            timeElement(i.closed_ms),
            ` (${formatDuration(i.closed_ms - i.opened_ms)})`,
          ],
      " on ",
      i.host,
      ". ",
      h("a", { href: timelineHash(i.opened_ms - margin, end + margin) }, "Show on the timeline"),
    ),
    h("p", { class: "explanation", "data-testid": "incident-explanation" }, i.explanation),
    h("h2", {}, "Events, in order"),
    h(
      "ol",
      { class: "incident-events", "data-testid": "incident-events" },
      d.events.map((e) =>
        h(
          "li",
          { "data-event-id": e.id, "data-kind": e.kind, "data-class": e.class },
          h("span", { class: `symbol ${e.class}`, "aria-hidden": "true" }, EVENT_SYMBOLS[e.class]),
          " ",
          timeElement(e.t_ms),
          h("span", { class: "muted" }, ` (+${formatDuration(e.t_ms - first)}) `),
          h("strong", {}, e.kind),
          ` ${e.subject}: ${e.detail}`,
        ),
      ),
    ),
    h("h2", {}, "Affected"),
    h(
      "ul",
      { "data-testid": "incident-affected" },
      d.affected.map((a) => h("li", {}, a)),
    ),
    h("h2", {}, "Captures"),
    d.captures.length === 0
      ? h("p", { class: "muted" }, "No capture was written for this incident.")
      : d.captures.map(renderCapture),
    h("h2", {}, "Doctor at the time"),
    renderDoctor(d.doctor),
  );
}

export function incidentView(root: HTMLElement, id: number): View {
  const loads = latestLoad();
  const load = async () => {
    markBusy();
    await loads.run(
      () => getJson<IncidentDetailResponse>(`/api/incidents/${id}`),
      (d) => {
        replaceChildren(root, render(d));
        markReady("incident");
      },
    );
  };
  load().catch((err) =>
    replaceChildren(root, h("p", { class: "error", role: "alert" }, String(err))),
  );
  return {
    dispose: () => loads.dispose(),
    onIncident(i: ApiIncident) {
      if (i.id === id) void load();
    },
    onEvent(e) {
      if (e.incident_id === id) void load();
    },
    onResume() {
      void load();
    },
  };
}
