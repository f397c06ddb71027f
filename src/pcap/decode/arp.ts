// ARP (RFC 826), with RFC 5227's probe and announcement. Addresses of the usual sizes (6-byte
// MAC, 4-byte IPv4) come back as text; other sizes as colon hex, so a bogus hlen/plen is
// reported, never over-read.
import { hexColon } from "../addresses.js";
import { attempt, type ByteCursor, type Malformed } from "../cursor.js";

export const ETHERTYPE_ARP = 0x0806;
const OP_REQUEST = 1;
const OP_REPLY = 2;

export interface Arp {
  kind: "arp";
  /** "request", "reply", or the number of any other opcode (RARP, InARP, ...). */
  op: "request" | "reply" | number;
  hardwareType: number;
  protocolType: number;
  hardwareLength: number;
  protocolLength: number;
  senderMac: string;
  senderIp: string;
  targetMac: string;
  targetIp: string;
  /** Sender IP equals target IP (not 0.0.0.0): the sender announces its own address. */
  gratuitous: boolean;
  /** RFC 5227 2.1.1 probe: a request from 0.0.0.0 with an all-zero target MAC. */
  probe: boolean;
  /** RFC 5227 2.3 announcement: a gratuitous request with an all-zero target MAC. */
  announcement: boolean;
}

function address(c: ByteCursor, n: number, field: string): string {
  const b = c.bytesOf(n, field);
  return n === 4 ? `${b[0]}.${b[1]}.${b[2]}.${b[3]}` : hexColon(b);
}

function decode(c: ByteCursor): Arp {
  const hardwareType = c.u16("arp hardware type");
  const protocolType = c.u16("arp protocol type");
  const hlen = c.u8("arp hardware length");
  const plen = c.u8("arp protocol length");
  const opcode = c.u16("arp opcode");
  const senderMac = hexColon(c.bytesOf(hlen, "arp sender hardware address"));
  const senderIp = address(c, plen, "arp sender protocol address");
  const target = c.bytesOf(hlen, "arp target hardware address");
  const targetIp = address(c, plen, "arp target protocol address");
  const op = opcode === OP_REQUEST ? "request" : opcode === OP_REPLY ? "reply" : opcode;
  const zeroTarget = target.every((b) => b === 0);
  const unspecified = plen === 4 && senderIp === "0.0.0.0";
  const gratuitous = senderIp === targetIp && !unspecified;
  return {
    kind: "arp",
    op,
    hardwareType,
    protocolType,
    hardwareLength: hlen,
    protocolLength: plen,
    senderMac,
    senderIp,
    targetMac: hexColon(target),
    targetIp,
    gratuitous,
    probe: op === "request" && unspecified && zeroTarget,
    announcement: op === "request" && gratuitous && zeroTarget,
  };
}

export function decodeArp(c: ByteCursor): Arp | Malformed {
  return attempt("arp", c, decode);
}
