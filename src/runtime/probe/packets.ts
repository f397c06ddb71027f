// The probe packets the native prober sends and reads: ICMP echo (RFC 792), ICMPv6 echo
// (RFC 4443) and ARP over Ethernet (RFC 826). Pure: bytes in, data out; the addon only moves
// bytes.
const ICMP_ECHO_REPLY = 0; // RFC 792
const ICMP_ECHO_REQUEST = 8; // RFC 792
const ICMPV6_ECHO_REQUEST = 128; // RFC 4443 4.1
const ICMPV6_ECHO_REPLY = 129; // RFC 4443 4.2
const ARP_HTYPE_ETHERNET = 1; // RFC 826, IANA hardware type 1
const ETHERTYPE_IPV4 = 0x0800;
export const ARP_REQUEST = 1; // RFC 826 ar$op
export const ARP_REPLY = 2;

/** The Internet checksum (RFC 1071) of `b`. */
export function internetChecksum(b: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < b.length; i += 2) sum += ((b[i] as number) << 8) | (b[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/** An ICMP echo request (header and `payloadBytes` of zeros), checksummed. */
export function encodeEchoRequest(id: number, seq: number, payloadBytes = 56): Buffer {
  const b = Buffer.alloc(8 + payloadBytes);
  b[0] = ICMP_ECHO_REQUEST;
  b.writeUInt16BE(id & 0xffff, 4);
  b.writeUInt16BE(seq & 0xffff, 6);
  b.writeUInt16BE(internetChecksum(b), 2);
  return b;
}

/**
 * An ICMPv6 echo request (header and `payloadBytes` of zeros). Its checksum covers an IPv6
 * pseudo-header only the kernel knows in full: a raw ICMPv6 socket fills it in (RFC 3542 3.1).
 */
export function encodeEcho6Request(id: number, seq: number, payloadBytes = 56): Buffer {
  const b = Buffer.alloc(8 + payloadBytes);
  b[0] = ICMPV6_ECHO_REQUEST;
  b.writeUInt16BE(id & 0xffff, 4);
  b.writeUInt16BE(seq & 0xffff, 6);
  return b;
}

/**
 * An ICMPv6 echo reply as a raw ICMPv6 socket reads it (no IPv6 header; the kernel checked
 * the checksum, and the sender comes beside the datagram), or null if it is none.
 */
export function decodeEcho6Reply(b: Uint8Array): { id: number; seq: number } | null {
  if (b.length < 8 || b[0] !== ICMPV6_ECHO_REPLY || b[1] !== 0) return null;
  const view = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  return { id: view.readUInt16BE(4), seq: view.readUInt16BE(6) };
}

export interface EchoReply {
  source: string;
  id: number;
  seq: number;
}

/** An echo reply as a raw IPv4 socket reads it (IP header first), or null if it is none. */
export function decodeEchoReply(b: Uint8Array): EchoReply | null {
  if (b.length < 20 || (b[0] as number) >> 4 !== 4) return null;
  const view = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  const ihl = ((b[0] as number) & 0x0f) * 4;
  const total = view.readUInt16BE(2);
  if (ihl < 20 || total < ihl + 8 || b.length < total || b[ihl] !== ICMP_ECHO_REPLY) return null;
  if (internetChecksum(b.subarray(ihl, total)) !== 0) return null;
  return {
    source: ipv4Text(b, 12),
    id: view.readUInt16BE(ihl + 4),
    seq: view.readUInt16BE(ihl + 6),
  };
}

export interface ArpPacket {
  op: number;
  senderMac: string;
  senderIp: string;
  targetMac: string;
  targetIp: string;
}

/**
 * An Ethernet/IPv4 ARP packet without its Ethernet header (an AF_PACKET datagram socket adds
 * it). A gratuitous ARP (RFC 5227 2.4, what `arping -U` sends) is a request whose sender and
 * target are both the announced address.
 */
export function encodeArp(p: ArpPacket): Buffer {
  const b = Buffer.alloc(28);
  b.writeUInt16BE(ARP_HTYPE_ETHERNET, 0);
  b.writeUInt16BE(ETHERTYPE_IPV4, 2);
  b[4] = 6;
  b[5] = 4;
  b.writeUInt16BE(p.op, 6);
  writeMac(b, 8, p.senderMac);
  writeIpv4(b, 14, p.senderIp);
  writeMac(b, 18, p.targetMac);
  writeIpv4(b, 24, p.targetIp);
  return b;
}

export function decodeArp(b: Uint8Array): ArpPacket | null {
  if (b.length < 28) return null;
  const view = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  if (view.readUInt16BE(0) !== ARP_HTYPE_ETHERNET || view.readUInt16BE(2) !== ETHERTYPE_IPV4)
    return null;
  if (b[4] !== 6 || b[5] !== 4) return null;
  return {
    op: view.readUInt16BE(6),
    senderMac: macText(b, 8),
    senderIp: ipv4Text(b, 14),
    targetMac: macText(b, 18),
    targetIp: ipv4Text(b, 24),
  };
}

function ipv4Text(b: Uint8Array, at: number): string {
  return `${b[at]}.${b[at + 1]}.${b[at + 2]}.${b[at + 3]}`;
}

function macText(b: Uint8Array, at: number): string {
  return Array.from(b.subarray(at, at + 6), (x) => x.toString(16).padStart(2, "0")).join(":");
}

function writeIpv4(b: Buffer, at: number, ip: string): void {
  const parts = ip.split(".").map(Number);
  if (parts.length !== 4 || parts.some((x) => !Number.isInteger(x) || x < 0 || x > 255))
    throw new Error(`not an IPv4 address: "${ip}"`);
  parts.forEach((x, i) => {
    b[at + i] = x;
  });
}

function writeMac(b: Buffer, at: number, mac: string): void {
  const parts = mac.split(":").map((x) => Number.parseInt(x, 16));
  if (parts.length !== 6 || parts.some((x) => !Number.isInteger(x) || x < 0 || x > 255))
    throw new Error(`not a MAC address: "${mac}"`);
  parts.forEach((x, i) => {
    b[at + i] = x;
  });
}
