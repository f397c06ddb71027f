// IPv4 header (RFC 791): enough for rates, talkers and the protocol above it.
import { attempt, type ByteCursor, DecodeError, type Malformed } from "../cursor.js";
import type { Icmp } from "./icmp.js";

export const ETHERTYPE_IPV4 = 0x0800;

export interface Ipv4 {
  kind: "ipv4";
  /** Addresses as unsigned 32-bit numbers (see ipv4Text). */
  src: number;
  dst: number;
  protocol: number;
  ttl: number;
  totalLength: number;
  /** Fragment offset non-zero or more-fragments set. */
  fragment: boolean;
  /** Total length says more bytes than the frame holds (snapped, or a bad length). */
  truncated: boolean;
  payloadOffset: number;
  payloadLength: number;
  /** The decoded upper layer, set by dispatch for the protocols it knows (ICMP). */
  inner: Icmp | Malformed | undefined;
}

function decode(c: ByteCursor): Ipv4 {
  const start = c.offset;
  const vihl = c.u8("ipv4 version/ihl");
  if (vihl >> 4 !== 4) throw new DecodeError(start, "ipv4 version", `ipv4: version ${vihl >> 4}`);
  const headerLength = (vihl & 0x0f) * 4;
  if (headerLength < 20) {
    throw new DecodeError(start, "ipv4 ihl", `ipv4: header length ${headerLength} < 20`);
  }
  c.skip(1, "ipv4 tos");
  const totalLength = c.u16("ipv4 total length");
  if (totalLength < headerLength) {
    throw new DecodeError(start + 2, "ipv4 total length", `ipv4: total length ${totalLength}`);
  }
  c.skip(2, "ipv4 id");
  const frag = c.u16("ipv4 flags/fragment offset");
  const ttl = c.u8("ipv4 ttl");
  const protocol = c.u8("ipv4 protocol");
  c.skip(2, "ipv4 checksum");
  const src = c.u32("ipv4 source");
  const dst = c.u32("ipv4 destination");
  c.skip(headerLength - 20, "ipv4 options");
  const available = c.end - start;
  return {
    kind: "ipv4",
    src,
    dst,
    protocol,
    ttl,
    totalLength,
    fragment: (frag & 0x3fff) !== 0,
    truncated: totalLength > available,
    payloadOffset: c.offset,
    payloadLength: Math.min(totalLength, available) - headerLength,
    inner: undefined,
  };
}

export function decodeIpv4(c: ByteCursor): Ipv4 | Malformed {
  return attempt("ipv4", c, decode);
}
