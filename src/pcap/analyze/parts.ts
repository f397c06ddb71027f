// The five analyses as parts of one pass. Traffic and storms count every frame and can be
// merged across file regions (one worker each); LACP, ARP/ND and neighbours look only at a few
// kinds of frame ("rare" ones), which they need in file order.
import type { Frame } from "../decode/dispatch.js";
import { LINKTYPE_ETHERNET } from "../decode/ethernet.js";
import { decodePlainIp, newPlainIp, type PlainIp } from "../decode/plain-ip.js";
import type { Packet } from "../packet.js";
import type { Analyzer, CaptureContext } from "./analyzer.js";
import type { ArpReport } from "./arp.js";
import { frameHash, HASHED_BYTES } from "./frame-sketch.js";
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

/**
 * What every frame goes through (in a worker, for its region). `storms` false: the native scan
 * already counted the frame in its storm sketch (native/scan.ts).
 */
export function addToCounts(parts: Parts, frame: Frame, storms = true): void {
  const ts = frame.packet.ts;
  if (ts > parts.lastTs) parts.lastTs = ts;
  parts.traffic?.add(frame);
  if (storms) parts.storms?.add(frame);
}

/** What only rare frames go through, in file order. */
export function addRare(parts: Parts, frame: Frame): void {
  parts.lacp?.add(frame);
  parts.arp?.add(frame);
  parts.neighbors?.add(frame);
}

/**
 * The fast lane's state: the plain IP frame read last (decoded, where its bytes are, its hash).
 * A frame whose length and first HASHED_BYTES bytes are the same (a storm is the same frame
 * over and over) decodes and hashes the same, so it is counted without either.
 */
export interface PlainLane {
  ip: PlainIp;
  /** The chunk the last frame is in (undefined: none; only a frame of the same chunk is
   * compared, since a reused buffer may already hold other bytes), its offset and length. */
  chunk: Uint8Array | undefined;
  offset: number;
  length: number;
  hash: number;
}

export function newPlainLane(): PlainLane {
  return { ip: newPlainIp(), chunk: undefined, offset: 0, length: 0, hash: 0 };
}

/** The first min(n, HASHED_BYTES) bytes at `a` and at `b` are the same. */
function sameHead(v: DataView, a: number, b: number, n: number): boolean {
  const m = Math.min(n, HASHED_BYTES);
  let i = 0;
  for (; i + 4 <= m; i += 4) if (v.getUint32(a + i) !== v.getUint32(b + i)) return false;
  for (; i < m; i++) if (v.getUint8(a + i) !== v.getUint8(b + i)) return false;
  return true;
}

/**
 * Count the packet when it is a plain IP frame, read straight from its bytes; false, and
 * nothing counted, for any other frame.
 */
export function countPlain(parts: Parts, p: Packet, lane: PlainLane): boolean {
  const n = p.capturedLength;
  if (p.linkType !== LINKTYPE_ETHERNET || n > p.originalLength) return false;
  if (p.chunk !== lane.chunk || n !== lane.length || !sameHead(p.view, lane.offset, p.offset, n)) {
    if (!decodePlainIp(p.view, p.offset, n, lane.ip)) {
      lane.chunk = undefined;
      return false;
    }
    lane.chunk = p.chunk;
    lane.length = n;
    if (parts.storms !== undefined) frameHash(p.view, p.offset, n, lane);
  }
  lane.offset = p.offset;
  const ts = p.ts;
  if (ts > parts.lastTs) parts.lastTs = ts;
  parts.traffic?.addPlain(p, lane.ip);
  parts.storms?.addPlain(p, lane.ip, lane);
  return true;
}

export function addFrame(parts: Parts, frame: Frame, storms = true): void {
  addToCounts(parts, frame, storms);
  if (isRareFrame(frame)) addRare(parts, frame);
}

/** The context the parts finish with: the capture's interfaces and its last timestamp. */
export function finishContext(parts: Parts, context: CaptureContext | undefined): CaptureContext {
  const interfaces = context?.interfaces ?? [];
  const lastTs = Math.max(parts.lastTs, context?.lastTs ?? parts.lastTs);
  return Number.isFinite(lastTs) ? { interfaces, lastTs } : { interfaces };
}
