// CDP basics (Cisco Discovery Protocol v1/v2, LLC/SNAP OUI 00000c pid 0x2000 to
// 01:00:0c:cc:cc:cc): which device and port a NIC is plugged into. The TLV numbers follow
// Wireshark's packet-cdp.c and tcpdump's print-cdp.c (Cisco publishes no specification).
import { bytesText, ipv6Text } from "../addresses.js";
import { attempt, type ByteCursor, DecodeError, type Malformed } from "../cursor.js";

export const SNAP_CISCO_CDP = 0x00000c * 65536 + 0x2000; // OUI * 65536 + protocol id
const TLV_DEVICE_ID = 0x0001;
const TLV_ADDRESSES = 0x0002;
const TLV_PORT_ID = 0x0003;
const TLV_CAPABILITIES = 0x0004;
const TLV_SOFTWARE_VERSION = 0x0005;
const TLV_PLATFORM = 0x0006;
const TLV_VTP_DOMAIN = 0x0009;
const TLV_NATIVE_VLAN = 0x000a;
const TLV_DUPLEX = 0x000b;
const TLV_MTU = 0x0011;
const TLV_SYSTEM_NAME = 0x0014;
const TLV_MANAGEMENT_ADDRESSES = 0x0016;
const NLPID_IPV4 = 0xcc;
const CAPABILITY_NAMES = [
  "router",
  "transparent-bridge",
  "source-route-bridge",
  "switch",
  "host",
  "igmp",
  "repeater",
  "voip-phone",
  "remotely-managed",
  "cvta",
  "two-port-mac-relay",
];

export interface CdpPdu {
  kind: "cdp";
  version: number;
  ttl: number;
  deviceId?: string;
  portId?: string;
  platform?: string;
  softwareVersion?: string;
  capabilities?: string[];
  addresses: string[];
  managementAddresses: string[];
  nativeVlan?: number;
  duplex?: "half" | "full";
  vtpDomain?: string;
  mtu?: number;
  systemName?: string;
}

function text(v: ByteCursor, field: string): string {
  return bytesText(v.bytesOf(v.remaining, field));
}

/** Address TLV: count, then (protocol type, protocol length, protocol, address length, address). */
function decodeAddresses(v: ByteCursor): string[] {
  const count = v.u32("cdp address count");
  const out: string[] = [];
  for (let i = 0; i < count && v.remaining > 0; i++) {
    v.skip(1, "cdp address protocol type");
    const protocol = v.bytesOf(v.u8("cdp address protocol length"), "cdp address protocol");
    const address = v.bytesOf(v.u16("cdp address length"), "cdp address");
    if (protocol.length === 1 && protocol[0] === NLPID_IPV4 && address.length === 4) {
      out.push(`${address[0]}.${address[1]}.${address[2]}.${address[3]}`);
    } else if (address.length === 16) out.push(ipv6Text(address));
  }
  return out;
}

function decode(c: ByteCursor): CdpPdu {
  const version = c.u8("cdp version");
  const ttl = c.u8("cdp ttl");
  c.skip(2, "cdp checksum");
  const pdu: CdpPdu = { kind: "cdp", version, ttl, addresses: [], managementAddresses: [] };
  while (c.remaining >= 4) {
    const type = c.u16("cdp tlv type");
    const length = c.u16("cdp tlv length");
    if (length < 4) {
      throw new DecodeError(c.offset - 2, "cdp tlv length", `cdp: tlv length ${length} < 4`);
    }
    const v = c.sub(length - 4, "cdp tlv value");
    if (type === TLV_DEVICE_ID) pdu.deviceId = text(v, "cdp device id");
    else if (type === TLV_PORT_ID) pdu.portId = text(v, "cdp port id");
    else if (type === TLV_PLATFORM) pdu.platform = text(v, "cdp platform");
    else if (type === TLV_SOFTWARE_VERSION) pdu.softwareVersion = text(v, "cdp software version");
    else if (type === TLV_VTP_DOMAIN) pdu.vtpDomain = text(v, "cdp vtp domain");
    else if (type === TLV_SYSTEM_NAME) pdu.systemName = text(v, "cdp system name");
    else if (type === TLV_ADDRESSES) pdu.addresses.push(...decodeAddresses(v));
    else if (type === TLV_MANAGEMENT_ADDRESSES) pdu.managementAddresses.push(...decodeAddresses(v));
    else if (type === TLV_NATIVE_VLAN) pdu.nativeVlan = v.u16("cdp native vlan");
    else if (type === TLV_DUPLEX) pdu.duplex = v.u8("cdp duplex") === 1 ? "full" : "half";
    else if (type === TLV_MTU) pdu.mtu = v.u32("cdp mtu");
    else if (type === TLV_CAPABILITIES) {
      const bits = v.u32("cdp capabilities");
      pdu.capabilities = CAPABILITY_NAMES.filter((_, i) => (bits & (1 << i)) !== 0);
    }
  }
  return pdu;
}

export function decodeCdp(c: ByteCursor): CdpPdu | Malformed {
  return attempt("cdp", c, decode);
}
