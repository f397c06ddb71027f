// Slow Protocols (ethertype 0x8809): LACPDU and Marker PDU, IEEE 802.1AX-2014 6.4.2 and 6.5.3.
// TLV lengths include the two-byte type/length header (as tcpdump's print-slow.c reads them).
import type { LacpPortState } from "../../host/model.js";
import { decodeLacpState } from "../../host/parse/lacp-state.js";
import { hexColon } from "../addresses.js";
import { attempt, type ByteCursor, DecodeError, type Malformed } from "../cursor.js";

export const ETHERTYPE_SLOW = 0x8809;
const SUBTYPE_LACP = 1; // IEEE 802.1AX-2014 6.4.2.3 a)
const SUBTYPE_MARKER = 2; // IEEE 802.1AX-2014 6.5.3.2 a)
const TLV_TERMINATOR = 0;
const TLV_ACTOR = 1;
const TLV_PARTNER = 2;
const TLV_COLLECTOR = 3;
const TLV_MARKER_INFO = 1;
const TLV_MARKER_RESPONSE = 2;

/** Actor or Partner information (IEEE 802.1AX-2014 6.4.2.3 d)-o)). */
export interface LacpPortInfo {
  systemPriority: number;
  system: string;
  key: number;
  portPriority: number;
  port: number;
  state: LacpPortState;
}

export interface Lacpdu {
  kind: "lacp";
  version: number;
  actor?: LacpPortInfo;
  partner?: LacpPortInfo;
  /** CollectorMaxDelay, tens of microseconds. */
  collectorMaxDelay?: number;
  /** TLVs other than actor, partner, collector and terminator (version 2 TLVs, ...). */
  otherTlvs: Array<{ type: number; length: number }>;
}

interface MarkerPdu {
  kind: "marker";
  version: number;
  response: boolean;
  requesterPort: number;
  requesterSystem: string;
  requesterTransactionId: number;
}

/** Any other subtype (OAM 3, OSSP/ESMC 10, ...): recognised as Slow Protocols, not decoded. */
interface OtherSlowProtocol {
  kind: "slow-protocol";
  subtype: number;
}

export type SlowProtocolPdu = Lacpdu | MarkerPdu | OtherSlowProtocol;

function readMac(c: ByteCursor, field: string): string {
  return hexColon(c.bytesOf(6, field));
}

function decodePortInfo(c: ByteCursor): LacpPortInfo {
  const systemPriority = c.u16("system priority");
  const system = readMac(c, "system");
  const key = c.u16("key");
  const portPriority = c.u16("port priority");
  const port = c.u16("port");
  return { systemPriority, system, key, portPriority, port, state: decodeLacpState(c.u8("state")) };
}

function decodeLacpdu(c: ByteCursor): Lacpdu {
  const pdu: Lacpdu = { kind: "lacp", version: c.u8("lacp version"), otherTlvs: [] };
  while (c.remaining >= 2) {
    const type = c.u8("tlv type");
    const length = c.u8("tlv length");
    if (type === TLV_TERMINATOR) break;
    if (length < 2) {
      throw new DecodeError(c.offset - 1, "lacp tlv length", `lacp: tlv length ${length} < 2`);
    }
    const v = c.sub(length - 2, "tlv value");
    if (type === TLV_ACTOR) pdu.actor = decodePortInfo(v);
    else if (type === TLV_PARTNER) pdu.partner = decodePortInfo(v);
    else if (type === TLV_COLLECTOR) pdu.collectorMaxDelay = v.u16("collector max delay");
    else pdu.otherTlvs.push({ type, length });
  }
  return pdu;
}

function decodeMarker(c: ByteCursor): MarkerPdu {
  const version = c.u8("marker version");
  const type = c.u8("tlv type");
  c.u8("tlv length");
  if (type !== TLV_MARKER_INFO && type !== TLV_MARKER_RESPONSE) {
    throw new DecodeError(c.offset - 2, "marker tlv type", `marker tlv type ${type}`);
  }
  const requesterPort = c.u16("requester port");
  const requesterSystem = readMac(c, "requester system");
  const requesterTransactionId = c.u32("requester transaction id");
  return {
    kind: "marker",
    version,
    response: type === TLV_MARKER_RESPONSE,
    requesterPort,
    requesterSystem,
    requesterTransactionId,
  };
}

function decode(c: ByteCursor): SlowProtocolPdu {
  const subtype = c.u8("slow protocols subtype");
  if (subtype === SUBTYPE_LACP) return decodeLacpdu(c);
  if (subtype === SUBTYPE_MARKER) return decodeMarker(c);
  return { kind: "slow-protocol", subtype };
}

export function decodeSlowProtocol(c: ByteCursor): SlowProtocolPdu | Malformed {
  return attempt("slow-protocols", c, decode);
}
