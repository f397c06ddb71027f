// `pcap lacp` as text: per port, who it is, who it sees, its rate and its events; then splits.

import { lacpStateNames } from "../../host/parse/lacp-state.js";
import type { LacpPortReport, LacpReport } from "../analyze/lacp.js";
import type { LacpPortInfo } from "../decode/slow-protocols.js";
import { type CaptureInfo, renderCaptureHeader } from "./capture.js";
import { count, table, when } from "./format.js";

function side(info: LacpPortInfo | null): string {
  if (info === null) return "-";
  const state = lacpStateNames(info.state).join(",") || "none";
  return `system ${info.systemPriority},${info.system} key ${info.key} port ${info.portPriority},${info.port} state ${state}`;
}

function portLines(p: LacpPortReport, verbose: boolean): string[] {
  const median = p.medianInterval === null ? "-" : `${p.medianInterval} s`;
  const lines = [
    `port ${p.mac} (${p.interface}): ${count(p.pdus)} LACPDUs, frames ${p.firstFrame}..${p.lastFrame}, ${p.rate} rate (every ${p.expectedInterval} s expected, median ${median}, longest ${p.maxInterval ?? "-"} s)`,
    `  actor:   ${side(p.actor)}`,
    `  partner: ${side(p.partner)}`,
  ];
  if (p.collectorMaxDelay !== null)
    lines.push(`  collector max delay: ${p.collectorMaxDelay} (tens of µs)`);
  for (const e of p.events) lines.push(`  - ${e.message}`);
  if (verbose) {
    lines.push("  timeline:");
    const rows = p.timeline.map((t) => [
      `#${t.frame}`,
      when(t.ts),
      t.interval === null ? "" : `+${t.interval}s`,
      `actor ${t.actorState.join(",") || "none"}`,
      `partner ${t.partner} ${t.partnerState.join(",") || "none"}`,
    ]);
    lines.push(...table(rows, "    "));
    if (p.timelineDropped > 0)
      lines.push(`    (${count(p.timelineDropped)} earlier PDUs not listed)`);
  }
  return lines;
}

export function renderLacpText(r: LacpReport, capture: CaptureInfo, verbose = false): string {
  const lines = renderCaptureHeader(capture);
  lines.push(
    `${count(r.pdus)} LACPDUs and ${count(r.markers)} marker PDUs from ${r.ports.length} ports`,
  );
  for (const p of r.ports) lines.push("", ...portLines(p, verbose));
  if (r.splits.length > 0) lines.push("", ...r.splits.map((s) => `! ${s.message}`));
  return `${lines.join("\n")}\n`;
}
