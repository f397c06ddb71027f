// How many frames contain each protocol layer. Counted into typed arrays by number (link type,
// payload kind, IP protocol) on the hot path; named only when the report is made.
import type { Frame } from "../decode/dispatch.js";
import { LINKTYPE_ETHERNET } from "../decode/ethernet.js";
import { ETHERTYPE_IPV4 } from "../decode/ipv4.js";
import type { PlainIp } from "../decode/plain-ip.js";

// IANA protocol numbers worth a name in a NIC-bonding context.
const IP_PROTOCOL_NAMES: Record<number, string> = {
  1: "icmp",
  2: "igmp",
  6: "tcp",
  17: "udp",
  47: "gre",
  50: "esp",
  51: "ah",
  58: "icmpv6",
  89: "ospf",
  103: "pim",
  112: "vrrp",
  132: "sctp",
};

const LINK_NAMES: Record<number, string> = { 1: "ethernet", 113: "linux-sll", 276: "linux-sll2" };

const PAYLOADS = [
  "arp",
  "ipv4",
  "ipv6",
  "lacp",
  "marker",
  "slow-protocols",
  "lldp",
  "cdp",
] as const;
const PAYLOAD_INDEX = new Map<string, number>(PAYLOADS.map((k, i) => [k, i]));
const IPV4 = PAYLOADS.indexOf("ipv4");
const IPV6 = PAYLOADS.indexOf("ipv6");

function bump(counts: Float64Array, i: number): void {
  counts[i] = (counts[i] as number) + 1;
}

/** Plain data (it crosses worker threads): counts by link type, payload kind, IP protocol. */
export interface ProtocolCounts {
  links: Float64Array;
  payloads: Float64Array;
  ipProtocols: Float64Array;
  vlan: number;
  qinq: number;
  llc: number;
}

export function newProtocolCounts(): ProtocolCounts {
  return {
    links: new Float64Array(65536),
    payloads: new Float64Array(PAYLOADS.length),
    ipProtocols: new Float64Array(256),
    vlan: 0,
    qinq: 0,
    llc: 0,
  };
}

export function countProtocols(c: ProtocolCounts, frame: Frame): void {
  bump(c.links, frame.packet.linkType);
  const link = frame.link;
  if (link.kind === "link") {
    const tags = link.vlans.length;
    if (tags > 0) {
      c.vlan++;
      if (tags > 1) c.qinq++;
    }
    if (link.llc !== undefined) c.llc++;
  }
  const payload = frame.payload;
  if (payload === undefined) return;
  // A malformed payload still counts as the protocol its decoder was chosen for.
  const kind =
    payload.kind === "malformed"
      ? payload.protocol
      : payload.kind === "slow-protocol"
        ? "slow-protocols"
        : payload.kind;
  const i = PAYLOAD_INDEX.get(kind);
  if (i !== undefined) bump(c.payloads, i);
  if (payload.kind === "ipv4" || payload.kind === "ipv6") bump(c.ipProtocols, payload.protocol);
}

/** The same for a plain IP frame (see decode/plain-ip.ts): Ethernet, one tag or none, IP. */
export function countPlainProtocols(c: ProtocolCounts, tagged: boolean, ip: PlainIp): void {
  bump(c.links, LINKTYPE_ETHERNET);
  if (tagged) c.vlan++;
  bump(c.payloads, ip.ethertype === ETHERTYPE_IPV4 ? IPV4 : IPV6);
  bump(c.ipProtocols, ip.protocol);
}

/** The counts of many plain IP frames at once (the native scan's): IPv4, IPv6, tagged, by IP protocol. */
export function plainProtocolCounts(
  ipv4: number,
  ipv6: number,
  vlan: number,
  ipProtocols: Float64Array,
): ProtocolCounts {
  const c = newProtocolCounts();
  c.links[LINKTYPE_ETHERNET] = ipv4 + ipv6;
  c.vlan = vlan;
  c.payloads[IPV4] = ipv4;
  c.payloads[IPV6] = ipv6;
  c.ipProtocols.set(ipProtocols);
  return c;
}

/** Add b's counts to a. */
export function mergeProtocolCounts(a: ProtocolCounts, b: ProtocolCounts): void {
  const add = (x: Float64Array, y: Float64Array) => {
    for (let i = 0; i < x.length; i++) x[i] = (x[i] as number) + (y[i] ?? 0);
  };
  add(a.links, b.links);
  add(a.payloads, b.payloads);
  add(a.ipProtocols, b.ipProtocols);
  a.vlan += b.vlan;
  a.qinq += b.qinq;
  a.llc += b.llc;
}

export function protocolCounts(c: ProtocolCounts): Record<string, number> {
  const out: Record<string, number> = {};
  for (let t = 0; t < c.links.length; t++) {
    const n = c.links[t] as number;
    if (n > 0) out[LINK_NAMES[t] ?? `linktype-${t}`] = n;
  }
  if (c.vlan > 0) out.vlan = c.vlan;
  if (c.qinq > 0) out.qinq = c.qinq;
  if (c.llc > 0) out.llc = c.llc;
  PAYLOADS.forEach((name, i) => {
    const n = c.payloads[i] as number;
    if (n > 0) out[name] = n;
  });
  for (let p = 0; p < 256; p++) {
    const n = c.ipProtocols[p] as number;
    if (n > 0) out[IP_PROTOCOL_NAMES[p] ?? `ip-proto-${p}`] = n;
  }
  return out;
}
