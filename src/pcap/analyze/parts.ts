// The five analyses as parts of one pass. Traffic and storms count every frame and can be
// merged across file regions (one worker each); LACP, ARP/ND and neighbours look only at a few
// kinds of frame ("rare" ones), which they need in file order.
import { decodeFrame, type Frame } from "../decode/dispatch.js";
import { LINKTYPE_ETHERNET } from "../decode/ethernet.js";
import { decodePlainIp, type PlainIp } from "../decode/plain-ip.js";
import type { Packet } from "../packet.js";
import type { Analyzer, CaptureContext } from "./analyzer.js";
import type { ArpReport } from "./arp.js";
import type { LacpReport } from "./lacp.js";
import type { NeighborsReport } from "./neighbors.js";
import type { StormAnalyzer } from "./storms.js";
import type { TrafficAnalyzer } from "./traffic.js";

export interface Parts {
  traffic: TrafficAnalyzer | undefined;
  storms: StormAnalyzer | undefined;
  lacp: Analyzer<LacpReport> | undefined;
  arp: Analyzer<ArpReport> | undefined;
  neighbors: Analyzer<NeighborsReport> | undefined;
  /** The latest timestamp of every frame seen (LACP's "stopped sending" needs the end). */
  lastTs: number;
}

/** Frames the LACP, ARP/ND and neighbour analyses look at. */
export function isRareFrame(frame: Frame): boolean {
  const p = frame.payload;
  if (p === undefined) return false;
  switch (p.kind) {
    case "lacp":
    case "marker":
    case "arp":
    case "lldp":
    case "cdp":
      return true;
    case "ipv6":
      return p.inner?.kind === "icmpv6" && p.inner.neighbor !== undefined;
    default:
      return false;
  }
}

/** What every frame goes through (in a worker, for its region). */
export function addToCounts(parts: Parts, frame: Frame): void {
  const ts = frame.packet.ts;
  if (ts > parts.lastTs) parts.lastTs = ts;
  parts.traffic?.add(frame);
  parts.storms?.add(frame);
}

/** What only rare frames go through, in file order. */
export function addRare(parts: Parts, frame: Frame): void {
  parts.lacp?.add(frame);
  parts.arp?.add(frame);
  parts.neighbors?.add(frame);
}

/**
 * Count one packet (traffic, storms, last timestamp): a plain IP frame straight from its bytes
 * into `plain` (reused), anything else decoded in full. Returns the decoded frame, undefined
 * for a plain one (never a rare frame). `plain` undefined: every frame is decoded in full.
 */
export function countPacket(
  parts: Parts,
  p: Packet,
  plain: PlainIp | undefined,
): Frame | undefined {
  if (
    plain !== undefined &&
    p.linkType === LINKTYPE_ETHERNET &&
    p.capturedLength <= p.originalLength &&
    decodePlainIp(p.view, p.offset, p.capturedLength, plain)
  ) {
    const ts = p.ts;
    if (ts > parts.lastTs) parts.lastTs = ts;
    parts.traffic?.addPlain(p, plain);
    parts.storms?.addPlain(p, plain);
    return undefined;
  }
  const frame = decodeFrame(p);
  addToCounts(parts, frame);
  return frame;
}

/** countPacket, then the rare frames into the order-dependent analyses: a whole single pass. */
export function addPacket(parts: Parts, p: Packet, plain: PlainIp | undefined): void {
  const frame = countPacket(parts, p, plain);
  if (frame !== undefined && isRareFrame(frame)) addRare(parts, frame);
}

export function addFrame(parts: Parts, frame: Frame): void {
  addToCounts(parts, frame);
  if (isRareFrame(frame)) addRare(parts, frame);
}

/** The context the parts finish with: the capture's interfaces and its last timestamp. */
export function finishContext(parts: Parts, context: CaptureContext | undefined): CaptureContext {
  const interfaces = context?.interfaces ?? [];
  const lastTs = Math.max(parts.lastTs, context?.lastTs ?? parts.lastTs);
  return Number.isFinite(lastTs) ? { interfaces, lastTs } : { interfaces };
}
