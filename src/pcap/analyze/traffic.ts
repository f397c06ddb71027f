// Traffic counts: packets, bytes, time span, per-ethertype and per-protocol counts, a
// per-second series, top talkers (MAC and IP) and the frames that are wrong. The hot loop of
// `pcap summary`: counters are typed arrays indexed by number, MACs and IPv4 addresses are
// counted as numbers, and text is only made for what ends up in the report.
import { ipv4Text, macText } from "../addresses.js";
import type { Frame } from "../decode/dispatch.js";
import type { PlainIp } from "../decode/plain-ip.js";
import type { Packet } from "../packet.js";
import { type Analyzer, analyze, type CaptureContext, roundTs } from "./analyzer.js";
import type { FrameError } from "./frame-errors.js";
import { protocolCounts } from "./protocol-counts.js";
import type { Counted } from "./top-counter.js";
import {
  countFrame,
  countPlainFrame,
  mergeTrafficState,
  newTrafficState,
  type SecondCount,
  type TrafficState,
  type TrafficStateData,
  trafficStateData,
} from "./traffic-state.js";

export interface TrafficOptions {
  /** Rows in each top-talkers list (default 10). */
  top?: number;
  /** Frame errors listed one by one (default 100); all are counted. */
  maxErrors?: number;
}

export interface Talker {
  address: string;
  packets: number;
  bytes: number;
}

export interface TrafficReport {
  packets: number;
  /** Captured bytes (what the file holds); `originalBytes` is what was on the wire. */
  bytes: number;
  originalBytes: number;
  /** Frames cut short by the snap length. */
  snapped: number;
  /** Earliest and latest timestamp, epoch seconds (null for an empty capture). */
  firstTs: number | null;
  lastTs: number | null;
  duration: number;
  packetsPerSecond: number;
  bytesPerSecond: number;
  peakPacketsPerSecond: number;
  /** Counts keyed "0x0806" (after VLAN tags); "llc" for 802.3 frames without SNAP ethertype. */
  ethertypes: Record<string, number>;
  vlanTagged: number;
  /** Counts keyed by VLAN id ("100", or "100.200" for QinQ, outer first). */
  vlans: Record<string, number>;
  /** Frames containing each protocol layer ("ethernet", "vlan", "ipv4", "tcp", "lacp", ...). */
  protocols: Record<string, number>;
  /** Seconds that had packets, in time order. */
  perSecond: SecondCount[];
  /** More than 1,000,000 distinct seconds (bogus timestamps): the series stops there. */
  perSecondTruncated: boolean;
  topTalkers: { macs: Talker[]; ips: Talker[]; approximate: boolean };
  errors: { total: number; byKind: Record<string, number>; frames: FrameError[] };
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

function vlanKey(k: number): string {
  return k < 4096 ? String(k) : `${Math.floor(k / 4096) - 1}.${k % 4096}`;
}

/** The report from a counted state. */
function trafficReport(s: TrafficState, top: number): TrafficReport {
  const empty = s.packets === 0;
  const duration = empty ? 0 : s.lastTs - s.firstTs;
  const perSecond = [...s.seconds.values()].sort((a, b) => a.t - b.t);
  const etypes: Record<string, number> = {};
  for (let t = 0; t < 65536; t++) {
    const n = s.ethertypes[t] as number;
    if (n > 0) etypes[`0x${t.toString(16).padStart(4, "0")}`] = n;
  }
  if (s.llcOnly > 0) etypes.llc = s.llcOnly;
  if (s.noEthertype > 0) etypes.none = s.noEthertype;
  const row = (c: Counted, address: string) => ({ address, packets: c.packets, bytes: c.bytes });
  const ipRows = [
    ...s.ipv4.top(top).map((c) => row(c, ipv4Text(c.key))),
    ...s.ipv6.top(top).map((c) => row(c, c.label ?? "?")),
  ];
  return {
    packets: s.packets,
    bytes: s.bytes,
    originalBytes: s.originalBytes,
    snapped: s.snapped,
    firstTs: empty ? null : s.firstTs,
    lastTs: empty ? null : s.lastTs,
    duration: roundTs(duration),
    packetsPerSecond: round3(duration > 0 ? s.packets / duration : s.packets),
    bytesPerSecond: round3(duration > 0 ? s.bytes / duration : s.bytes),
    peakPacketsPerSecond: perSecond.reduce((m, x) => Math.max(m, x.packets), 0),
    ethertypes: etypes,
    vlanTagged: s.vlanTagged,
    vlans: Object.fromEntries(
      [...s.vlans].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([k, n]) => [vlanKey(k), n]),
    ),
    protocols: protocolCounts(s.protocols),
    perSecond,
    perSecondTruncated: s.perSecondTruncated,
    topTalkers: {
      macs: s.macs.top(top).map((c) => row(c, macText(c.key))),
      ips: ipRows.sort((a, b) => b.packets - a.packets || b.bytes - a.bytes).slice(0, top),
      approximate: s.macs.approximate || s.ipv4.approximate || s.ipv6.approximate,
    },
    errors: {
      total: s.errorTotal,
      byKind: Object.fromEntries(s.errorKinds),
      frames: [...s.errors].sort((a, b) => a.frame - b.frame),
    },
  };
}

/** The traffic analysis, whose state can also be merged from workers reading file regions. */
export interface TrafficAnalyzer extends Analyzer<TrafficReport> {
  /** `add` for a plain IP frame, from its bytes (decode/plain-ip.ts). */
  addPlain(p: Packet, ip: PlainIp): void;
  state(): TrafficStateData;
  merge(state: TrafficStateData, frameOffset: number): void;
}

export function createTrafficAnalyzer(options: TrafficOptions = {}): TrafficAnalyzer {
  const s = newTrafficState(options.maxErrors ?? 100);
  let current: SecondCount = { t: Number.NaN, packets: 0, bytes: 0 };
  return {
    add: (frame) => {
      current = countFrame(s, frame, current);
    },
    addPlain: (p, ip) => {
      current = countPlainFrame(s, p, ip, current);
    },
    finish: () => trafficReport(s, options.top ?? 10),
    state: () => trafficStateData(s),
    merge: (state, frameOffset) => mergeTrafficState(s, state, frameOffset),
  };
}

/** The same as a pure function over a list of frames. */
export function analyzeTraffic(
  frames: Iterable<Frame>,
  options: TrafficOptions = {},
  context?: CaptureContext,
): TrafficReport {
  return analyze(createTrafficAnalyzer(options), frames, context);
}
