// LLDP organisationally specific TLVs (type 127) that are simple and say something about the
// link: IEEE 802.1 (Annex D) port VLAN, VLAN names, link aggregation; IEEE 802.3 (Annex E /
// 802.3 clause 79) MAC/PHY status, link aggregation (deprecated there, still sent), max frame size.
import { bytesText } from "../addresses.js";
import type { ByteCursor } from "../cursor.js";

const OUI_8021 = 0x0080c2;
const OUI_8023 = 0x00120f;
const DOT1_PORT_VLAN = 1; // IEEE 802.1Q-2018 D.2.1
const DOT1_VLAN_NAME = 3; // D.2.3
const DOT1_LINK_AGGREGATION = 7; // D.2.7
const DOT3_MAC_PHY = 1; // IEEE 802.3-2018 79.3.1
const DOT3_LINK_AGGREGATION = 3; // 79.3.3 (deprecated in favour of the 802.1 TLV)
const DOT3_MAX_FRAME_SIZE = 4; // 79.3.4

export interface LinkAggregationTlv {
  /** Status bit 0: the port can aggregate; bit 1: it is aggregated now. */
  supported: boolean;
  enabled: boolean;
  /** ifIndex of the aggregation (0 when not aggregated). */
  portId: number;
}

/** What the org TLVs added to an LLDPDU (each set only when its TLV was there). */
export interface LldpOrgFacts {
  portVlan?: number;
  vlanNames?: Array<{ vid: number; name: string }>;
  linkAggregation?: LinkAggregationTlv;
  macPhy?: { autonegSupported: boolean; autonegEnabled: boolean; mauType: number };
  maxFrameSize?: number;
}

function linkAggregation(v: ByteCursor): LinkAggregationTlv {
  const status = v.u8("link aggregation status");
  return {
    supported: (status & 1) !== 0,
    enabled: (status & 2) !== 0,
    portId: v.u32("aggregated port id"),
  };
}

/** Decode into `facts`; returns "127:OUI/subtype" for a TLV it does not know. */
export function decodeOrgTlv(v: ByteCursor, facts: LldpOrgFacts): string | undefined {
  const oui = (v.u8("org oui") << 16) | v.u16("org oui");
  const subtype = v.u8("org subtype");
  const key = oui * 256 + subtype;
  if (key === OUI_8021 * 256 + DOT1_PORT_VLAN) facts.portVlan = v.u16("port vlan id");
  else if (key === OUI_8021 * 256 + DOT1_VLAN_NAME) {
    const vid = v.u16("vlan id");
    const name = bytesText(v.bytesOf(v.u8("vlan name length"), "vlan name"));
    facts.vlanNames = [...(facts.vlanNames ?? []), { vid, name }];
  } else if (key === OUI_8021 * 256 + DOT1_LINK_AGGREGATION)
    facts.linkAggregation = linkAggregation(v);
  else if (key === OUI_8023 * 256 + DOT3_LINK_AGGREGATION)
    facts.linkAggregation ??= linkAggregation(v);
  else if (key === OUI_8023 * 256 + DOT3_MAC_PHY) {
    const autoneg = v.u8("autonegotiation");
    v.skip(2, "pmd autonegotiation capability");
    facts.macPhy = {
      autonegSupported: (autoneg & 1) !== 0,
      autonegEnabled: (autoneg & 2) !== 0,
      mauType: v.u16("mau type"),
    };
  } else if (key === OUI_8023 * 256 + DOT3_MAX_FRAME_SIZE)
    facts.maxFrameSize = v.u16("max frame size");
  else return `127:${oui.toString(16).padStart(6, "0")}/${subtype}`;
  return undefined;
}
