// One event's details in a modal dialog, opened from a chart marker or the list under the charts.
import type { ApiEvent } from "../api.js";
import { h } from "./dom.js";
import { EVENT_SYMBOLS } from "./palette.js";
import { timeElement } from "./time-format.js";
import { renderValue } from "./value-table.js";

export function showEventDetails(e: ApiEvent): void {
  document.querySelector("dialog[data-testid=event-details]")?.remove();
  const close = h("button", { type: "button", class: "close" }, "Close");
  const dialog = h(
    "dialog",
    {
      "data-testid": "event-details",
      "data-event-id": e.id,
      "aria-labelledby": "event-details-title",
    },
    h(
      "h2",
      { id: "event-details-title" },
      h("span", { class: `symbol ${e.class}`, "aria-hidden": "true" }, EVENT_SYMBOLS[e.class]),
      ` ${e.kind}: ${e.subject}`,
    ),
    h(
      "dl",
      {},
      h("dt", {}, "When"),
      h("dd", {}, timeElement(e.t_ms)),
      h("dt", {}, "What"),
      h("dd", {}, e.detail),
      h("dt", {}, "Class"),
      h("dd", {}, e.class),
      h("dt", {}, "Severity"),
      h("dd", {}, h("span", { class: `badge ${e.severity}` }, e.severity)),
      e.ifname === null ? null : [h("dt", {}, "Interface"), h("dd", {}, e.ifname)],
      e.incident_id === null
        ? null
        : [
            h("dt", {}, "Incident"),
            h("dd", {}, h("a", { href: `#/incidents/${e.incident_id}` }, `#${e.incident_id}`)),
          ],
    ),
    e.data === null ? null : [h("h3", {}, "Data"), renderValue(e.data)],
    close,
  );
  close.addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => dialog.remove());
  // Following the incident link leaves the dialog behind otherwise.
  dialog.addEventListener("click", (ev) => {
    if ((ev.target as Element).closest("a") !== null) dialog.close();
  });
  document.body.append(dialog);
  dialog.showModal();
  close.focus();
}
