// The decoder registry, listed by hand (no folder scanning): which decoder reads which link
// type, ethertype, SNAP protocol and IP protocol. decodeFrame walks a frame through them.
// To add a decoder: write decode/<protocol>.ts (a pure function over a ByteCursor returning its
// value or Malformed), add one line below, and add its case to the decoder contract test.
import { attempt, ByteCursor, type Malformed } from "../cursor.js";
import { cursorOf, type Packet } from "../packet.js";
import { type Arp, decodeArp, ETHERTYPE_ARP } from "./arp.js";
import { type CdpPdu, decodeCdp, SNAP_CISCO_CDP } from "./cdp.js";
import { decodeEthernet, LINKTYPE_ETHERNET, type LinkHeader } from "./ethernet.js";
import { decodeIcmp, type Icmp, IP_PROTOCOL_ICMP } from "./icmp.js";
import { decodeIcmpv6, type Icmpv6, IP_PROTOCOL_ICMPV6 } from "./icmpv6.js";
import { decodeIpv4, ETHERTYPE_IPV4, type Ipv4 } from "./ipv4.js";
import { decodeIpv6, ETHERTYPE_IPV6, type Ipv6 } from "./ipv6.js";
import {
  decodeLinuxSll,
  decodeLinuxSll2,
  LINKTYPE_LINUX_SLL,
  LINKTYPE_LINUX_SLL2,
} from "./linux-sll.js";
import { decodeLldp, ETHERTYPE_LLDP, type Lldpdu } from "./lldp.js";
import { decodeSlowProtocol, ETHERTYPE_SLOW, type SlowProtocolPdu } from "./slow-protocols.js";

/** What sits on the link layer, by decoder. */
export type Payload = Arp | Ipv4 | Ipv6 | SlowProtocolPdu | Lldpdu | CdpPdu | Malformed;

/** A link type no decoder is listed for: counted, not decoded. */
interface UnknownLink {
  kind: "unknown-link";
  linkType: number;
}

/** A packet with its layers decoded. */
export interface Frame {
  packet: Packet;
  link: LinkHeader | Malformed | UnknownLink;
  /** Undefined when no decoder is listed for the ethertype / SNAP protocol (or the link failed). */
  payload: Payload | undefined;
}

interface Entry<T> {
  name: string;
  decode: (c: ByteCursor) => T;
}

export const LINK_DECODERS: ReadonlyMap<number, Entry<LinkHeader>> = new Map([
  [LINKTYPE_ETHERNET, { name: "ethernet", decode: decodeEthernet }],
  [LINKTYPE_LINUX_SLL, { name: "linux-sll", decode: decodeLinuxSll }],
  [LINKTYPE_LINUX_SLL2, { name: "linux-sll2", decode: decodeLinuxSll2 }],
]);

export const ETHERTYPE_DECODERS: ReadonlyMap<number, Entry<Payload>> = new Map<
  number,
  Entry<Payload>
>([
  [ETHERTYPE_ARP, { name: "arp", decode: decodeArp }],
  [ETHERTYPE_IPV4, { name: "ipv4", decode: decodeIpv4 }],
  [ETHERTYPE_IPV6, { name: "ipv6", decode: decodeIpv6 }],
  [ETHERTYPE_SLOW, { name: "slow-protocols", decode: decodeSlowProtocol }],
  [ETHERTYPE_LLDP, { name: "lldp", decode: decodeLldp }],
]);

/** Keyed by SNAP OUI * 65536 + protocol id, for 802.3 LLC/SNAP frames with a non-zero OUI. */
export const SNAP_DECODERS: ReadonlyMap<number, Entry<Payload>> = new Map([
  [SNAP_CISCO_CDP, { name: "cdp", decode: decodeCdp }],
]);

export const IPV4_PROTOCOL_DECODERS: ReadonlyMap<number, Entry<Icmp | Malformed>> = new Map([
  [IP_PROTOCOL_ICMP, { name: "icmp", decode: decodeIcmp }],
]);

export const IPV6_PROTOCOL_DECODERS: ReadonlyMap<number, Entry<Icmpv6 | Malformed>> = new Map([
  [IP_PROTOCOL_ICMPV6, { name: "icmpv6", decode: decodeIcmpv6 }],
]);

function payloadDecoder(link: LinkHeader): Entry<Payload> | undefined {
  if (link.ethertype !== undefined) return ETHERTYPE_DECODERS.get(link.ethertype);
  const snap = link.llc?.snap;
  return snap === undefined ? undefined : SNAP_DECODERS.get(snap.oui * 65536 + snap.pid);
}

/** Point the frame's cursor at one layer (one cursor per frame: fewer objects per packet). */
function region(c: ByteCursor, offset: number, length: number): ByteCursor {
  c.offset = offset;
  c.end = offset + length;
  return c;
}

function decodeInner(c: ByteCursor, payload: Payload): void {
  if (payload.kind === "ipv4") {
    const entry = payload.fragment ? undefined : IPV4_PROTOCOL_DECODERS.get(payload.protocol);
    if (entry !== undefined) {
      payload.inner = entry.decode(region(c, payload.payloadOffset, payload.payloadLength));
    }
  } else if (payload.kind === "ipv6") {
    const entry = IPV6_PROTOCOL_DECODERS.get(payload.protocol);
    if (entry !== undefined) {
      payload.inner = entry.decode(region(c, payload.payloadOffset, payload.payloadLength));
    }
  }
}

/**
 * What a link decoder makes of a record of no bytes, worked out once per link type: a file of
 * empty records (a pcap header and a gigabyte of zeros) must not decode, and fail, per record.
 */
const EMPTY_RECORD = new Map<number, LinkHeader | Malformed>();
const NO_BYTES = new Uint8Array(0);

function linkOfEmpty(linkType: number, entry: Entry<LinkHeader>): LinkHeader | Malformed {
  let link = EMPTY_RECORD.get(linkType);
  if (link === undefined) {
    link = attempt(entry.name, new ByteCursor(NO_BYTES), entry.decode);
    EMPTY_RECORD.set(linkType, link);
  }
  return link;
}

/** Decode every layer of a packet that a decoder is listed for. Never throws for bad input. */
export function decodeFrame(packet: Packet): Frame {
  const linkEntry = LINK_DECODERS.get(packet.linkType);
  if (linkEntry === undefined) {
    return {
      packet,
      link: { kind: "unknown-link", linkType: packet.linkType },
      payload: undefined,
    };
  }
  const c = cursorOf(packet);
  const link =
    packet.capturedLength === 0
      ? linkOfEmpty(packet.linkType, linkEntry)
      : attempt(linkEntry.name, c, linkEntry.decode);
  if (link.kind === "malformed") return { packet, link, payload: undefined };
  const entry = payloadDecoder(link);
  if (entry === undefined) return { packet, link, payload: undefined };
  const payload = entry.decode(region(c, link.payloadOffset, link.payloadLength));
  decodeInner(c, payload);
  return { packet, link, payload };
}
