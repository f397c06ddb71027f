// IPv6 header (RFC 8200), walking the extension headers to the upper-layer protocol.
import { attempt, type ByteCursor, DecodeError, type Malformed } from "../cursor.js";
import type { Icmpv6 } from "./icmpv6.js";

export const ETHERTYPE_IPV6 = 0x86dd;
const HOP_BY_HOP = 0;
const ROUTING = 43;
const FRAGMENT = 44;
const AUTH = 51;
const DEST_OPTIONS = 60;
const MAX_EXTENSIONS = 8;

export interface Ipv6 {
  kind: "ipv6";
  /** 16-byte views into the frame (see ipv6Text). */
  src: Uint8Array;
  dst: Uint8Array;
  /** The upper-layer protocol after any extension headers. */
  protocol: number;
  hopLimit: number;
  /** The header's payload length (extension headers included). */
  declaredLength: number;
  /** The payload length says more bytes than the frame holds (snapped, or a bad length). */
  truncated: boolean;
  /** The upper-layer payload: where it starts in the frame and how many bytes of it are here. */
  payloadOffset: number;
  payloadLength: number;
  inner: Icmpv6 | Malformed | undefined;
}

function decode(c: ByteCursor): Ipv6 {
  const start = c.offset;
  const first = c.u32("ipv6 version/class/flow");
  if (first >>> 28 !== 6)
    throw new DecodeError(start, "ipv6 version", `ipv6: version ${first >>> 28}`);
  const declared = c.u16("ipv6 payload length");
  let protocol = c.u8("ipv6 next header");
  const hopLimit = c.u8("ipv6 hop limit");
  const src = c.bytesOf(16, "ipv6 source");
  const dst = c.bytesOf(16, "ipv6 destination");
  const available = c.end - c.offset;
  const end = c.offset + Math.min(declared, available);
  for (let i = 0; i < MAX_EXTENSIONS; i++) {
    if (protocol === FRAGMENT) {
      protocol = c.u8("ipv6 fragment next header");
      c.skip(7, "ipv6 fragment header");
    } else if (protocol === HOP_BY_HOP || protocol === ROUTING || protocol === DEST_OPTIONS) {
      protocol = c.u8("ipv6 extension next header");
      c.skip(c.u8("ipv6 extension length") * 8 + 6, "ipv6 extension header");
    } else if (protocol === AUTH) {
      protocol = c.u8("ipv6 ah next header");
      c.skip((c.u8("ipv6 ah length") + 2) * 4 - 2, "ipv6 authentication header");
    } else break;
  }
  return {
    kind: "ipv6",
    src,
    dst,
    protocol,
    hopLimit,
    declaredLength: declared,
    truncated: declared > available,
    payloadOffset: c.offset,
    payloadLength: Math.max(0, end - c.offset),
    inner: undefined,
  };
}

export function decodeIpv6(c: ByteCursor): Ipv6 | Malformed {
  return attempt("ipv6", c, decode);
}
