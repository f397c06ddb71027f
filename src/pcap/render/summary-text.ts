// `pcap summary` as text: the traffic at a glance, then one line per other analysis.
import type { SummaryReport } from "../analyze/summary.js";
import type { Talker } from "../analyze/traffic.js";
import { type CaptureInfo, renderCaptureHeader } from "./capture.js";
import { bytes, count, seconds, sparkline, table, when } from "./format.js";
import { renderStormLines } from "./storms-text.js";

const ETHERTYPE_NAMES: Record<string, string> = {
  "0x0800": "ipv4",
  "0x0806": "arp",
  "0x86dd": "ipv6",
  "0x8809": "slow protocols",
  "0x88cc": "lldp",
  "0x8100": "802.1q",
  "0x88a8": "802.1ad",
  "0x8035": "rarp",
  "0x88e5": "macsec",
  "0x8847": "mpls",
  "0x8863": "pppoe discovery",
  "0x8864": "pppoe session",
  "0x88f7": "ptp",
};

function share(n: number, total: number): string {
  return total === 0 ? "" : ` (${((n / total) * 100).toFixed(n / total < 0.1 ? 1 : 0)}%)`;
}

function talkerRows(list: readonly Talker[]): string[][] {
  return list.map((t) => [t.address, `${count(t.packets)} packets`, bytes(t.bytes)]);
}

export function renderSummaryText(r: SummaryReport, capture: CaptureInfo): string {
  const lines = renderCaptureHeader(capture);
  lines.push(
    `time:       ${when(r.firstTs)} .. ${when(r.lastTs)} (${seconds(r.duration)})`,
    `packets:    ${count(r.packets)} (${r.packetsPerSecond.toFixed(1)}/s average, peak ${count(r.peakPacketsPerSecond)} in one second)`,
    `bytes:      ${bytes(r.bytes)} captured, ${bytes(r.originalBytes)} on the wire (${bytes(r.bytesPerSecond)}/s)${r.snapped > 0 ? `; ${count(r.snapped)} frames cut by the snap length` : ""}`,
  );
  if (r.perSecond.length > 1)
    lines.push(`packets/s:  ${sparkline(r.perSecond.map((s) => s.packets))}`);
  lines.push("ethertypes:");
  const et = Object.entries(r.ethertypes).sort((a, b) => b[1] - a[1]);
  lines.push(
    ...table(et.map(([k, n]) => [k, ETHERTYPE_NAMES[k] ?? "", count(n) + share(n, r.packets)])),
  );
  const protocols = Object.entries(r.protocols).map(([k, n]) => `${k} ${count(n)}`);
  lines.push(`protocols:  ${protocols.join(", ") || "-"}`);
  if (r.vlanTagged > 0) {
    const vlans = Object.entries(r.vlans)
      .slice(0, 10)
      .map(([k, n]) => `${k}: ${count(n)}`);
    lines.push(`vlans:      ${count(r.vlanTagged)} tagged frames; ${vlans.join(", ")}`);
  }
  if (r.topTalkers.macs.length > 0)
    lines.push("top MACs (source):", ...table(talkerRows(r.topTalkers.macs)));
  if (r.topTalkers.ips.length > 0)
    lines.push("top IPs (source):", ...table(talkerRows(r.topTalkers.ips)));
  const l = r.lacp;
  lines.push(
    `lacp:       ${count(l.pdus)} LACPDUs on ${l.ports} ports, ${l.markers} markers; ${l.stateChanges} state changes, ${l.partnerChanges} partner changes, ${l.gaps} gaps, ${l.stopped} stopped, ${l.splits} splits`,
    ...l.messages.map((m) => `  - ${m}`),
    `lldp/cdp:   ${count(r.lldp.pdus)} LLDPDUs from ${r.lldp.neighbors} neighbours, ${count(r.cdp.pdus)} CDP from ${r.cdp.neighbors}`,
  );
  const a = r.arp;
  lines.push(
    `arp/nd:     ${count(a.requests)} requests, ${count(a.replies)} replies, ${count(a.gratuitous)} gratuitous, ${count(a.probes)} probes, ${count(a.neighborSolicitations)} NS, ${count(a.neighborAdvertisements)} NA; ${a.moves} moves, ${a.conflicts} conflicts, ${a.unanswered} addresses never answered`,
    ...a.messages.map((m) => `  - ${m}`),
  );
  lines.push(...renderStormLines(r.storms));
  const e = r.errors;
  if (e.total === 0) lines.push("errors:     none");
  else {
    const kinds = Object.entries(e.byKind).map(([k, n]) => `${count(n)} ${k}`);
    lines.push(`errors:     ${count(e.total)} frames (${kinds.join(", ")})`);
    for (const f of e.frames.slice(0, 20))
      lines.push(`  - frame ${f.frame}: ${f.kind} ${f.protocol}: ${f.message}`);
    if (e.total > 20)
      lines.push(`  ... ${count(e.total - 20)} more (--json lists up to ${e.frames.length})`);
  }
  return `${lines.join("\n")}\n`;
}
