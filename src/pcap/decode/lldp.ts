// LLDP (IEEE 802.1AB-2016 8.5): the mandatory TLVs (chassis id, port id, TTL), the optional
// basic ones (port description, system name and description, capabilities, management address)
// and, through lldp-org.ts, the simple IEEE 802.1 / 802.3 organisationally specific TLVs.
import { bytesText, hexColon, ianaAddressText } from "../addresses.js";
import { attempt, type ByteCursor, type Malformed } from "../cursor.js";
import { decodeOrgTlv, type LldpOrgFacts } from "./lldp-org.js";

export const ETHERTYPE_LLDP = 0x88cc;
// IEEE 802.1AB-2016 Table 8-1
const TLV_END = 0;
const TLV_CHASSIS_ID = 1;
const TLV_PORT_ID = 2;
const TLV_TTL = 3;
const TLV_PORT_DESCRIPTION = 4;
const TLV_SYSTEM_NAME = 5;
const TLV_SYSTEM_DESCRIPTION = 6;
const TLV_CAPABILITIES = 7;
const TLV_MANAGEMENT_ADDRESS = 8;
const TLV_ORG = 127;
// Table 8-2 (chassis id) and 8-3 (port id) subtypes whose value is a MAC or network address.
const CHASSIS_MAC = 4;
const CHASSIS_NETWORK = 5;
const PORT_MAC = 3;
const PORT_NETWORK = 4;
// IEEE 802.1AB-2016 8.5.8.1: system capabilities, bit 0 first.
const CAPABILITY_NAMES = [
  "other",
  "repeater",
  "bridge",
  "wlan-access-point",
  "router",
  "telephone",
  "docsis",
  "station",
  "c-vlan",
  "s-vlan",
  "two-port-mac-relay",
];

interface LldpId {
  subtype: number;
  /** MAC or IP address in the usual notation; other subtypes as text. */
  value: string;
}

export interface Lldpdu extends LldpOrgFacts {
  kind: "lldp";
  chassisId?: LldpId;
  portId?: LldpId;
  ttl?: number;
  portDescription?: string;
  systemName?: string;
  systemDescription?: string;
  capabilities?: { supported: string[]; enabled: string[] };
  managementAddresses: string[];
  /** Types of TLVs not decoded (org TLVs as "127:OUI/subtype"). */
  otherTlvs: string[];
}

function decodeId(v: ByteCursor, macSubtype: number, networkSubtype: number, what: string): LldpId {
  const subtype = v.u8(`${what} subtype`);
  if (subtype === macSubtype && v.remaining === 6) {
    return { subtype, value: hexColon(v.bytesOf(6, what)) };
  }
  if (subtype === networkSubtype && v.remaining >= 1) {
    const family = v.u8(`${what} address family`);
    return { subtype, value: ianaAddressText(family, v.bytesOf(v.remaining, what)) };
  }
  return { subtype, value: bytesText(v.bytesOf(v.remaining, what)) };
}

function capabilityNames(bits: number): string[] {
  return CAPABILITY_NAMES.filter((_, i) => (bits & (1 << i)) !== 0);
}

/** IEEE 802.1AB-2016 8.5.9: address string length (subtype included), subtype, address, ... */
function decodeManagementAddress(v: ByteCursor): string {
  const length = v.u8("management address length");
  const family = v.u8("management address subtype");
  return ianaAddressText(family, v.bytesOf(Math.max(0, length - 1), "management address"));
}

function decode(c: ByteCursor): Lldpdu {
  const pdu: Lldpdu = { kind: "lldp", managementAddresses: [], otherTlvs: [] };
  while (c.remaining >= 2) {
    const head = c.u16("lldp tlv header");
    const type = head >> 9;
    const v = c.sub(head & 0x1ff, "lldp tlv value");
    if (type === TLV_END) break;
    if (type === TLV_CHASSIS_ID)
      pdu.chassisId = decodeId(v, CHASSIS_MAC, CHASSIS_NETWORK, "chassis id");
    else if (type === TLV_PORT_ID) pdu.portId = decodeId(v, PORT_MAC, PORT_NETWORK, "port id");
    else if (type === TLV_TTL) pdu.ttl = v.u16("ttl");
    else if (type === TLV_PORT_DESCRIPTION)
      pdu.portDescription = bytesText(v.bytesOf(v.remaining, "port description"));
    else if (type === TLV_SYSTEM_NAME)
      pdu.systemName = bytesText(v.bytesOf(v.remaining, "system name"));
    else if (type === TLV_SYSTEM_DESCRIPTION)
      pdu.systemDescription = bytesText(v.bytesOf(v.remaining, "system description"));
    else if (type === TLV_CAPABILITIES) {
      const supported = capabilityNames(v.u16("system capabilities"));
      pdu.capabilities = { supported, enabled: capabilityNames(v.u16("enabled capabilities")) };
    } else if (type === TLV_MANAGEMENT_ADDRESS)
      pdu.managementAddresses.push(decodeManagementAddress(v));
    else if (type === TLV_ORG) {
      const unknown = decodeOrgTlv(v, pdu);
      if (unknown !== undefined) pdu.otherTlvs.push(unknown);
    } else pdu.otherTlvs.push(String(type));
  }
  return pdu;
}

export function decodeLldp(c: ByteCursor): Lldpdu | Malformed {
  return attempt("lldp", c, decode);
}
