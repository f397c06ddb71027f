// Building LLDP frames (IEEE 802.1AB-2016 8.5, with the IEEE 802.1 org TLVs of Annex D): what
// a lab switch port announces, and what `linkguard watch` sends for the host when asked to.
// Pure bytes; decode/lldp.ts reads them back (the tests check the round trip).

const LLDP_MULTICAST = "01:80:c2:00:00:0e"; // 802.1AB-2016 7.1: nearest bridge
const ETHERTYPE_LLDP = 0x88cc;
// Table 8-2 / 8-3 subtypes used here.
export const CHASSIS_MAC = 4;
export const PORT_IFNAME = 5;
// 8.5.8.1 system capabilities bits.
export const CAP_BRIDGE = 0x0004;
export const CAP_ROUTER = 0x0010;
export const CAP_STATION = 0x0080;

export interface LldpduFields {
  chassis: { subtype: number; value: Uint8Array };
  port: { subtype: number; value: Uint8Array };
  /** Seconds; 0 is the shutdown LLDPDU (802.1AB-2016 9.2.7.7.1). */
  ttl: number;
  portDescription?: string;
  systemName?: string;
  systemDescription?: string;
  capabilities?: { supported: number; enabled: number };
  managementIpv4?: string;
  portVlan?: number;
  /** 802.1 Annex D.2.7 link aggregation status. */
  aggregated?: boolean;
}

export const macBytes = (mac: string): Uint8Array =>
  Uint8Array.from(mac.split(":").map((h) => Number.parseInt(h, 16)));
export const textBytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const u16 = (n: number) => [(n >> 8) & 0xff, n & 0xff];
const u32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];

/** A TLV: 7-bit type, 9-bit length (8.4.1), at most 511 bytes of value. */
function tlv(type: number, value: ArrayLike<number>): number[] {
  const v = Array.from(value).slice(0, 511);
  return [(type << 1) | (v.length >> 8), v.length & 0xff, ...v];
}

function encodeLldpdu(f: LldpduFields): number[] {
  const out = [
    ...tlv(1, [f.chassis.subtype, ...f.chassis.value]),
    ...tlv(2, [f.port.subtype, ...f.port.value]),
    ...tlv(3, u16(f.ttl)),
  ];
  if (f.portDescription !== undefined) out.push(...tlv(4, textBytes(f.portDescription)));
  if (f.systemName !== undefined) out.push(...tlv(5, textBytes(f.systemName)));
  if (f.systemDescription !== undefined) out.push(...tlv(6, textBytes(f.systemDescription)));
  if (f.capabilities !== undefined)
    out.push(...tlv(7, [...u16(f.capabilities.supported), ...u16(f.capabilities.enabled)]));
  if (f.managementIpv4 !== undefined) {
    // 8.5.9: length 5 (subtype + 4 bytes), IANA family 1, the address, ifIndex numbering, OID 0.
    const ip = f.managementIpv4.split(".").map(Number);
    out.push(...tlv(8, [5, 1, ...ip, 2, ...u32(1), 0]));
  }
  if (f.portVlan !== undefined) out.push(...tlv(127, [0x00, 0x80, 0xc2, 1, ...u16(f.portVlan)]));
  if (f.aggregated !== undefined) {
    const status = 1 | (f.aggregated ? 2 : 0);
    out.push(...tlv(127, [0x00, 0x80, 0xc2, 7, status, ...u32(f.aggregated ? 1000005 : 0)]));
  }
  out.push(0, 0); // End of LLDPDU
  return out;
}

/** The whole Ethernet frame from `source`, padded to the 60-byte minimum. */
export function lldpFrameBytes(source: string, f: LldpduFields): Uint8Array {
  const bytes = [...macBytes(LLDP_MULTICAST), ...macBytes(source), ...u16(ETHERTYPE_LLDP)];
  bytes.push(...encodeLldpdu(f));
  const out = new Uint8Array(Math.max(60, bytes.length));
  out.set(bytes);
  return out;
}
