// The counting half of the traffic analysis: one state object updated per frame, and merged
// with the state of a later part of the file (parallel reading: a worker per file region).
import { ipv6Text } from "../addresses.js";
import type { Frame } from "../decode/dispatch.js";
import type { VlanTag } from "../decode/ethernet.js";
import type { PlainIp } from "../decode/plain-ip.js";
import type { Packet } from "../packet.js";
import { type FrameError, frameError } from "./frame-errors.js";
import {
  addCounts,
  countPlainProtocols,
  countProtocols,
  mergeProtocolCounts,
  newProtocolCounts,
  type ProtocolCounts,
} from "./protocol-counts.js";
import { type Counted, TopCounter } from "./top-counter.js";

/** Distinct seconds kept in the series: 11 days of capture, ~80 MB at most. */
const MAX_SECONDS = 1_000_000;

export interface SecondCount {
  /** Epoch second. */
  t: number;
  packets: number;
  bytes: number;
}

export interface TrafficState {
  packets: number;
  bytes: number;
  originalBytes: number;
  snapped: number;
  firstTs: number;
  lastTs: number;
  seconds: Map<number, SecondCount>;
  /** Seconds past the first MAX_SECONDS distinct ones were not kept (bogus timestamps). */
  perSecondTruncated: boolean;
  /** Indexed by ethertype. */
  ethertypes: Float64Array;
  llcOnly: number;
  noEthertype: number;
  vlanTagged: number;
  /** Keyed by vid, or (outer + 1) * 4096 + inner for QinQ. */
  vlans: Map<number, number>;
  protocols: ProtocolCounts;
  macs: TopCounter;
  ipv4: TopCounter;
  ipv6: TopCounter;
  errors: FrameError[];
  errorKinds: Map<string, number>;
  errorTotal: number;
  maxErrors: number;
}

/** What crosses a thread: the TopCounters as plain data. */
export type TrafficStateData = Omit<TrafficState, "macs" | "ipv4" | "ipv6"> & {
  macs: { entries: Counted[]; approximate: boolean };
  ipv4: { entries: Counted[]; approximate: boolean };
  ipv6: { entries: Counted[]; approximate: boolean };
};

export function newTrafficState(maxErrors: number): TrafficState {
  return {
    packets: 0,
    bytes: 0,
    originalBytes: 0,
    snapped: 0,
    firstTs: Number.POSITIVE_INFINITY,
    lastTs: Number.NEGATIVE_INFINITY,
    seconds: new Map(),
    perSecondTruncated: false,
    ethertypes: new Float64Array(65536),
    llcOnly: 0,
    noEthertype: 0,
    vlanTagged: 0,
    vlans: new Map(),
    protocols: newProtocolCounts(),
    macs: new TopCounter(),
    ipv4: new TopCounter(),
    ipv6: new TopCounter(),
    errors: [],
    errorKinds: new Map(),
    errorTotal: 0,
    maxErrors,
  };
}

/** A number for the IPv6 address at `at` of `b` (two 32-bit hashes, 53 bits: collisions are negligible). */
function ipv6Key(b: Uint8Array, at = 0): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  for (let i = at; i < at + 16; i++) {
    const v = b[i] as number;
    h1 = Math.imul(h1 ^ v, 16777619);
    h2 = Math.imul(h2 ^ v, 0x5bd1e995);
  }
  return (h1 >>> 0) * 2097152 + (h2 >>> 11);
}

function countError(s: TrafficState, error: FrameError): void {
  s.errorTotal++;
  s.errorKinds.set(error.kind, (s.errorKinds.get(error.kind) ?? 0) + 1);
  if (s.errors.length < s.maxErrors) s.errors.push(error);
}

/** What every frame adds, decoded or counted from its bytes: totals, time span, its second. */
function countPacket(s: TrafficState, p: Packet, current: SecondCount): SecondCount {
  const size = p.capturedLength;
  s.packets++;
  s.bytes += size;
  s.originalBytes += p.originalLength;
  if (size < p.originalLength) s.snapped++;
  const ts = p.ts;
  if (ts < s.firstTs) s.firstTs = ts;
  if (ts > s.lastTs) s.lastTs = ts;
  const second = secondOf(s, p, current);
  second.packets++;
  second.bytes += size;
  return second;
}

/** The hot path: one frame. `current` caches the second the previous frame fell in. */
export function countFrame(s: TrafficState, frame: Frame, current: SecondCount): SecondCount {
  const p = frame.packet;
  const size = p.capturedLength;
  const second = countPacket(s, p, current);
  countProtocols(s.protocols, frame);
  const link = frame.link;
  if (link.kind === "link") {
    const e = link.ethertype;
    if (e !== undefined) s.ethertypes[e] = (s.ethertypes[e] as number) + 1;
    else if (link.llc !== undefined) s.llcOnly++;
    else s.noEthertype++;
    const tags = link.vlans;
    if (tags.length > 0) {
      s.vlanTagged++;
      const outer = (tags[0] as VlanTag).vid;
      const key = tags.length === 1 ? outer : (outer + 1) * 4096 + (tags[1] as VlanTag).vid;
      s.vlans.set(key, (s.vlans.get(key) ?? 0) + 1);
    }
    if (link.src !== undefined) s.macs.add(link.src, size);
  } else s.noEthertype++;
  const payload = frame.payload;
  if (payload?.kind === "ipv4") s.ipv4.add(payload.src, size);
  else if (payload?.kind === "ipv6") {
    const e = s.ipv6.add(ipv6Key(payload.src), size);
    e.label ??= ipv6Text(payload.src);
  }
  const error = frameError(frame);
  if (error !== undefined) countError(s, error);
  return second;
}

/**
 * The second the packet falls in: `current` when it is the same, else found or made. (Takes
 * the packet, not its timestamp: a double argument is boxed, an allocation per frame.)
 */
function secondOf(s: TrafficState, p: Packet, current: SecondCount): SecondCount {
  const t = Math.floor(p.ts);
  if (t === current.t) return current;
  let known = s.seconds.get(t);
  if (known === undefined) {
    known = { t, packets: 0, bytes: 0 };
    if (s.seconds.size < MAX_SECONDS) s.seconds.set(t, known);
    else s.perSecondTruncated = true;
  }
  return known;
}

/**
 * countFrame for a plain IP frame (decode/plain-ip.ts), read straight from its bytes: the
 * same counts, no decoded objects. Such a frame is never wrong (frame-errors.ts), so no error.
 */
export function countPlainFrame(
  s: TrafficState,
  p: Packet,
  ip: PlainIp,
  current: SecondCount,
): SecondCount {
  const size = p.capturedLength;
  const second = countPacket(s, p, current);
  const tagged = ip.vid >= 0;
  countPlainProtocols(s.protocols, tagged, ip);
  const e = ip.ethertype;
  s.ethertypes[e] = (s.ethertypes[e] as number) + 1;
  if (tagged) {
    s.vlanTagged++;
    s.vlans.set(ip.vid, (s.vlans.get(ip.vid) ?? 0) + 1);
  }
  s.macs.add(ip.src, size);
  if (ip.ipv6Src < 0) s.ipv4.add(ip.ipv4Src, size);
  else {
    const at = p.offset + ip.ipv6Src;
    const entry = s.ipv6.add(ipv6Key(p.chunk, at), size);
    entry.label ??= ipv6Text(p.chunk.subarray(at, at + 16));
  }
  return second;
}

export function trafficStateData(s: TrafficState): TrafficStateData {
  return { ...s, macs: s.macs.state(), ipv4: s.ipv4.state(), ipv6: s.ipv6.state() };
}

/** Add the state of the next part of the file; its frame numbers start after `frameOffset`. */
export function mergeTrafficState(s: TrafficState, b: TrafficStateData, frameOffset: number): void {
  s.packets += b.packets;
  s.bytes += b.bytes;
  s.originalBytes += b.originalBytes;
  s.snapped += b.snapped;
  s.firstTs = Math.min(s.firstTs, b.firstTs);
  s.lastTs = Math.max(s.lastTs, b.lastTs);
  s.perSecondTruncated ||= b.perSecondTruncated;
  for (const [t, c] of b.seconds) {
    const mine = s.seconds.get(t);
    if (mine === undefined) s.seconds.set(t, { ...c });
    else {
      mine.packets += c.packets;
      mine.bytes += c.bytes;
    }
  }
  addCounts(s.ethertypes, b.ethertypes);
  s.llcOnly += b.llcOnly;
  s.noEthertype += b.noEthertype;
  s.vlanTagged += b.vlanTagged;
  for (const [k, n] of b.vlans) s.vlans.set(k, (s.vlans.get(k) ?? 0) + n);
  mergeProtocolCounts(s.protocols, b.protocols);
  s.macs.merge(b.macs);
  s.ipv4.merge(b.ipv4);
  s.ipv6.merge(b.ipv6);
  for (const e of b.errors) {
    if (s.errors.length < s.maxErrors) s.errors.push({ ...e, frame: e.frame + frameOffset });
  }
  s.errorTotal += b.errorTotal;
  for (const [k, n] of b.errorKinds) s.errorKinds.set(k, (s.errorKinds.get(k) ?? 0) + n);
}
