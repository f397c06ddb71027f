// What changed between two LACPDUs from one port, in words: state bits gained and lost by
// the actor and the partner, and a different partner system, key or port.
import type { LacpPortState } from "../../host/model.js";
import type { LacpPortInfo } from "../decode/slow-protocols.js";

type Bit = Exclude<keyof LacpPortState, "raw">;

// IEEE 802.1AX-2014 6.4.2.3: Actor_State / Partner_State bits, with words for set and clear.
const BITS: Array<[Bit, string, string]> = [
  ["lacpActivity", "became active", "became passive"],
  ["lacpTimeout", "switched to short timeout", "switched to long timeout"],
  ["aggregation", "became aggregatable", "became individual"],
  ["synchronization", "gained synchronization", "lost synchronization"],
  ["collecting", "started collecting", "stopped collecting"],
  ["distributing", "started distributing", "stopped distributing"],
  ["defaulted", "became defaulted", "left defaulted"],
  ["expired", "became expired", "left expired"],
];

/** "actor lost synchronization", one phrase per changed bit. */
export function stateChanges(
  who: "actor" | "partner",
  before: LacpPortState,
  after: LacpPortState,
): string[] {
  if (before.raw === after.raw) return [];
  return BITS.filter(([bit]) => before[bit] !== after[bit]).map(
    ([bit, set, clear]) => `${who} ${after[bit] ? set : clear}`,
  );
}

const ZERO_SYSTEM = "00:00:00:00:00:00";

/** "00:0e:83:16:f5:00 key 13 port 25", or "none" for the all-zero partner of a defaulted port. */
export function partnerText(p: LacpPortInfo | undefined): string {
  if (p === undefined || (p.system === ZERO_SYSTEM && p.key === 0 && p.port === 0)) return "none";
  return `${p.system} key ${p.key} port ${p.port}`;
}

export function hasPartner(p: LacpPortInfo | undefined): p is LacpPortInfo {
  return partnerText(p) !== "none";
}

/** The partner's identity changed (system, priority, key or port). */
export function partnerChanged(a: LacpPortInfo | undefined, b: LacpPortInfo | undefined): boolean {
  if (a === undefined || b === undefined) return a !== b;
  return (
    a.system !== b.system ||
    a.systemPriority !== b.systemPriority ||
    a.key !== b.key ||
    a.port !== b.port
  );
}

/** The transmit period a port's PDUs should follow: fast (1 s) when its partner asks for the
 * short timeout (IEEE 802.1AX-2014 6.4.13, Partner_Oper_Port_State.LACP_Timeout), else 30 s. */
export function expectedInterval(partner: LacpPortInfo | undefined): 1 | 30 {
  return partner?.state.lacpTimeout ? 1 : 30;
}
