// A capture's analysis, readable: the headline numbers first, then each section (protocols,
// top talkers, LACP, ARP, storms, errors) as its own small table. The server sends
// { capture, summary, lacp, arp, storms } (the `incidents show --pcap` shape) or a bare
// `pcap summary --json` object; keys may be camelCase or snake_case.
import type { CaptureInfo } from "../api.js";
import { h } from "./dom.js";
import { formatBytes } from "./number-format.js";
import { formatUtc } from "./time-format.js";
import { renderValue } from "./value-table.js";

const HEADLINE = ["packets", "bytes", "duration", "packets_per_second", "peak_packets_per_second"];
const SUMMARY_SECTIONS: [string, string][] = [
  ["protocols", "Protocols"],
  ["ethertypes", "Ethertypes"],
  ["vlans", "VLANs"],
  ["top_talkers", "Top talkers"],
  ["errors", "Frame errors"],
];
const REPORT_SECTIONS: [string, string][] = [
  ["lacp", "LACP"],
  ["lldp", "LLDP"],
  ["cdp", "CDP"],
  ["arp", "ARP and neighbour discovery"],
  ["storms", "Storms"],
  ["capture", "File"],
];

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/** Top-level keys in snake_case, whichever way the server spelled them. */
function snakeKeys(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o))
    out[k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = v;
  return out;
}

function sections(from: Record<string, unknown>, which: [string, string][]): HTMLElement[] {
  return which
    .filter(([k]) => from[k] !== undefined)
    .map(([k, title]) =>
      h("details", { open: k === "protocols" }, h("summary", {}, title), renderValue(from[k])),
    );
}

function headline(a: Record<string, unknown>): HTMLElement {
  const cells = HEADLINE.filter((k) => typeof a[k] === "number").map((k) =>
    h("div", {}, h("dt", {}, k.replace(/_/g, " ")), h("dd", {}, renderValue(a[k]))),
  );
  const first = a.first_ts;
  const last = a.last_ts;
  if (typeof first === "number" && typeof last === "number")
    cells.push(
      h("div", {}, h("dt", {}, "from"), h("dd", {}, formatUtc(first * 1000))),
      h("div", {}, h("dt", {}, "to"), h("dd", {}, formatUtc(last * 1000))),
    );
  return h("dl", { class: "headline" }, cells);
}

export function renderCapture(c: CaptureInfo): HTMLElement {
  const a = c.analysis === null ? null : snakeKeys(c.analysis);
  const summary = a === null ? null : isRecord(a.summary) ? snakeKeys(a.summary) : a;
  return h(
    "article",
    { class: "capture", "data-testid": "capture", "data-name": c.name },
    h(
      "h3",
      {},
      c.bytes === null
        ? h("span", {}, c.name)
        : h("a", { href: c.url, download: c.name, "data-testid": "capture-link" }, c.name),
      " ",
      h("span", { class: "muted" }, `(${formatBytes(c.bytes)})`),
    ),
    c.analysis_error === null ? null : h("p", { class: "error" }, c.analysis_error),
    a === null
      ? null
      : h(
          "div",
          { class: "analysis", "data-testid": "pcap-analysis" },
          summary === null ? null : headline(summary),
          summary === null ? null : sections(summary, SUMMARY_SECTIONS),
          // A bare summary carries brief LACP/ARP counts; the full shape has whole reports.
          sections(summary === a ? a : { ...summary, ...a }, REPORT_SECTIONS),
        ),
  );
}
