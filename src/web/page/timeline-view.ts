// #/timeline: per interface a traffic chart and a probe chart over one shared window, the
// events in it as markers and as a list, incident windows shaded. Range buttons, drag, ←/→
// and +/- move the window; each move fetches /api/series for it (the server picks raw or
// roll-ups). Live ticks append the newest rows while the window follows "now".
import type uPlot from "uplot";
import type {
  ApiEvent,
  ApiIncident,
  InfoResponse,
  SeriesResponse,
  StreamMessages,
} from "../api.js";
import { serverNow } from "./clock.js";
import { h, replaceChildren } from "./dom.js";
import { showEventDetails } from "./event-details.js";
import { renderEventList } from "./event-list.js";
import type { Route } from "./router.js";
import { timelineHash } from "./router.js";
import { appendSeries, rowCount } from "./series-merge.js";
import { formatDuration, timeElement } from "./time-format.js";
import {
  type ChartHost,
  probeChart,
  probeData,
  probeKey,
  trafficChart,
  trafficData,
  type Unit,
} from "./timeline-chart.js";
import { fetchSeries, fetchTimeline, type TimelineData, upsertById } from "./timeline-data.js";
import {
  fixedWindow,
  lastRange,
  MAX_SPAN_MS,
  MIN_SPAN_MS,
  pan,
  RANGES,
  slide,
  type TimeWindow,
  zoom,
} from "./timeline-window.js";
import { markBusy, markReady, type View } from "./view.js";

interface InterfaceCharts {
  shape: string;
  traffic: uPlot;
  probes: uPlot | null;
}

const DEFAULT_SPAN = 60 * 60 * 1000;

function initialWindow(route: Route, info: InfoResponse): TimeWindow {
  const now = serverNow();
  if (route.kind === "timeline" && route.from !== null && route.to !== null)
    return fixedWindow(route.from, route.to, Math.max(now, route.to));
  if (route.kind === "timeline" && route.last !== null)
    return lastRange(Math.min(MAX_SPAN_MS, Math.max(MIN_SPAN_MS, route.last)), now);
  // A store whose data ended long ago (a copied file) opens on its last hour, not on nothing.
  if (info.last_ms !== null && info.last_ms < now - DEFAULT_SPAN)
    return fixedWindow(info.last_ms - DEFAULT_SPAN, info.last_ms, now);
  return lastRange(DEFAULT_SPAN, now);
}

export function timelineView(root: HTMLElement, route: Route, info: InfoResponse): View {
  let win = initialWindow(route, info);
  let unit: Unit = "bps";
  let data: TimelineData | undefined;
  let generation = 0;
  let appending = false;
  let disposed = false;
  const charts = new Map<string, InterfaceCharts>();

  const status = h("p", { class: "window-label", "data-testid": "timeline-window" });
  const chartsBox = h("div", { class: "charts", "data-testid": "charts" });
  const eventList = h("ol", { class: "event-list", "data-testid": "event-list" });
  const rangeButtons = RANGES.map((r) => {
    const b = h(
      "button",
      { type: "button", "data-range": r.label, "aria-pressed": "false" },
      r.label,
    );
    b.addEventListener("click", () => go(lastRange(r.ms, serverNow())));
    return b;
  });
  const button = (text: string, label: string, action: () => void) => {
    const b = h("button", { type: "button", "aria-label": label, title: label }, text);
    b.addEventListener("click", action);
    return b;
  };
  const unitRadios = (["bps", "pps"] as const).map((u) => {
    const input = h("input", { type: "radio", name: "unit", value: u, checked: u === unit });
    input.addEventListener("change", () => {
      unit = u;
      if (data !== undefined) drawCharts(data.series, true);
    });
    return h("label", {}, input, u === "bps" ? " bytes/s" : " packets/s");
  });

  replaceChildren(
    root,
    h(
      "section",
      { "aria-labelledby": "timeline-title", class: "timeline" },
      h("h1", { id: "timeline-title" }, "Timeline"),
      h(
        "div",
        { class: "toolbar", role: "toolbar", "aria-label": "Time window" },
        h("span", { class: "group", role: "group", "aria-label": "Last" }, rangeButtons),
        h(
          "span",
          { class: "group", role: "group", "aria-label": "Move" },
          button("◀", "Earlier (←)", () => go(pan(win, -0.25, serverNow()))),
          button("▶", "Later (→)", () => go(pan(win, 0.25, serverNow()))),
          button("+", "Zoom in (+)", () => go(zoom(win, 0.5, serverNow()))),
          button("−", "Zoom out (−)", () => go(zoom(win, 2, serverNow()))),
        ),
        h("fieldset", { class: "group" }, h("legend", {}, "Traffic in"), unitRadios),
      ),
      status,
      h(
        "p",
        { class: "hint muted" },
        "Drag across a chart to zoom in. Keys: ← → move, + − zoom. Markers: ▼ failure, ▲ recovery, ◆ other; shaded: incidents; band under traffic: link (green up, red down, yellow flapping).",
      ),
      chartsBox,
      h(
        "section",
        { "aria-labelledby": "events-title" },
        h("h2", { id: "events-title" }, "Events in view"),
        eventList,
      ),
    ),
  );

  const host: ChartHost = {
    window: () => win,
    events: () => data?.events ?? [],
    incidents: () => data?.incidents ?? [],
    now: serverNow,
    onSelect: (from, to) => go(fixedWindow(from, to, serverNow())),
    onPick: showEventDetails,
  };

  function chartWidth(): number {
    return Math.max(320, Math.floor(chartsBox.clientWidth || root.clientWidth || 800) - 8);
  }

  function points(): number {
    return Math.min(1500, Math.max(200, chartWidth()));
  }

  function showStatus(series: SeriesResponse) {
    for (const b of rangeButtons) {
      const r = RANGES.find((x) => x.label === b.dataset.range);
      const on = win.follow && r !== undefined && Math.abs(win.to - win.from - r.ms) < 1000;
      b.setAttribute("aria-pressed", String(on));
    }
    const source = series.source === "raw" ? "raw samples" : "minute roll-ups";
    const step = series.step_ms === null ? "" : `, ${formatDuration(series.step_ms)} buckets`;
    replaceChildren(
      status,
      timeElement(win.from),
      " – ",
      timeElement(win.to),
      ` (${formatDuration(win.to - win.from)}${win.follow ? ", following now" : ""}; ${source}${step})`,
    );
  }

  function drawCharts(series: SeriesResponse, rebuild = false) {
    const width = chartWidth();
    const seen = new Set<string>();
    for (const s of series.interfaces) {
      seen.add(s.ifname);
      const probes = series.probes.filter((p) => p.ifname === s.ifname);
      const shape = `${unit}|${probes.map(probeKey).join(",")}`;
      const existing = charts.get(s.ifname);
      if (existing !== undefined && existing.shape === shape && !rebuild) {
        existing.traffic.setData(trafficData(s, unit));
        existing.probes?.setData(probeData(probes));
        continue;
      }
      existing?.traffic.destroy();
      existing?.probes?.destroy();
      let fig = chartsBox.querySelector<HTMLElement>(
        `figure[data-ifname="${CSS.escape(s.ifname)}"]`,
      );
      if (fig === null) {
        fig = h("figure", { class: "chart", "data-testid": "chart", "data-ifname": s.ifname });
        chartsBox.append(fig);
      }
      const heading = h("figcaption", {}, h("h2", {}, s.ifname));
      const trafficBox = h("div", { class: "plot" });
      const probeBox = h("div", { class: "plot" });
      replaceChildren(fig, heading, trafficBox, probes.length > 0 ? probeBox : null);
      charts.set(s.ifname, {
        shape,
        traffic: trafficChart(trafficBox, s, unit, width, host),
        probes: probes.length > 0 ? probeChart(probeBox, s.ifname, probes, width, host) : null,
      });
    }
    for (const [name, c] of charts) {
      if (seen.has(name)) continue;
      c.traffic.destroy();
      c.probes?.destroy();
      charts.delete(name);
      chartsBox.querySelector(`figure[data-ifname="${CSS.escape(name)}"]`)?.remove();
    }
    if (series.interfaces.length === 0)
      replaceChildren(chartsBox, h("p", { class: "muted" }, "No samples in this window."));
    else chartsBox.querySelector(":scope > p.muted")?.remove();
  }

  function redrawOverlays() {
    for (const c of charts.values()) {
      c.traffic.redraw(false, false);
      c.probes?.redraw(false, false);
    }
  }

  function showEvents() {
    if (data === undefined) return;
    const inView = data.events.filter((e) => e.t_ms >= win.from && e.t_ms <= win.to);
    renderEventList(eventList, inView, data.eventsTruncated);
  }

  async function load() {
    const mine = ++generation;
    markBusy();
    status.setAttribute("aria-busy", "true");
    try {
      const fetched = await fetchTimeline(win.from, win.to, points());
      if (mine !== generation || disposed) return;
      data = fetched;
      drawCharts(fetched.series);
      showStatus(fetched.series);
      showEvents();
      markReady("timeline");
    } catch (err) {
      if (mine === generation) replaceChildren(status, h("span", { class: "error" }, String(err)));
    } finally {
      status.removeAttribute("aria-busy");
    }
  }

  function go(next: TimeWindow) {
    win = next;
    history.replaceState(null, "", timelineHash(win.from, win.to, win.follow));
    void load();
  }

  async function appendGap(now: number) {
    if (data === undefined || appending) return;
    appending = true;
    const mine = generation;
    try {
      win = slide(win, now);
      const lastShown = Math.max(
        win.from,
        ...data.series.interfaces.map((s) => s.t.at(-1) ?? win.from),
      );
      const gap = await fetchSeries(lastShown + 1, win.to, points());
      if (mine !== generation || disposed || data === undefined) return;
      data.series = appendSeries(data.series, gap, win.from, win.to);
      data.events = data.events.filter((e) => e.t_ms >= win.from);
      // Appended raw rows pile up on long windows: start over from roll-ups past a limit.
      if (rowCount(data.series) > points() * 3) return void load();
      drawCharts(data.series);
      showStatus(data.series);
    } finally {
      appending = false;
    }
  }

  const onKey = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target as Element | null;
    if (t?.closest("input, select, textarea, dialog") || document.querySelector("dialog[open]"))
      return;
    const now = serverNow();
    const moves: Record<string, () => TimeWindow> = {
      ArrowLeft: () => pan(win, -0.25, now),
      ArrowRight: () => pan(win, 0.25, now),
      "+": () => zoom(win, 0.5, now),
      "=": () => zoom(win, 0.5, now),
      "-": () => zoom(win, 2, now),
      _: () => zoom(win, 2, now),
    };
    const move = moves[e.key];
    if (move === undefined) return;
    e.preventDefault();
    go(move());
  };
  document.addEventListener("keydown", onKey);
  const resize = new ResizeObserver(() => {
    const width = chartWidth();
    for (const c of charts.values()) {
      if (c.traffic.width === width) continue;
      c.traffic.setSize({ width, height: c.traffic.height });
      c.probes?.setSize({ width, height: c.probes.height });
    }
  });
  resize.observe(chartsBox);
  void load();

  return {
    dispose() {
      disposed = true;
      document.removeEventListener("keydown", onKey);
      resize.disconnect();
      for (const c of charts.values()) {
        c.traffic.destroy();
        c.probes?.destroy();
      }
    },
    onTick(t: StreamMessages["tick"]) {
      if (win.follow) void appendGap(t.now_ms);
    },
    onEvent(e: ApiEvent) {
      if (data === undefined || e.t_ms < win.from || (!win.follow && e.t_ms > win.to)) return;
      data.events = upsertById(data.events, e, (x) => x.t_ms);
      if (e.t_ms > win.to) win = slide(win, e.t_ms);
      redrawOverlays();
      showEvents();
    },
    onIncident(i: ApiIncident) {
      if (data === undefined) return;
      data.incidents = upsertById(data.incidents, i, (x) => x.opened_ms);
      redrawOverlays();
    },
    onResume() {
      go(slide(win, serverNow()));
    },
  };
}
