// The LLDP and CDP frames a lab switch port sends about itself: which switch (name, chassis,
// management address), which port, its VLAN and whether it is aggregated. Pure bytes.
// LLDP: IEEE 802.1AB-2016 8.5 (with the 802.1 port VLAN and link aggregation TLVs, Annex D);
// CDP: version 2 over 802.3 LLC/SNAP, TLVs as Wireshark's packet-cdp.c reads them.

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

export const LLDP_DESTINATION = "01:80:c2:00:00:0e";
export const CDP_DESTINATION = "01:00:0c:cc:cc:cc";

const macBytes = (mac: string) => mac.split(":").map((h) => Number.parseInt(h, 16));
const ipBytes = (ip: string) => ip.split(".").map(Number);
const text = (s: string) => [...new TextEncoder().encode(s)];
const u16 = (n: number) => [(n >> 8) & 0xff, n & 0xff];
const u32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];

function lldpTlv(type: number, value: number[]): number[] {
  return [(type << 1) | (value.length >> 8), value.length & 0xff, ...value];
}

function pad(frame: number[]): Uint8Array {
  const out = new Uint8Array(Math.max(60, frame.length));
  out.set(frame);
  return out;
}

export function lldpAnnouncement(a: PortAnnouncement): Uint8Array {
  const tlvs = [
    ...lldpTlv(1, [4, ...macBytes(a.chassisMac)]),
    ...lldpTlv(2, [5, ...text(a.port)]),
    ...lldpTlv(3, u16(a.ttl)),
    ...lldpTlv(4, text(a.port)),
    ...lldpTlv(5, text(a.systemName)),
    ...lldpTlv(7, [...u16(0x0014), ...u16(0x0004)]), // bridge+router supported, bridge on
  ];
  if (a.managementIp !== undefined)
    tlvs.push(...lldpTlv(8, [5, 1, ...ipBytes(a.managementIp), 2, ...u32(1), 0]));
  if (a.vlan !== undefined) tlvs.push(...lldpTlv(127, [0x00, 0x80, 0xc2, 1, ...u16(a.vlan)]));
  if (a.aggregated !== undefined) {
    const status = 1 | (a.aggregated ? 2 : 0);
    tlvs.push(...lldpTlv(127, [0x00, 0x80, 0xc2, 7, status, ...u32(a.aggregated ? 1000005 : 0)]));
  }
  tlvs.push(0, 0);
  return pad([...macBytes(LLDP_DESTINATION), ...macBytes(a.chassisMac), ...u16(0x88cc), ...tlvs]);
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
