// A capture's LLDP/CDP neighbours as the doctor's LinkNeighbour facts: each capture interface
// is mapped to the host interface it was taken on (given by the user, or the pcapng interface
// name); the evidence is the newest frame of each neighbour.
import type { LinkNeighbour } from "../../host/neighbour.js";
import type { Neighbor, NeighborsReport } from "./neighbors.js";

function describe(n: Neighbor): string {
  const who = n.systemName ?? n.chassisId ?? "?";
  return `frame ${n.lastFrame}: ${n.protocol.toUpperCase()} from ${n.sourceMac}: ${who}, port ${n.portId ?? "?"}`;
}

export function linkNeighbourOf(n: Neighbor, ifname: string, file: string): LinkNeighbour {
  const ev = { file, line: n.lastFrame, text: describe(n) };
  return {
    ifname,
    protocol: n.protocol,
    chassisId: n.chassisId,
    systemName: n.systemName,
    portId: n.portId,
    portDescription: n.portDescription,
    managementAddresses: n.managementAddresses,
    vlan: n.vlan,
    aggregation: n.linkAggregation,
    ttl: n.ttl,
    source: ev,
    ev: { chassisId: ev, systemName: ev, portId: ev, vlan: ev, aggregation: ev },
  };
}

/**
 * `ifnameFor(label)`: the host interface a capture interface ("eno1", "interface 0") stands
 * for; neighbours of interfaces it cannot name are left out.
 */
export function linkNeighboursOf(
  report: NeighborsReport,
  file: string,
  ifnameFor: (label: string) => string | undefined,
): LinkNeighbour[] {
  const out: LinkNeighbour[] = [];
  for (const group of report.interfaces) {
    const ifname = ifnameFor(group.interface);
    if (ifname === undefined) continue;
    for (const n of group.neighbors) out.push(linkNeighbourOf(n, ifname, file));
  }
  return out;
}
