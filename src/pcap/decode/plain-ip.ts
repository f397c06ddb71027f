// The hot path's decoder: an Ethernet frame (untagged or one VLAN tag) carrying a whole IPv4 or
// IPv6 header that the full decoders would read without a question, read into one reused
// record, with no objects made per frame. Most frames of a capture are such frames.
// ICMP counts as plain when decodeIcmp would read it without a question. Anything else (ARP,
// LACP, LLDP, 802.3, QinQ, ICMP too short for its header, ICMPv6, IPv6 extension headers,
// fragments' oddities, a length that does not fit, a frame cut short) answers false, and the
// caller decodes that frame in full (dispatch.ts): the counts must come out the same either way,
// which test/pcap-plain-lane.test.ts checks against the full decoders.
import { IP_PROTOCOL_ICMP } from "./icmp.js";
import { IP_PROTOCOL_ICMPV6 } from "./icmpv6.js";
import { ETHERTYPE_IPV4 } from "./ipv4.js";
import { ETHERTYPE_IPV6 } from "./ipv6.js";

const ETHERTYPE_VLAN = 0x8100;
const ETHERTYPE_QINQ = 0x88a8;
const ETHERTYPE_QINQ_OLD = 0x9100;
/** IPv6 extension headers the full decoder walks (RFC 8200 4.1). */
const HOP_BY_HOP = 0;
const ROUTING = 43;
const FRAGMENT = 44;
const AUTH = 51;
const DEST_OPTIONS = 60;
/** ICMP echo request and reply carry an identifier and a sequence (RFC 792). */
const ECHO_REPLY = 0;
const ECHO_REQUEST = 8;
/**
 * A frame with the same length and first bytes as the one before is taken as decoding the same
 * (analyze/parts.ts: HASHED_BYTES, 64): nothing read here may lie further in.
 */
const READ_WITHIN = 64;

/** What decodePlainIp read; offsets count from the start of the frame. */
export interface PlainIp {
  dst: number;
  src: number;
  /** The VLAN id of the one tag, or -1 when untagged. */
  vid: number;
  /** ETHERTYPE_IPV4 or ETHERTYPE_IPV6. */
  ethertype: number;
  /** The IP protocol (IPv6: the next header, no extension headers). */
  protocol: number;
  /** IPv4 source address as an unsigned number (0 for IPv6). */
  ipv4Src: number;
  /** Where the IPv6 source address starts in the frame (-1 for IPv4). */
  ipv6Src: number;
}

export function newPlainIp(): PlainIp {
  return { dst: 0, src: 0, vid: -1, ethertype: 0, protocol: 0, ipv4Src: 0, ipv6Src: -1 };
}

function isTag(type: number): boolean {
  return type === ETHERTYPE_VLAN || type === ETHERTYPE_QINQ || type === ETHERTYPE_QINQ_OLD;
}

/**
 * Read the `n`-byte Ethernet frame at `base` of `view` into `out` when it is a plain IP frame;
 * false (and `out` left in any state) when it needs the full decoders.
 */
export function decodePlainIp(view: DataView, base: number, n: number, out: PlainIp): boolean {
  if (n < 34) return false;
  let at = 12;
  let type = view.getUint16(base + 12);
  let vid = -1;
  if (isTag(type)) {
    if (n < 38) return false;
    vid = view.getUint16(base + 14) & 0x0fff;
    type = view.getUint16(base + 16);
    if (isTag(type)) return false;
    at = 16;
  }
  at += 2;
  const available = n - at;
  if (type === ETHERTYPE_IPV4) {
    const vihl = view.getUint8(base + at);
    const headerLength = (vihl & 0x0f) * 4;
    if (vihl >> 4 !== 4 || headerLength < 20 || headerLength > available) return false;
    const totalLength = view.getUint16(base + at + 2);
    if (totalLength < headerLength || totalLength > available) return false;
    const protocol = view.getUint8(base + at + 9);
    const fragment = (view.getUint16(base + at + 6) & 0x3fff) !== 0;
    if (protocol === IP_PROTOCOL_ICMP && !fragment) {
      // decodeIcmp reads type, code and checksum, and an echo's identifier and sequence: a
      // message too short for them is malformed (a frame error), left to the full decoders.
      const icmp = at + headerLength;
      const length = totalLength - headerLength;
      if (icmp >= READ_WITHIN || length < 4) return false;
      const type = view.getUint8(base + icmp);
      if ((type === ECHO_REQUEST || type === ECHO_REPLY) && length < 8) return false;
    }
    out.protocol = protocol;
    out.ipv4Src = view.getUint32(base + at + 12);
    out.ipv6Src = -1;
  } else if (type === ETHERTYPE_IPV6) {
    if (available < 40 || view.getUint8(base + at) >> 4 !== 6) return false;
    if (view.getUint16(base + at + 4) > available - 40) return false;
    const next = view.getUint8(base + at + 6);
    if (
      next === HOP_BY_HOP ||
      next === ROUTING ||
      next === FRAGMENT ||
      next === AUTH ||
      next === DEST_OPTIONS ||
      next === IP_PROTOCOL_ICMPV6
    ) {
      return false;
    }
    out.protocol = next;
    out.ipv4Src = 0;
    out.ipv6Src = at + 8;
  } else {
    return false;
  }
  out.dst = view.getUint16(base) * 4294967296 + view.getUint32(base + 2);
  out.src = view.getUint16(base + 6) * 4294967296 + view.getUint32(base + 8);
  out.vid = vid;
  out.ethertype = type;
  return true;
}
