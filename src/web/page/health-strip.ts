// The compact health line on top of every view: each group and watched interface as a chip
// (word + colour), refreshed when events arrive and every 15 s.
import type { HealthResponse } from "../api.js";
import { getJson } from "./api-client.js";
import { h, replaceChildren } from "./dom.js";
import { latestLoad } from "./latest-load.js";

export function healthStrip(box: HTMLElement): { refresh(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Refreshes overlap (events, the timer): an older answer must not replace a newer one.
  const loads = latestLoad();
  const draw = (r: HealthResponse) => {
    const chips = [
      ...r.groups.map((g) =>
        h(
          "li",
          { class: `chip ${g.state}`, "data-group": g.name, "data-state": g.state },
          h("a", { href: "#/health" }, `${g.name}: ${g.state}`),
        ),
      ),
      // Watched interfaces by their member state (a link can be up while its probes fail).
      ...r.groups
        .filter((g) => g.kind === "interface")
        .flatMap((g) => g.members)
        .map((m) =>
          h(
            "li",
            { class: `chip ${m.state}`, "data-ifname": m.name, "data-state": m.state },
            `${m.name}: ${m.state}`,
          ),
        ),
    ];
    replaceChildren(
      box,
      chips.length === 0 ? h("li", { class: "muted" }, "nothing watched") : chips,
    );
  };
  const load = async () => {
    try {
      await loads.run(() => getJson<HealthResponse>("/api/health"), draw);
    } catch (err) {
      replaceChildren(box, h("li", { class: "error" }, `health unavailable: ${String(err)}`));
    }
    clearTimeout(timer);
    timer = setTimeout(() => void load(), 15_000);
  };
  void load();
  let pending: ReturnType<typeof setTimeout> | undefined;
  return {
    refresh() {
      clearTimeout(pending);
      pending = setTimeout(() => void load(), 500);
    },
  };
}
