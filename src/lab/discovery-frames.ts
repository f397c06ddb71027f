// The LLDP and CDP frames a lab switch port sends about itself: which switch (name, chassis,
// management address), which port, its VLAN and whether it is aggregated. Pure bytes.
// LLDP: IEEE 802.1AB-2016 8.5 (with the 802.1 port VLAN and link aggregation TLVs, Annex D);
// CDP: version 2 over 802.3 LLC/SNAP, TLVs as Wireshark's packet-cdp.c reads them.
import {
  CAP_BRIDGE,
  CAP_ROUTER,
  CHASSIS_MAC,
  macBytes as encodedMac,
  lldpFrameBytes,
  PORT_IFNAME,
  textBytes,
} from "../pcap/encode/lldp.js";

export interface PortAnnouncement {
  /** The switch's chassis MAC (also the frames' source). */
  chassisMac: string;
  systemName: string;
  /** Port name, e.g. "Ethernet1/5" (LLDP port id subtype 5, interface name). */
  port: string;
  managementIp?: string;
  vlan?: number;
  /** 802.1 link aggregation TLV: undefined sends none. */
  aggregated?: boolean;
  /** Seconds the information stays valid (LLDP default 120, CDP 180). */
  ttl: number;
}

const CDP_DESTINATION = "01:00:0c:cc:cc:cc";

const macBytes = (mac: string) => [...encodedMac(mac)];
const ipBytes = (ip: string) => ip.split(".").map(Number);
const text = (s: string) => [...textBytes(s)];
const u16 = (n: number) => [(n >> 8) & 0xff, n & 0xff];
const u32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];

function pad(frame: number[]): Uint8Array {
  const out = new Uint8Array(Math.max(60, frame.length));
  out.set(frame);
  return out;
}

export function lldpAnnouncement(a: PortAnnouncement): Uint8Array {
  return lldpFrameBytes(a.chassisMac, {
    chassis: { subtype: CHASSIS_MAC, value: encodedMac(a.chassisMac) },
    port: { subtype: PORT_IFNAME, value: textBytes(a.port) },
    ttl: a.ttl,
    portDescription: a.port,
    systemName: a.systemName,
    capabilities: { supported: CAP_BRIDGE | CAP_ROUTER, enabled: CAP_BRIDGE },
    ...(a.managementIp === undefined ? {} : { managementIpv4: a.managementIp }),
    ...(a.vlan === undefined ? {} : { portVlan: a.vlan }),
    ...(a.aggregated === undefined ? {} : { aggregated: a.aggregated }),
  });
}

function cdpTlv(type: number, value: number[]): number[] {
  return [...u16(type), ...u16(value.length + 4), ...value];
}

/** RFC 1071 ones' complement sum, as CDP uses it. */
function checksum(bytes: number[]): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) sum += ((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

export function cdpAnnouncement(a: PortAnnouncement): Uint8Array {
  const addresses =
    a.managementIp === undefined
      ? []
      : [...u32(1), 1, 1, 0xcc, ...u16(4), ...ipBytes(a.managementIp)];
  const tlvs = [
    ...cdpTlv(0x0001, text(a.systemName)),
    ...cdpTlv(0x0003, text(a.port)),
    ...cdpTlv(0x0004, u32(0x28)), // switch, IGMP
    ...(addresses.length > 0 ? cdpTlv(0x0002, addresses) : []),
    ...(a.vlan === undefined ? [] : cdpTlv(0x000a, u16(a.vlan))),
  ];
  const body = [2, Math.min(a.ttl, 255), 0, 0, ...tlvs];
  const sum = checksum(body);
  body[2] = sum >> 8;
  body[3] = sum & 0xff;
  const llc = [0xaa, 0xaa, 0x03, 0x00, 0x00, 0x0c, 0x20, 0x00];
  const payload = [...llc, ...body];
  return pad([
    ...macBytes(CDP_DESTINATION),
    ...macBytes(a.chassisMac),
    ...u16(payload.length),
    ...payload,
  ]);
}
