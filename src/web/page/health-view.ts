// #/health: what is true now: each group (bond, team, mpath group, DSR VIP, watched interfaces) with
// its members and their state, the watched interfaces and their probes, the doctor's current
// findings and the mpath daemon's status.
import type { HealthGroup, HealthResponse } from "../api.js";
import { getJson } from "./api-client.js";
import { h, replaceChildren } from "./dom.js";
import { renderDoctor } from "./findings.js";
import { latestLoad } from "./latest-load.js";
import { formatMs } from "./number-format.js";
import { timeElement } from "./time-format.js";
import { renderValue } from "./value-table.js";
import { markBusy, markReady, type View } from "./view.js";

/** How often the health view refetches while shown (the server runs the doctor at most once a minute). */
const HEALTH_REFRESH_MS = 10_000;

const KIND_NAMES = {
  bond: "Bond",
  team: "Team",
  mpath: "Multipath group",
  dsr: "DSR VIP",
  interface: "Interfaces",
};

function group(g: HealthGroup): HTMLElement {
  return h(
    "section",
    {
      class: `group ${g.state}`,
      "data-testid": "health-group",
      "data-group": g.name,
      "data-state": g.state,
    },
    h(
      "h3",
      {},
      g.kind === "interface" ? `${g.name} ` : `${KIND_NAMES[g.kind]} ${g.name} `,
      h("span", { class: `badge ${g.state}` }, g.state),
      g.detail === "" ? null : h("span", { class: "muted" }, ` ${g.detail}`),
    ),
    h(
      "table",
      {},
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, "Member"),
          h("th", { scope: "col" }, "State"),
          h("th", { scope: "col" }, "Detail"),
        ),
      ),
      h(
        "tbody",
        {},
        g.members.map((m) =>
          h(
            "tr",
            { "data-testid": "health-member", "data-member": m.name, "data-state": m.state },
            h("th", { scope: "row" }, m.name),
            h("td", {}, h("span", { class: `badge ${m.state}` }, m.state)),
            h(
              "td",
              {},
              m.detail,
              m.neighbour === undefined
                ? null
                : h(
                    "span",
                    { class: "muted", "data-testid": "member-neighbour" },
                    ` · cabled to ${m.neighbour}`,
                  ),
            ),
          ),
        ),
      ),
    ),
  );
}

function interfaces(r: HealthResponse): HTMLElement {
  if (r.interfaces.length === 0)
    return h("p", { class: "muted" }, "No watched interfaces in the store.");
  return h(
    "table",
    { "data-testid": "health-interfaces" },
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        ["Interface", "Link", "Speed", "Last sample", "Probes"].map((c) =>
          h("th", { scope: "col" }, c),
        ),
      ),
    ),
    h(
      "tbody",
      {},
      r.interfaces.map((i) =>
        h(
          "tr",
          { "data-testid": "health-interface", "data-ifname": i.ifname, "data-state": i.link },
          h("th", { scope: "row" }, i.ifname),
          h("td", {}, h("span", { class: `badge ${i.link}` }, i.link)),
          h("td", {}, i.speed_mbps === null ? "–" : `${i.speed_mbps} Mb/s`),
          h("td", {}, i.last_ms === null ? "–" : timeElement(i.last_ms)),
          h(
            "td",
            {},
            h(
              "ul",
              { class: "plain" },
              i.probes.map((p) =>
                h(
                  "li",
                  { "data-state": p.up === null ? "unknown" : p.up ? "up" : "down" },
                  `${p.kind} ${p.target}: ${p.up === null ? "unknown" : p.up ? "answering" : "not answering"}`,
                  p.rtt_ms === null ? "" : ` (${formatMs(p.rtt_ms)})`,
                ),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

function renderHealth(r: HealthResponse): HTMLElement[] {
  return [
    h("h1", { id: "health-title" }, "Health now"),
    h("p", { class: "muted" }, "As of ", timeElement(r.now_ms)),
    h("h2", {}, "Groups"),
    r.groups.length === 0
      ? h("p", { class: "muted" }, "No bonds, groups or VIPs found.")
      : h("div", { class: "groups" }, r.groups.map(group)),
    h("h2", {}, "Watched interfaces"),
    interfaces(r),
    h("h2", {}, "Doctor"),
    renderDoctor(r.doctor, r.doctor_error),
    h("h2", {}, "Multipath"),
    r.mpath === null
      ? h("p", { class: "muted" }, "No mpath daemon state found.")
      : h("div", { "data-testid": "mpath" }, renderValue(r.mpath)),
  ];
}

export function healthView(root: HTMLElement): View {
  const section = h("section", { "aria-labelledby": "health-title", "data-testid": "health" });
  replaceChildren(root, section);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const loads = latestLoad();
  const load = () =>
    loads.run(
      () => getJson<HealthResponse>("/api/health"),
      (r) => {
        replaceChildren(section, renderHealth(r));
        markReady("health");
      },
    );
  markBusy();
  load().catch((err) =>
    replaceChildren(section, h("p", { class: "error", role: "alert" }, String(err))),
  );
  // Events say something changed; coalesce a burst of them into one refetch.
  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void load().catch(() => {}), 500);
  };
  // "Now" must stay now on a wall monitor even when nothing raises an event (a probe path
  // that stays down, a member that came back quietly): refetch on the stream's tick too.
  let lastLoad = Date.now();
  const every = (ms: number) => () => {
    if (Date.now() - lastLoad < ms) return;
    lastLoad = Date.now();
    soon();
  };
  return {
    dispose: () => {
      clearTimeout(timer);
      loads.dispose();
    },
    onEvent: soon,
    onIncident: soon,
    onResume: soon,
    onTick: every(HEALTH_REFRESH_MS),
  };
}
