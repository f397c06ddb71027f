// LLDP and CDP neighbours per capture interface: which switch and which switch port each NIC is
// plugged into, with what the switch says about the port (VLAN, aggregation, MTU).
import { macText } from "../addresses.js";
import type { CdpPdu } from "../decode/cdp.js";
import type { Frame } from "../decode/dispatch.js";
import type { Lldpdu } from "../decode/lldp.js";
import type { LinkAggregationTlv } from "../decode/lldp-org.js";
import {
  type Analyzer,
  analyze,
  type CaptureContext,
  interfaceLabel,
  roundTs,
} from "./analyzer.js";

export interface Neighbor {
  protocol: "lldp" | "cdp";
  sourceMac: string;
  /** LLDP chassis id, or CDP device id. */
  chassisId: string | null;
  portId: string | null;
  portDescription: string | null;
  systemName: string | null;
  /** LLDP system description, or CDP platform. */
  system: string | null;
  managementAddresses: string[];
  capabilities: string[];
  /** LLDP port VLAN id, or CDP native VLAN. */
  vlan: number | null;
  linkAggregation: LinkAggregationTlv | null;
  /** LLDP 802.3 maximum frame size, or CDP MTU. */
  mtu: number | null;
  ttl: number | null;
  pdus: number;
  firstFrame: number;
  lastFrame: number;
  lastTs: number;
}

export interface NeighborsReport {
  lldpPdus: number;
  cdpPdus: number;
  interfaces: Array<{ interface: string; neighbors: Neighbor[] }>;
}

interface Seen extends Neighbor {
  interfaceId: number;
  ifindex: number | undefined;
}

const MAX_NEIGHBORS = 10_000;

export function fromLldp(p: Lldpdu): Partial<Neighbor> {
  return {
    chassisId: p.chassisId?.value ?? null,
    portId: p.portId?.value ?? null,
    portDescription: p.portDescription ?? null,
    systemName: p.systemName ?? null,
    system: p.systemDescription ?? null,
    managementAddresses: p.managementAddresses,
    capabilities: p.capabilities?.enabled ?? [],
    vlan: p.portVlan ?? null,
    linkAggregation: p.linkAggregation ?? null,
    mtu: p.maxFrameSize ?? null,
    ttl: p.ttl ?? null,
  };
}

export function fromCdp(p: CdpPdu): Partial<Neighbor> {
  return {
    chassisId: p.deviceId ?? null,
    portId: p.portId ?? null,
    portDescription: null,
    systemName: p.systemName ?? p.deviceId ?? null,
    system: p.platform ?? null,
    managementAddresses: p.managementAddresses.length > 0 ? p.managementAddresses : p.addresses,
    capabilities: p.capabilities ?? [],
    vlan: p.nativeVlan ?? null,
    linkAggregation: null,
    mtu: p.mtu ?? null,
    ttl: p.ttl,
  };
}

export function createNeighborsAnalyzer(): Analyzer<NeighborsReport> {
  const seen = new Map<string, Seen>();
  let lldpPdus = 0;
  let cdpPdus = 0;

  function add(frame: Frame): void {
    const pdu = frame.payload;
    if (pdu === undefined || (pdu.kind !== "lldp" && pdu.kind !== "cdp")) return;
    if (pdu.kind === "lldp") lldpPdus++;
    else cdpPdus++;
    const facts = pdu.kind === "lldp" ? fromLldp(pdu) : fromCdp(pdu);
    const link = frame.link.kind === "link" ? frame.link : undefined;
    const { index, ts, interfaceId } = frame.packet;
    const ifindex = link?.cooked?.ifindex;
    const sourceMac = link?.src === undefined ? "unknown" : macText(link.src);
    const key = `${interfaceId}/${ifindex}/${pdu.kind}/${sourceMac}/${facts.chassisId}/${facts.portId}`;
    const old = seen.get(key);
    if (old === undefined && seen.size >= MAX_NEIGHBORS) return;
    const base = old ?? {
      protocol: pdu.kind,
      sourceMac,
      interfaceId,
      ifindex,
      pdus: 0,
      firstFrame: index,
    };
    seen.set(key, {
      ...(base as Seen),
      ...facts,
      pdus: base.pdus + 1,
      lastFrame: index,
      lastTs: roundTs(ts),
    });
  }

  function finish(context?: CaptureContext): NeighborsReport {
    const groups = new Map<string, Neighbor[]>();
    for (const s of seen.values()) {
      const { interfaceId, ifindex, ...n } = s;
      const label =
        ifindex === undefined ? interfaceLabel(interfaceId, context) : `ifindex ${ifindex}`;
      const list = groups.get(label) ?? [];
      list.push(n);
      groups.set(label, list);
    }
    const interfaces = [...groups]
      .map(([label, neighbors]) => ({
        interface: label,
        neighbors: neighbors.sort((a, b) => a.firstFrame - b.firstFrame),
      }))
      .sort((a, b) => a.interface.localeCompare(b.interface));
    return { lldpPdus, cdpPdus, interfaces };
  }

  return { add, finish };
}

/** The same as a pure function over a list of frames. */
export function analyzeNeighbors(
  frames: Iterable<Frame>,
  context?: CaptureContext,
): NeighborsReport {
  return analyze(createNeighborsAnalyzer(), frames, context);
}
