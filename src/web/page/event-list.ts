// The events in view, as a list under the charts: the keyboard way to reach every marker,
// and what a screen reader reads instead of the canvas.
import type { ApiEvent } from "../api.js";
import { h, replaceChildren } from "./dom.js";
import { showEventDetails } from "./event-details.js";
import { EVENT_SYMBOLS } from "./palette.js";
import { timeElement } from "./time-format.js";

export function renderEventList(list: HTMLOListElement, events: ApiEvent[], truncated: boolean) {
  replaceChildren(
    list,
    events.map((e) => {
      const button = h(
        "button",
        { type: "button", class: "event" },
        h("span", { class: `symbol ${e.class}`, "aria-hidden": "true" }, EVENT_SYMBOLS[e.class]),
        h("span", { class: "visually-hidden" }, `${e.class}: `),
        timeElement(e.t_ms),
        " ",
        h("strong", {}, e.kind),
        ` ${e.subject}: ${e.detail}`,
      );
      button.addEventListener("click", () => showEventDetails(e));
      return h(
        "li",
        {
          "data-testid": "event-item",
          "data-event-id": e.id,
          "data-kind": e.kind,
          "data-class": e.class,
          "data-t-ms": e.t_ms,
        },
        button,
      );
    }),
  );
  if (events.length === 0) list.append(h("li", { class: "muted" }, "No events in this window."));
  if (truncated)
    list.append(h("li", { class: "muted" }, "More events than shown: zoom in to see them all."));
}
