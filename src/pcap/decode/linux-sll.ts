// Linux "cooked" capture headers: what `tcpdump -i any` writes. v1 (LINKTYPE_LINUX_SLL, 113)
// and v2 (LINKTYPE_LINUX_SLL2, 276, libpcap 1.10+, which adds the interface index).
// https://www.tcpdump.org/linktypes/LINKTYPE_LINUX_SLL.html, .../LINKTYPE_LINUX_SLL2.html
import type { ByteCursor } from "../cursor.js";
import { type Cooked, decodeLlc, decodeTypeAndTags, type LinkHeader, NO_TAGS } from "./ethernet.js";

export const LINKTYPE_LINUX_SLL = 113;
export const LINKTYPE_LINUX_SLL2 = 276;
const PROTO_8022_LLC = 0x0004; // <linux/if_ether.h> ETH_P_802_2
const MAX_PSEUDO_PROTOCOL = 1500; // up to here: Linux pseudo-protocols, not ethertypes

/** The 6-byte link-layer address as a number; undefined for other lengths. */
function address(c: ByteCursor, length: number): number | undefined {
  const at = c.offset;
  c.skip(8, "sll address");
  if (length !== 6) return undefined;
  c.offset = at;
  const mac = c.mac("sll address");
  c.offset = at + 8;
  return mac;
}

function afterProtocol(
  c: ByteCursor,
  protocol: number,
  src: number | undefined,
  cooked: Cooked,
): LinkHeader {
  if (protocol === PROTO_8022_LLC) {
    const llc = decodeLlc(c);
    return link(src, cooked, llc.snap?.oui === 0 ? llc.snap.pid : undefined, c, llc);
  }
  // An ethertype; 802.1Q tags the kernel kept unfold as on Ethernet.
  if (protocol > MAX_PSEUDO_PROTOCOL) return decodeTypeAndTags(c, protocol, src, undefined, cooked);
  return link(src, cooked, undefined, c, undefined);
}

function link(
  src: number | undefined,
  cooked: Cooked,
  ethertype: number | undefined,
  c: ByteCursor,
  llc: LinkHeader["llc"],
): LinkHeader {
  return {
    kind: "link",
    dst: undefined,
    src,
    vlans: NO_TAGS,
    ethertype,
    length8023: undefined,
    llc,
    cooked,
    payloadOffset: c.offset,
    payloadLength: c.remaining,
  };
}

/** SLL: packet type, ARPHRD type, address length, 8 address bytes, protocol. */
export function decodeLinuxSll(c: ByteCursor): LinkHeader {
  const packetType = c.u16("sll packet type");
  const hatype = c.u16("sll arphrd type");
  const length = c.u16("sll address length");
  const src = address(c, length);
  const protocol = c.u16("sll protocol");
  return afterProtocol(c, protocol, src, { packetType, hatype, ifindex: undefined });
}

/** SLL2: protocol, reserved, interface index, ARPHRD type, packet type, address length, address. */
export function decodeLinuxSll2(c: ByteCursor): LinkHeader {
  const protocol = c.u16("sll2 protocol");
  c.skip(2, "sll2 reserved");
  const ifindex = c.u32("sll2 interface index");
  const hatype = c.u16("sll2 arphrd type");
  const packetType = c.u8("sll2 packet type");
  const length = c.u8("sll2 address length");
  const src = address(c, length);
  return afterProtocol(c, protocol, src, { packetType, hatype, ifindex });
}
