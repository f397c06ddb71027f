// ARP and IPv6 neighbour discovery activity: gratuitous announcements (what a failover sends),
// an address that moves to another MAC, an address claimed by more than one MAC in turn (a DSR
// VIP answered by several real servers, a duplicate address: incident 002), a MAC claiming
// several addresses, and requests nobody answered.
import { ipv6Text, macText } from "../addresses.js";
import type { Frame } from "../decode/dispatch.js";
import { type Analyzer, analyze, type CaptureContext, roundTs } from "./analyzer.js";
import type { ArpConflict, ArpMove } from "./arp-claims.js";
import { classifyClaims, type IpClaims } from "./arp-claims.js";

export interface ArpOptions {
  /** Two ownership changes of one address closer than this (seconds) make a conflict (60). */
  conflictWindow?: number;
  /** Rows kept in each list (default 100); counts cover everything. */
  maxListed?: number;
}

interface Announcement {
  frame: number;
  ts: number;
  ip: string;
  mac: string;
  kind: "arp-request" | "arp-reply" | "unsolicited-na";
}

interface Unanswered {
  ip: string;
  protocol: "arp" | "nd";
  requests: number;
  firstFrame: number;
  lastFrame: number;
  /** Who asked (sender addresses, at most 8). */
  askedBy: string[];
}

export interface ArpReport {
  requests: number;
  replies: number;
  gratuitous: number;
  probes: number;
  announcements: Announcement[];
  solicitations: number;
  advertisements: number;
  unsolicitedAdvertisements: number;
  moves: ArpMove[];
  conflicts: ArpConflict[];
  macsWithSeveralIps: Array<{ mac: string; ips: string[] }>;
  unanswered: Unanswered[];
}

interface Pending {
  protocol: "arp" | "nd";
  requests: number;
  firstFrame: number;
  lastFrame: number;
  askedBy: Set<string>;
}

const MAX_ADDRESSES = 100_000;
const MAX_IPS_PER_MAC = 16;
const MAX_OWNERS = 64;

export function createArpAnalyzer(options: ArpOptions = {}): Analyzer<ArpReport> {
  const maxListed = options.maxListed ?? 100;
  const counts = { requests: 0, replies: 0, gratuitous: 0, probes: 0 };
  const nd = { solicitations: 0, advertisements: 0, unsolicited: 0 };
  const announcements: Announcement[] = [];
  const claims = new Map<string, IpClaims>();
  const ipsOfMac = new Map<string, Set<string>>();
  const pending = new Map<string, Pending>();

  function claim(frame: Frame, ip: string, mac: string, announced: boolean): void {
    const { index, ts } = frame.packet;
    let c = claims.get(ip);
    if (c === undefined) {
      if (claims.size >= MAX_ADDRESSES) return;
      c = { ip, owner: mac, owners: new Map(), changes: [], changeCount: 0 };
      claims.set(ip, c);
    }
    const o = c.owners.get(mac);
    if (o === undefined) {
      if (c.owners.size < MAX_OWNERS)
        c.owners.set(mac, { claims: 1, firstFrame: index, lastFrame: index });
    } else {
      o.claims++;
      o.lastFrame = index;
    }
    if (c.owner !== mac) {
      c.changeCount++;
      if (c.changes.length < 1000)
        c.changes.push({ frame: index, ts, from: c.owner, to: mac, announced });
      c.owner = mac;
    }
    let ips = ipsOfMac.get(mac);
    if (ips === undefined && ipsOfMac.size < MAX_ADDRESSES) {
      ips = new Set();
      ipsOfMac.set(mac, ips);
    }
    if (ips !== undefined && ips.size < MAX_IPS_PER_MAC) ips.add(ip);
  }

  function ask(frame: Frame, protocol: "arp" | "nd", target: string, asker: string): void {
    const index = frame.packet.index;
    const p = pending.get(target);
    if (p === undefined) {
      if (pending.size >= MAX_ADDRESSES) return;
      const askedBy = new Set([asker]);
      pending.set(target, { protocol, requests: 1, firstFrame: index, lastFrame: index, askedBy });
    } else {
      p.requests++;
      p.lastFrame = index;
      if (p.askedBy.size < 8) p.askedBy.add(asker);
    }
  }

  function announce(frame: Frame, ip: string, mac: string, kind: Announcement["kind"]): void {
    if (announcements.length >= maxListed) return;
    const { index, ts } = frame.packet;
    announcements.push({ frame: index, ts: roundTs(ts), ip, mac, kind });
  }

  function addArp(frame: Frame): void {
    const a = frame.payload;
    if (a?.kind !== "arp" || a.hardwareLength !== 6 || a.protocolLength !== 4) return;
    if (a.op === "request") counts.requests++;
    else if (a.op === "reply") counts.replies++;
    else return;
    if (a.probe) {
      counts.probes++;
      return;
    }
    if (a.senderIp === "0.0.0.0") return;
    if (a.gratuitous) {
      counts.gratuitous++;
      announce(frame, a.senderIp, a.senderMac, a.op === "request" ? "arp-request" : "arp-reply");
    }
    claim(frame, a.senderIp, a.senderMac, a.gratuitous);
    if (a.op === "reply") pending.delete(a.senderIp);
    else if (!a.gratuitous) ask(frame, "arp", a.targetIp, a.senderIp);
  }

  function addNd(frame: Frame): void {
    const ip = frame.payload;
    if (ip?.kind !== "ipv6" || ip.inner?.kind !== "icmpv6") return;
    const n = ip.inner.neighbor;
    if (n === undefined) return;
    const link = frame.link.kind === "link" ? frame.link : undefined;
    const mac = n.linkAddress ?? link?.src;
    const source = ipv6Text(ip.src);
    if (n.advertisement) {
      nd.advertisements++;
      pending.delete(n.target);
      if (mac === undefined) return;
      if (!n.solicited) {
        nd.unsolicited++;
        announce(frame, n.target, macText(mac), "unsolicited-na");
      }
      claim(frame, n.target, macText(mac), !n.solicited);
      return;
    }
    nd.solicitations++;
    if (source === "::") return; // duplicate address detection: a probe
    if (n.linkAddress !== undefined) claim(frame, source, macText(n.linkAddress), false);
    ask(frame, "nd", n.target, source);
  }

  function add(frame: Frame): void {
    const kind = frame.payload?.kind;
    if (kind === "arp") addArp(frame);
    else if (kind === "ipv6") addNd(frame);
  }

  function finish(): ArpReport {
    const { moves, conflicts } = classifyClaims(claims.values(), options.conflictWindow ?? 60);
    const several = [...ipsOfMac]
      .filter(([, ips]) => ips.size > 1)
      .map(([mac, ips]) => ({ mac, ips: [...ips] }));
    const unanswered = [...pending]
      .map(([ip, p]) => ({
        ip,
        protocol: p.protocol,
        requests: p.requests,
        firstFrame: p.firstFrame,
        lastFrame: p.lastFrame,
        askedBy: [...p.askedBy],
      }))
      .sort((a, b) => b.requests - a.requests || a.firstFrame - b.firstFrame);
    return {
      ...counts,
      announcements,
      solicitations: nd.solicitations,
      advertisements: nd.advertisements,
      unsolicitedAdvertisements: nd.unsolicited,
      moves: moves.slice(0, maxListed),
      conflicts: conflicts.slice(0, maxListed),
      macsWithSeveralIps: several.slice(0, maxListed),
      unanswered: unanswered.slice(0, maxListed),
    };
  }

  return { add, finish };
}

/** The same as a pure function over a list of frames. */
export function analyzeArp(
  frames: Iterable<Frame>,
  options: ArpOptions = {},
  context?: CaptureContext,
): ArpReport {
  return analyze(createArpAnalyzer(options), frames, context);
}
