// The two uPlot charts an interface gets: traffic (rx/tx in bytes/s or packets/s, with the link
// band) and probes (RTT per target on the left axis, loss on the right). Charts share a cursor,
// and a drag across any of them asks the view for that window instead of zooming one chart.
import uPlot from "uplot";
import type { ApiEvent, InterfaceSeries, ProbeSeries } from "../api.js";
import {
  eventMarkers,
  incidentShading,
  linkBand,
  linkState,
  type OverlaySource,
} from "./chart-overlays.js";
import { formatLoss, formatMs, formatSi } from "./number-format.js";
import { OKABE_ITO, seriesColour } from "./palette.js";
import { formatUtc } from "./time-format.js";

export type Unit = "bps" | "pps";

export interface ChartHost extends OverlaySource {
  window(): { from: number; to: number };
  onSelect(from: number, to: number): void;
  onPick(e: ApiEvent): void;
}

const SYNC_KEY = "linkguard-timeline";

function themeColour(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

function rootFontPx(): number {
  return Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
}

function baseOptions(host: ChartHost, width: number, height: number): uPlot.Options {
  const fg = themeColour("--fg-muted", "#bbb");
  const grid = themeColour("--grid", "rgba(128,128,128,0.25)");
  const fontPx = Math.round(rootFontPx() * 0.8);
  const font = `${fontPx}px system-ui, sans-serif`;
  return {
    width,
    height,
    ms: 1,
    series: [{ label: "time", value: (_u, v) => (v === null ? "–" : formatUtc(v)) }],
    scales: { x: { time: true, range: () => [host.window().from, host.window().to] } },
    axes: [
      { stroke: fg, grid: { stroke: grid }, ticks: { stroke: grid }, font },
      { stroke: fg, grid: { stroke: grid }, ticks: { stroke: grid }, font, size: fontPx * 7 },
    ],
    cursor: {
      sync: { key: SYNC_KEY, setSeries: false },
      drag: { x: true, y: false, setScale: false },
    },
    legend: { live: true },
    hooks: {
      setSelect: [
        (u) => {
          if (u.select.width < 3) return;
          const from = u.posToVal(u.select.left, "x");
          const to = u.posToVal(u.select.left + u.select.width, "x");
          u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
          host.onSelect(from, to);
        },
      ],
      draw: [
        (u) => {
          const fig = u.root.closest<HTMLElement>("[data-testid=chart]");
          if (fig === null) return;
          fig.dataset.xMin = String(Math.round(u.scales.x?.min ?? 0));
          fig.dataset.xMax = String(Math.round(u.scales.x?.max ?? 0));
        },
      ],
    },
  };
}

const fromZero: uPlot.Scale.Range = (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1];

export function trafficData(s: InterfaceSeries, unit: Unit): uPlot.AlignedData {
  return unit === "bps" ? [s.t, s.rx_bps, s.tx_bps, s.link] : [s.t, s.rx_pps, s.tx_pps, s.link];
}

export function trafficChart(
  target: HTMLElement,
  s: InterfaceSeries,
  unit: Unit,
  width: number,
  host: ChartHost,
): uPlot {
  const opts = baseOptions(host, width, 200);
  const u = unit === "bps" ? "B/s" : "pkt/s";
  const fmt = (_: uPlot, v: number | null) => formatSi(v, u);
  opts.title = `${s.ifname} traffic (${u})`;
  opts.scales = { ...opts.scales, y: { range: fromZero }, link: { range: [0, 1] } };
  opts.series.push(
    { label: "rx", stroke: OKABE_ITO.skyBlue, width: 2, value: fmt },
    { label: "tx", stroke: OKABE_ITO.orange, width: 2, dash: [6, 3], value: fmt },
    {
      label: "link",
      scale: "link",
      paths: () => null,
      points: { show: false },
      value: (_u, v) => (v === null ? "–" : linkState(v)),
    },
  );
  const axes = opts.axes ?? [];
  if (axes[1] !== undefined) axes[1].values = (_u, splits) => splits.map((v) => formatSi(v, u));
  opts.plugins = [
    incidentShading(host),
    linkBand(3),
    eventMarkers(host, s.ifname, (e) => host.onPick(e)),
  ];
  return new uPlot(opts, trafficData(s, unit), target);
}

export function probeKey(p: ProbeSeries): string {
  return `${p.kind} ${p.target}`;
}

export function probeData(probes: ProbeSeries[]): uPlot.AlignedData {
  return uPlot.join(probes.map((p) => [p.t, p.rtt_ms, p.loss] as uPlot.AlignedData));
}

export function probeChart(
  target: HTMLElement,
  ifname: string,
  probes: ProbeSeries[],
  width: number,
  host: ChartHost,
): uPlot {
  const opts = baseOptions(host, width, 160);
  opts.title = `${ifname} probes: RTT (ms) and loss (%)`;
  opts.scales = { ...opts.scales, ms: { range: fromZero }, loss: { range: [0, 1] } };
  probes.forEach((p, i) => {
    const colour = seriesColour(i + 2);
    opts.series.push(
      {
        label: `RTT ${probeKey(p)}`,
        scale: "ms",
        stroke: colour,
        width: 2,
        spanGaps: false,
        value: (_u, v) => formatMs(v),
      },
      {
        label: `loss ${probeKey(p)}`,
        scale: "loss",
        stroke: colour,
        width: 1,
        dash: [2, 3],
        fill: `${colour}33`,
        value: (_u, v) => formatLoss(v),
      },
    );
  });
  const axes = opts.axes ?? [];
  if (axes[1] !== undefined) {
    axes[1].scale = "ms";
    axes[1].values = (_u, splits) => splits.map((v) => formatMs(v));
  }
  axes.push({
    ...axes[1],
    scale: "loss",
    side: 1,
    grid: { show: false },
    values: (_u, splits) => splits.map((v) => formatLoss(v)),
  });
  opts.plugins = [incidentShading(host), eventMarkers(host, ifname, (e) => host.onPick(e))];
  return new uPlot(opts, probeData(probes), target);
}
