// One decoded LLDP or CDP frame, heard on a member, as an entry of the neighbour table. Pure.

import { fromCdp, fromLldp } from "../../pcap/analyze/neighbors.js";
import type { Frame } from "../../pcap/decode/dispatch.js";
import type { HeardNeighbour } from "../detect/neighbours.js";

/** undefined for any frame that is not a decodable LLDPDU or CDP frame. */
export function heardNeighbour(ifname: string, frame: Frame): HeardNeighbour | undefined {
  const pdu = frame.payload;
  if (pdu === undefined || (pdu.kind !== "lldp" && pdu.kind !== "cdp")) return undefined;
  const f = pdu.kind === "lldp" ? fromLldp(pdu) : fromCdp(pdu);
  return {
    ifname,
    protocol: pdu.kind,
    chassisId: f.chassisId ?? null,
    systemName: f.systemName ?? null,
    portId: f.portId ?? null,
    portDescription: f.portDescription ?? null,
    managementAddresses: f.managementAddresses ?? [],
    vlan: f.vlan ?? null,
    aggregation: f.linkAggregation ?? null,
    ttl: f.ttl ?? null,
    heardMs: Math.round(frame.packet.ts * 1000),
  };
}
