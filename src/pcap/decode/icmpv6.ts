// ICMPv6 (RFC 4443) echo, and Neighbor Discovery (RFC 4861 4.3, 4.4) solicitations and
// advertisements with their link-layer address options: IPv6's ARP.
import { ipv6Text } from "../addresses.js";
import { attempt, type ByteCursor, type Malformed } from "../cursor.js";

export const IP_PROTOCOL_ICMPV6 = 58;
const ECHO_REQUEST = 128;
const ECHO_REPLY = 129;
const NEIGHBOR_SOLICITATION = 135;
const NEIGHBOR_ADVERTISEMENT = 136;
const OPT_SOURCE_LINK_ADDRESS = 1;
const OPT_TARGET_LINK_ADDRESS = 2;

interface NeighborDiscovery {
  /** The address asked about (NS) or advertised (NA). */
  target: string;
  /** MAC from the source (NS) or target (NA) link-layer address option, as a 48-bit number. */
  linkAddress: number | undefined;
  /** NA flags (RFC 4861 4.4); all false for NS. */
  router: boolean;
  solicited: boolean;
  override: boolean;
}

export interface Icmpv6 {
  kind: "icmpv6";
  type: number;
  code: number;
  echo: { request: boolean; id: number; seq: number } | undefined;
  /** Set for neighbour solicitation (type 135) and advertisement (136). */
  neighbor: (NeighborDiscovery & { advertisement: boolean }) | undefined;
}

function decodeNeighbor(c: ByteCursor, advertisement: boolean): Icmpv6["neighbor"] {
  const flags = c.u8("nd flags");
  c.skip(3, "nd reserved");
  const target = ipv6Text(c.bytesOf(16, "nd target address"));
  let linkAddress: number | undefined;
  const wanted = advertisement ? OPT_TARGET_LINK_ADDRESS : OPT_SOURCE_LINK_ADDRESS;
  while (c.remaining >= 8) {
    const type = c.u8("nd option type");
    const units = c.u8("nd option length");
    if (units === 0) break; // RFC 4861 4.6: a zero length is invalid; stop reading options
    const option = c.sub(Math.min(units * 8 - 2, c.remaining), "nd option");
    if (type === wanted && option.remaining >= 6) linkAddress = option.mac("nd link-layer address");
  }
  return {
    advertisement,
    target,
    linkAddress,
    router: advertisement && (flags & 0x80) !== 0,
    solicited: advertisement && (flags & 0x40) !== 0,
    override: advertisement && (flags & 0x20) !== 0,
  };
}

function decode(c: ByteCursor): Icmpv6 {
  const type = c.u8("icmpv6 type");
  const code = c.u8("icmpv6 code");
  c.skip(2, "icmpv6 checksum");
  let echo: Icmpv6["echo"];
  let neighbor: Icmpv6["neighbor"];
  if (type === ECHO_REQUEST || type === ECHO_REPLY) {
    const id = c.u16("icmpv6 echo identifier");
    echo = { request: type === ECHO_REQUEST, id, seq: c.u16("icmpv6 echo sequence") };
  } else if (type === NEIGHBOR_SOLICITATION || type === NEIGHBOR_ADVERTISEMENT) {
    neighbor = decodeNeighbor(c, type === NEIGHBOR_ADVERTISEMENT);
  }
  return { kind: "icmpv6", type, code, echo, neighbor };
}

export function decodeIcmpv6(c: ByteCursor): Icmpv6 | Malformed {
  return attempt("icmpv6", c, decode);
}
