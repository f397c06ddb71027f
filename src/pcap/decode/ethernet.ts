// Ethernet II and IEEE 802.3 (length + LLC, optionally SNAP), with 802.1Q / 802.1ad tags.
import type { ByteCursor } from "../cursor.js";

export const LINKTYPE_ETHERNET = 1;
const ETHERTYPE_VLAN = 0x8100; // IEEE 802.1Q C-tag
const ETHERTYPE_QINQ = 0x88a8; // IEEE 802.1ad S-tag
const ETHERTYPE_QINQ_OLD = 0x9100; // pre-standard QinQ, still seen on the wire
const MAX_8023_LENGTH = 1500; // IEEE 802.3 3.2.6: values up to 1500 are lengths
const MAX_TAGS = 8;

export interface VlanTag {
  tpid: number;
  pcp: number;
  dei: boolean;
  vid: number;
}

/** IEEE 802.2 LLC header, with the SNAP extension when DSAP = SSAP = 0xaa. */
export interface Llc {
  dsap: number;
  ssap: number;
  control: number;
  /** SNAP OUI and protocol id (OUI 0: the protocol id is an ethertype). */
  snap: { oui: number; pid: number } | undefined;
}

/** Linux cooked capture facts (LINKTYPE_LINUX_SLL / SLL2). */
export interface Cooked {
  /** 0 to us, 1 broadcast, 2 multicast, 3 to someone else, 4 sent by us. */
  packetType: number;
  /** ARPHRD_* type of the interface. */
  hatype: number;
  /** SLL2 only: the interface index the frame was seen on. */
  ifindex: number | undefined;
}

/** The link-layer facts of a frame; every field is present (one shape: fast to create). */
export interface LinkHeader {
  kind: "link";
  /** Destination MAC as a 48-bit number; undefined for Linux cooked captures. */
  dst: number | undefined;
  /** Source MAC as a 48-bit number; undefined when a cooked header has no 6-byte address. */
  src: number | undefined;
  /** Outermost first; a shared empty array when untagged. */
  vlans: readonly VlanTag[];
  /** Ethertype after the tags; for 802.3 frames the SNAP protocol id when the OUI is 0. */
  ethertype: number | undefined;
  /** 802.3 length field, when the frame has one instead of an ethertype. */
  length8023: number | undefined;
  llc: Llc | undefined;
  cooked: Cooked | undefined;
  /** Where the payload starts in the frame and how long it is (802.3: bounded by its length). */
  payloadOffset: number;
  payloadLength: number;
}

export const NO_TAGS: readonly VlanTag[] = Object.freeze([]);

/** Unfold VLAN tags after the first type/length field `first` (the cursor sits just after it). */
export function decodeTypeAndTags(
  c: ByteCursor,
  first: number,
  src: number | undefined,
  dst: number | undefined,
  cooked: Cooked | undefined,
): LinkHeader {
  let type = first;
  let vlans = NO_TAGS;
  if (type === ETHERTYPE_VLAN || type === ETHERTYPE_QINQ || type === ETHERTYPE_QINQ_OLD) {
    const tags: VlanTag[] = [];
    while (
      (type === ETHERTYPE_VLAN || type === ETHERTYPE_QINQ || type === ETHERTYPE_QINQ_OLD) &&
      tags.length < MAX_TAGS
    ) {
      const tci = c.u16("vlan tci");
      tags.push({ tpid: type, pcp: tci >> 13, dei: (tci & 0x1000) !== 0, vid: tci & 0x0fff });
      type = c.u16("ethertype");
    }
    vlans = tags;
  }
  if (type > MAX_8023_LENGTH) {
    return {
      kind: "link",
      dst,
      src,
      vlans,
      ethertype: type,
      length8023: undefined,
      llc: undefined,
      cooked,
      payloadOffset: c.offset,
      payloadLength: c.remaining,
    };
  }
  const body = c.rest(type);
  const llc = decodeLlc(body);
  return {
    kind: "link",
    dst,
    src,
    vlans,
    ethertype: llc.snap?.oui === 0 ? llc.snap.pid : undefined,
    length8023: type,
    llc,
    cooked,
    payloadOffset: body.offset,
    payloadLength: body.remaining,
  };
}

/** IEEE 802.2 LLC (+ SNAP); leaves the cursor at the payload. */
export function decodeLlc(c: ByteCursor): Llc {
  const dsap = c.u8("llc dsap");
  const ssap = c.u8("llc ssap");
  let control = c.u8("llc control");
  // I- and S-format PDUs have a two-byte control field; U-format (low bits 11) has one.
  if ((control & 0x03) !== 0x03) control = (control << 8) | c.u8("llc control");
  if (dsap !== 0xaa || ssap !== 0xaa) return { dsap, ssap, control, snap: undefined };
  const oui = (c.u8("snap oui") << 16) | c.u16("snap oui");
  return { dsap, ssap, control, snap: { oui, pid: c.u16("snap pid") } };
}

export function decodeEthernet(c: ByteCursor): LinkHeader {
  const dst = c.mac("destination mac");
  const src = c.mac("source mac");
  return decodeTypeAndTags(c, c.u16("ethertype"), src, dst, undefined);
}
