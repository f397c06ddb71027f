// What the rules that join a bond with its LLDP/CDP neighbours share. Pure.
import type { HostSnapshot } from "../../host/model.js";
import { type LinkNeighbour, neighbourLabel } from "../../host/neighbour.js";
import type { Evidence } from "../../lib/evidence.js";

/** The neighbour heard on `ifname`: LLDP before CDP, the first one a source listed. */
export function neighbourOf(s: HostSnapshot, ifname: string): LinkNeighbour | undefined {
  const heard = s.neighbours.filter((n) => n.ifname === ifname);
  return heard.find((n) => n.protocol === "lldp") ?? heard[0];
}

/** "eno1 → sw-a Ethernet1/5". */
export const arrow = (ifname: string, n: LinkNeighbour): string =>
  `${ifname} → ${neighbourLabel(n)}`;

/** The switch's name to address it by in a fix line. */
export const switchName = (n: LinkNeighbour): string =>
  n.systemName ?? n.managementAddresses[0] ?? n.chassisId ?? "the switch";

/** "sw-a (chassis 00:1c:73:aa:bb:01, management 192.0.2.11)". */
export function switchText(n: LinkNeighbour): string {
  const facts = [
    n.chassisId !== null && n.chassisId !== n.systemName ? `chassis ${n.chassisId}` : undefined,
    n.managementAddresses.length > 0 ? `management ${n.managementAddresses.join(", ")}` : undefined,
  ].filter((x) => x !== undefined);
  return `${switchName(n)}${facts.length > 0 ? ` (${facts.join(", ")})` : ""}`;
}

/** The lines that prove who the neighbour is. */
export function neighbourEvidence(n: LinkNeighbour): Array<Evidence | undefined> {
  return [n.source, n.ev.chassisId, n.ev.systemName, n.ev.portId];
}
