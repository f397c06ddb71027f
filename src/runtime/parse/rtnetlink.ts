// Decodes rtnetlink link and address notifications (RTM_NEWLINK/DELLINK, RTM_NEWADDR/DELADDR)
// as the native prober's netlink socket reads them, into the messages `ip -o monitor link
// address` gives (parse/ip-monitor.ts): the watcher and mpath take either. Pure: bytes in,
// data out; interface names the message does not carry come from `nameOf`.
// Layouts: <linux/netlink.h>, <linux/rtnetlink.h>, <linux/if_link.h>, <linux/if_addr.h>, in
// the host's byte order (read here as little-endian: x86 and arm64).
import type { AddressMessage, LinkMessage, MonitorMessage } from "./ip-monitor.js";

const NLMSG_HDRLEN = 16;
const NLMSG_DONE = 3;
const RTM_NEWLINK = 16;
const RTM_DELLINK = 17;
const RTM_NEWADDR = 20;
const RTM_DELADDR = 21;
const IFINFOMSG_LEN = 16;
const IFADDRMSG_LEN = 8;
const IFLA_IFNAME = 3;
const IFLA_MTU = 4;
const IFLA_MASTER = 10;
const IFLA_OPERSTATE = 16;
const IFA_ADDRESS = 1;
const IFA_LOCAL = 2;
const IFA_LABEL = 3;
const AF_INET = 2;
const AF_INET6 = 10;
const IFF_UP = 0x1;
const IFF_RUNNING = 0x40;
const IFF_LOWER_UP = 0x10000;

// net_device_flags, in the order iproute2 prints them (print_link_flags).
const FLAG_NAMES: [number, string][] = [
  [0x8, "LOOPBACK"],
  [0x2, "BROADCAST"],
  [0x10, "POINTOPOINT"],
  [0x1000, "MULTICAST"],
  [0x80, "NOARP"],
  [0x200, "ALLMULTI"],
  [0x100, "PROMISC"],
  [0x20, "NOTRAILERS"],
  [0x4, "DEBUG"],
  [0x8000, "DYNAMIC"],
  [0x4000, "AUTOMEDIA"],
  [0x2000, "PORTSEL"],
  [0x400, "MASTER"],
  [0x800, "SLAVE"],
  [IFF_UP, "UP"],
  [IFF_LOWER_UP, "LOWER_UP"],
  [0x20000, "DORMANT"],
  [0x40000, "ECHO"],
];

// RFC 2863 operStatus as IF_OPER_* numbers it (<linux/if.h>).
const OPERSTATES = ["UNKNOWN", "NOTPRESENT", "DOWN", "LOWERLAYERDOWN", "TESTING", "DORMANT", "UP"];

/** Names interfaces by index (the kernel's, at the time of decoding); null when unknown. */
export type InterfaceNamer = (index: number) => string | null;

/**
 * Every link and address message of one netlink datagram, in order. Other messages are
 * skipped; a datagram cut short ends the list where the damage starts.
 */
export function decodeRtnetlink(b: Uint8Array, nameOf: InterfaceNamer): MonitorMessage[] {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out: MonitorMessage[] = [];
  for (let at = 0; at + NLMSG_HDRLEN <= b.length; ) {
    const len = view.getUint32(at, true);
    const type = view.getUint16(at + 4, true);
    if (len < NLMSG_HDRLEN || at + len > b.length || type === NLMSG_DONE) break;
    const body = new DataView(b.buffer, b.byteOffset + at + NLMSG_HDRLEN, len - NLMSG_HDRLEN);
    if (type === RTM_NEWLINK || type === RTM_DELLINK) {
      const m = decodeLink(body, type === RTM_DELLINK, nameOf);
      if (m) out.push(m);
    } else if (type === RTM_NEWADDR || type === RTM_DELADDR) {
      const m = decodeAddress(body, type === RTM_DELADDR, nameOf);
      if (m) out.push(m);
    }
    at += align4(len);
  }
  return out;
}

function decodeLink(body: DataView, deleted: boolean, nameOf: InterfaceNamer): LinkMessage | null {
  if (body.byteLength < IFINFOMSG_LEN) return null;
  const index = body.getInt32(4, true);
  const raw = body.getUint32(8, true);
  const attrs = attributes(body, IFINFOMSG_LEN);
  const name = attrs.get(IFLA_IFNAME);
  const mtu = attrs.get(IFLA_MTU);
  const master = attrs.get(IFLA_MASTER);
  const oper = attrs.get(IFLA_OPERSTATE);
  const adminUp = (raw & IFF_UP) !== 0;
  const noCarrier = adminUp && (raw & IFF_RUNNING) === 0;
  const flags = [
    ...(noCarrier ? ["NO-CARRIER"] : []),
    ...FLAG_NAMES.filter(([bit]) => (raw & bit) !== 0).map(([, n]) => n),
  ];
  return {
    type: "link",
    deleted,
    index,
    ifname: name ? cString(name) : (nameOf(index) ?? `if${index}`),
    flags,
    carrier: (raw & IFF_LOWER_UP) !== 0 && !noCarrier,
    adminUp,
    operstate:
      oper && oper.byteLength >= 1 ? (OPERSTATES[oper.getUint8(0)] ?? "UNKNOWN") : "UNKNOWN",
    mtu: mtu && mtu.byteLength >= 4 ? mtu.getUint32(0, true) : null,
    master:
      master && master.byteLength >= 4 && master.getUint32(0, true) !== 0
        ? (nameOf(master.getUint32(0, true)) ?? `if${master.getUint32(0, true)}`)
        : null,
  };
}

function decodeAddress(
  body: DataView,
  deleted: boolean,
  nameOf: InterfaceNamer,
): AddressMessage | null {
  if (body.byteLength < IFADDRMSG_LEN) return null;
  const family = body.getUint8(0);
  if (family !== AF_INET && family !== AF_INET6) return null;
  const prefix = body.getUint8(1);
  const index = body.getUint32(4, true);
  const attrs = attributes(body, IFADDRMSG_LEN);
  // ip prints the local address; on a point-to-point link IFA_ADDRESS is the peer's.
  const addr = attrs.get(IFA_LOCAL) ?? attrs.get(IFA_ADDRESS);
  if (!addr) return null;
  const label = attrs.get(IFA_LABEL);
  return {
    type: "address",
    deleted,
    index,
    ifname: nameOf(index) ?? (label ? cString(label) : `if${index}`),
    family: family === AF_INET6 ? "inet6" : "inet",
    address: family === AF_INET6 ? ipv6Text(addr) : ipv4Text(addr),
    prefix,
  };
}

/** The route attributes (struct rtattr) after a fixed header, by type; the first of each. */
function attributes(body: DataView, from: number): Map<number, DataView> {
  const out = new Map<number, DataView>();
  for (let at = align4(from); at + 4 <= body.byteLength; ) {
    const len = body.getUint16(at, true);
    const type = body.getUint16(at + 2, true) & 0x3fff; // without NLA_F_NESTED, NLA_F_NET_BYTEORDER
    if (len < 4 || at + len > body.byteLength) break;
    if (!out.has(type)) out.set(type, new DataView(body.buffer, body.byteOffset + at + 4, len - 4));
    at += align4(len);
  }
  return out;
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

function cString(v: DataView): string {
  let s = "";
  for (let i = 0; i < v.byteLength; i++) {
    const c = v.getUint8(i);
    if (c === 0) break;
    s += String.fromCharCode(c);
  }
  return s;
}

function ipv4Text(v: DataView): string {
  if (v.byteLength < 4) return "";
  return `${v.getUint8(0)}.${v.getUint8(1)}.${v.getUint8(2)}.${v.getUint8(3)}`;
}

/** RFC 5952 text: lowercase, no leading zeros, the longest run of 2+ zero groups as "::". */
function ipv6Text(v: DataView): string {
  if (v.byteLength < 16) return "";
  const groups = Array.from({ length: 8 }, (_, i) => v.getUint16(i * 2, false));
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(":");
  return `${hex.slice(0, best).join(":")}::${hex.slice(best + bestLen).join(":")}`;
}
