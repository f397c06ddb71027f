// Who is on the other end of a NIC: an LLDP or CDP neighbour heard on one local interface,
// from lldpd's output (sosreport or live), from a capture, or from the watcher. Plain data.
import type { Evidence } from "../lib/evidence.js";

/** IEEE 802.1Q Annex D.2.7 link aggregation TLV (or the older 802.3 one), as the switch sent it. */
interface NeighbourAggregation {
  /** null when the source does not say (lldpd prints the aggregation only when it is on). */
  supported: boolean | null;
  enabled: boolean;
  /** The switch's ifIndex of the aggregate (0 when not aggregated). */
  portId: number;
}

export interface LinkNeighbour {
  /** The local interface the neighbour was heard on. */
  ifname: string;
  protocol: "lldp" | "cdp";
  /** LLDP chassis id (a MAC for most switches), or the CDP device id. */
  chassisId: string | null;
  systemName: string | null;
  portId: string | null;
  portDescription: string | null;
  managementAddresses: string[];
  /** LLDP port VLAN id (PVID), or the CDP native VLAN. */
  vlan: number | null;
  aggregation: NeighbourAggregation | null;
  /** Seconds the switch said its information stays valid. */
  ttl: number | null;
  /** Where the neighbour starts (lldpd's "Interface:" line, or the capture frame). */
  source: Evidence;
  ev: Partial<Record<"chassisId" | "systemName" | "portId" | "vlan" | "aggregation", Evidence>>;
}

/** "sw-a Ethernet1/5": the switch by name (or chassis id) and the port. */
export function neighbourLabel(
  n: Pick<LinkNeighbour, "systemName" | "chassisId" | "portId">,
): string {
  const who = n.systemName ?? n.chassisId ?? "unknown switch";
  return n.portId === null ? who : `${who} ${n.portId}`;
}

/** The switch a neighbour is: its chassis id, or its name when it sent none. */
export function switchKey(n: LinkNeighbour): string {
  return (n.chassisId ?? n.systemName ?? "").toLowerCase();
}
