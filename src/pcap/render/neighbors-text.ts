// `pcap neighbors` as text: per capture interface, the switch and port on the other end.
// Names come off the wire (anyone on the segment can send an LLDPDU): shown escaped.

import { escapeControl } from "../../lib/text.js";
import type { Neighbor, NeighborsReport } from "../analyze/neighbors.js";
import { type CaptureInfo, renderCaptureHeader } from "./capture.js";
import { count } from "./format.js";

function neighborLines(n: Neighbor): string[] {
  const who = n.systemName ?? n.chassisId ?? "?";
  const lines = [
    `  ${n.protocol.toUpperCase()} from ${n.sourceMac}: ${who}, port ${n.portId ?? "?"}${n.portDescription !== null && n.portDescription !== n.portId ? ` (${n.portDescription})` : ""}`,
  ];
  const facts: string[] = [];
  if (n.chassisId !== null && n.chassisId !== who) facts.push(`chassis ${n.chassisId}`);
  if (n.system !== null) facts.push(n.system.split("\n")[0] ?? "");
  if (n.managementAddresses.length > 0)
    facts.push(`management ${n.managementAddresses.join(", ")}`);
  if (n.vlan !== null) facts.push(`vlan ${n.vlan}`);
  if (n.linkAggregation !== null) {
    const la = n.linkAggregation;
    facts.push(
      la.enabled
        ? `aggregated (port id ${la.portId})`
        : la.supported
          ? "can aggregate, not aggregated"
          : "cannot aggregate",
    );
  }
  if (n.mtu !== null) facts.push(`mtu ${n.mtu}`);
  if (n.capabilities.length > 0) facts.push(n.capabilities.join(","));
  if (n.ttl !== null) facts.push(`ttl ${n.ttl} s`);
  facts.push(`${count(n.pdus)} PDUs, frames ${n.firstFrame}..${n.lastFrame}`);
  lines.push(`    ${facts.join("; ")}`);
  return lines;
}

export function renderNeighborsText(r: NeighborsReport, capture: CaptureInfo): string {
  const lines = renderCaptureHeader(capture);
  lines.push(`${count(r.lldpPdus)} LLDPDUs, ${count(r.cdpPdus)} CDP frames`);
  if (r.interfaces.length === 0) lines.push("no LLDP or CDP neighbours seen");
  for (const i of r.interfaces)
    lines.push(`${i.interface}:`, ...i.neighbors.flatMap(neighborLines));
  return `${lines.map(escapeControl).join("\n")}\n`;
}
