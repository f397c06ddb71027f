// Frames built byte by byte for crafted captures (tests and bench/pcap): Ethernet with optional
// VLAN tags, ARP, IPv4/UDP/TCP/ICMP, IPv6 neighbour discovery, LACPDUs and LLDPDUs.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { decodeFrame, type Frame } from "../src/pcap/decode/dispatch.js";
import { packetOf } from "../src/pcap/packet.js";
import { CORPUS } from "./support/paths.js";

/** The bytes of a capture in test/corpus/pcap (so pure code's tests need no node:fs). */
export function corpusCapture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(CORPUS, "pcap", name)));
}

export function mac(text: string): Uint8Array {
  return Uint8Array.from(text.split(":").map((h) => Number.parseInt(h, 16)));
}

export function ipv4(text: string): Uint8Array {
  return Uint8Array.from(text.split(".").map(Number));
}

export const BROADCAST = "ff:ff:ff:ff:ff:ff";
export const SLOW_PROTOCOLS_DST = "01:80:c2:00:00:02";
export const LLDP_DST = "01:80:c2:00:00:0e";

function u16(n: number): number[] {
  return [(n >> 8) & 0xff, n & 0xff];
}

function u32(n: number): number[] {
  return [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
}

export function ethernet(
  dst: string,
  src: string,
  ethertype: number,
  payload: Uint8Array,
  vlans: readonly number[] = [],
): Uint8Array {
  const tags = vlans.flatMap((vid, i) => [
    ...u16(i === 0 && vlans.length > 1 ? 0x88a8 : 0x8100),
    ...u16(vid),
  ]);
  const head = [...mac(dst), ...mac(src), ...tags, ...u16(ethertype)];
  const frame = new Uint8Array(Math.max(60, head.length + payload.length));
  frame.set(head);
  frame.set(payload, head.length);
  return frame;
}

export interface ArpFields {
  op: "request" | "reply";
  senderMac: string;
  senderIp: string;
  targetMac?: string;
  targetIp: string;
}

export function arpFrame(
  a: ArpFields,
  dst = a.op === "request" ? BROADCAST : (a.targetMac ?? BROADCAST),
): Uint8Array {
  const body = Uint8Array.from([
    ...u16(1),
    ...u16(0x0800),
    6,
    4,
    ...u16(a.op === "request" ? 1 : 2),
    ...mac(a.senderMac),
    ...ipv4(a.senderIp),
    ...mac(a.targetMac ?? "00:00:00:00:00:00"),
    ...ipv4(a.targetIp),
  ]);
  return ethernet(dst, a.senderMac, 0x0806, body);
}

export function ipv4Packet(
  src: string,
  dst: string,
  protocol: number,
  payload: Uint8Array,
): Uint8Array {
  const total = 20 + payload.length;
  const head = [
    0x45,
    0,
    ...u16(total),
    0,
    1,
    0x40,
    0,
    64,
    protocol,
    0,
    0,
    ...ipv4(src),
    ...ipv4(dst),
  ];
  const out = new Uint8Array(total);
  out.set(head);
  out.set(payload, 20);
  return out;
}

export function udp(srcPort: number, dstPort: number, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + payload.length);
  out.set([...u16(srcPort), ...u16(dstPort), ...u16(8 + payload.length), 0, 0]);
  out.set(payload, 8);
  return out;
}

export function tcp(
  srcPort: number,
  dstPort: number,
  seq: number,
  payload: Uint8Array,
): Uint8Array {
  const out = new Uint8Array(20 + payload.length);
  out.set([
    ...u16(srcPort),
    ...u16(dstPort),
    ...u32(seq),
    0,
    0,
    0,
    0,
    0x50,
    0x18,
    0xff,
    0xff,
    0,
    0,
    0,
    0,
  ]);
  out.set(payload, 20);
  return out;
}

export function icmpEcho(request: boolean, id: number, seq: number): Uint8Array {
  return Uint8Array.from([
    request ? 8 : 0,
    0,
    0,
    0,
    ...u16(id),
    ...u16(seq),
    ...new Array(32).fill(0x61),
  ]);
}

export interface LacpSide {
  system: string;
  key: number;
  port: number;
  /** The state octet (IEEE 802.1AX-2014 6.4.2.3), e.g. 0x3d = active, aggregatable, in sync,
   * collecting, distributing; | 0x02 for short timeout. */
  state: number;
  systemPriority?: number;
  portPriority?: number;
}

function lacpInfo(type: number, s: LacpSide): number[] {
  return [
    type,
    20,
    ...u16(s.systemPriority ?? 32768),
    ...mac(s.system),
    ...u16(s.key),
    ...u16(s.portPriority ?? 255),
    ...u16(s.port),
    s.state,
    0,
    0,
    0,
  ];
}

export const NO_PARTNER: LacpSide = { system: "00:00:00:00:00:00", key: 0, port: 0, state: 0 };

export function lacpduFrame(
  src: string,
  actor: LacpSide,
  partner: LacpSide = NO_PARTNER,
): Uint8Array {
  const body = Uint8Array.from([
    1, // subtype LACP
    1, // version
    ...lacpInfo(1, actor),
    ...lacpInfo(2, partner),
    3,
    16,
    ...u16(5),
    ...new Array(12).fill(0),
    0,
    0,
    ...new Array(50).fill(0),
  ]);
  return ethernet(SLOW_PROTOCOLS_DST, src, 0x8809, body);
}

function lldpTlv(type: number, value: number[]): number[] {
  return [(type << 1) | (value.length >> 8), value.length & 0xff, ...value];
}

const text = (s: string) => [...new TextEncoder().encode(s)];

export interface LldpFields {
  chassisMac: string;
  portName: string;
  ttl?: number;
  systemName?: string;
  portDescription?: string;
  managementIp?: string;
  portVlan?: number;
  aggregated?: { enabled: boolean; portId: number };
  maxFrameSize?: number;
}

export function lldpFrame(src: string, l: LldpFields, vlans: readonly number[] = []): Uint8Array {
  const tlvs = [
    ...lldpTlv(1, [4, ...mac(l.chassisMac)]),
    ...lldpTlv(2, [5, ...text(l.portName)]),
    ...lldpTlv(3, u16(l.ttl ?? 120)),
  ];
  if (l.portDescription !== undefined) tlvs.push(...lldpTlv(4, text(l.portDescription)));
  if (l.systemName !== undefined) tlvs.push(...lldpTlv(5, text(l.systemName)));
  if (l.managementIp !== undefined) {
    tlvs.push(...lldpTlv(8, [5, 1, ...ipv4(l.managementIp), 2, ...u32(1), 0]));
  }
  if (l.portVlan !== undefined)
    tlvs.push(...lldpTlv(127, [0x00, 0x80, 0xc2, 1, ...u16(l.portVlan)]));
  if (l.aggregated !== undefined) {
    const status = 1 | (l.aggregated.enabled ? 2 : 0);
    tlvs.push(...lldpTlv(127, [0x00, 0x80, 0xc2, 7, status, ...u32(l.aggregated.portId)]));
  }
  if (l.maxFrameSize !== undefined)
    tlvs.push(...lldpTlv(127, [0x00, 0x12, 0x0f, 4, ...u16(l.maxFrameSize)]));
  tlvs.push(0, 0);
  return ethernet(LLDP_DST, src, 0x88cc, Uint8Array.from(tlvs), vlans);
}

/** Frames at the given times, decoded as a capture reader would hand them over (1-based). */
export function decodeAll(frames: ReadonlyArray<readonly [number, Uint8Array]>): Frame[] {
  return frames.map(([ts, bytes], i) => decodeFrame(packetOf(bytes, { ts, index: i + 1 })));
}
