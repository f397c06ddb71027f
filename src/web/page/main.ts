// The dashboard's entry point: asks who is serving, routes the hash to a view, keeps the
// health strip fresh and hands live messages to whatever view is shown.
import type { ApiIncident, InfoResponse } from "../api.js";
import { getJson } from "./api-client.js";
import { serverNow, setServerNow } from "./clock.js";
import { h, replaceChildren } from "./dom.js";
import { healthStrip } from "./health-strip.js";
import { healthView } from "./health-view.js";
import { incidentView } from "./incident-view.js";
import { incidentsView } from "./incidents-view.js";
import { startLive } from "./live.js";
import { parseRoute } from "./router.js";
import { timelineView } from "./timeline-view.js";
import type { View } from "./view.js";

function byId(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`index.html has no #${id}`);
  return el;
}

const main = byId("view");
const notice = byId("connection");
const announcer = byId("announcer");
const strip = healthStrip(byId("health-strip"));
let view: View | undefined;

const info = await getJson<InfoResponse>("/api/info");
setServerNow(info.now_ms);
document.title = `linkguard: ${info.host}`;
byId("host").textContent = info.host;

function show() {
  view?.dispose();
  const route = parseRoute(location.hash);
  for (const a of document.querySelectorAll<HTMLAnchorElement>("nav a")) {
    const current =
      a.dataset.route === route.kind ||
      (a.dataset.route === "incidents" && route.kind === "incident");
    if (current) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  switch (route.kind) {
    case "timeline":
      view = timelineView(main, route, info);
      break;
    case "incidents":
      view = incidentsView(main);
      break;
    case "incident":
      view = incidentView(main, route.id);
      break;
    case "health":
      view = healthView(main);
      break;
    case "not-found":
      view = { dispose() {} };
      replaceChildren(
        main,
        h("h1", {}, "Not found"),
        h("p", {}, `Nothing at ${route.hash}. `, h("a", { href: "#/timeline" }, "Timeline")),
      );
  }
}

function announceIncident(i: ApiIncident) {
  // Only openings are news; updates to an open incident would chatter.
  if (i.closed_ms !== null || document.querySelector(`[data-announced="${i.id}"]`) !== null) return;
  announcer.append(
    h(
      "p",
      { "data-announced": i.id, "data-testid": "incident-announcement" },
      h("span", { class: `badge ${i.severity}` }, i.severity),
      " New incident: ",
      h("a", { href: `#/incidents/${i.id}` }, `#${i.id} ${i.title}`),
    ),
  );
  while (announcer.childElementCount > 3) announcer.firstElementChild?.remove();
}

window.addEventListener("hashchange", show);
show();
startLive({
  event(e) {
    view?.onEvent?.(e);
    if (e.class !== "info") strip.refresh();
  },
  incident(i) {
    view?.onIncident?.(i);
    announceIncident(i);
    strip.refresh();
  },
  tick(t) {
    setServerNow(t.now_ms);
    view?.onTick?.(t);
  },
  connection(down, why) {
    notice.textContent = !down
      ? ""
      : why === undefined
        ? "Connection to the watcher lost: reconnecting… What is shown stays until it is back."
        : `Live updates refused: ${why}. Retrying… What is shown stays.`;
    document.documentElement.dataset.live = down ? "down" : "up";
  },
  resumed() {
    view?.onResume?.();
    strip.refresh();
    setServerNow(serverNow());
  },
});
