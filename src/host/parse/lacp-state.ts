// IEEE 802.1AX-2014 6.4.2.3: the Actor_State / Partner_State octet, bit 0 first.
import type { LacpPortState } from "../model.js";

export function decodeLacpState(raw: number): LacpPortState {
  const bit = (n: number) => (raw & (1 << n)) !== 0;
  return {
    raw,
    lacpActivity: bit(0),
    lacpTimeout: bit(1),
    aggregation: bit(2),
    synchronization: bit(3),
    collecting: bit(4),
    distributing: bit(5),
    defaulted: bit(6),
    expired: bit(7),
  };
}

const NAMES: Array<[keyof LacpPortState, string]> = [
  ["lacpActivity", "activity"],
  ["lacpTimeout", "short-timeout"],
  ["aggregation", "aggregation"],
  ["synchronization", "synchronization"],
  ["collecting", "collecting"],
  ["distributing", "distributing"],
  ["defaulted", "defaulted"],
  ["expired", "expired"],
];

/** The set bits by name, for explanations: ["activity", "aggregation", ...]. */
export function lacpStateNames(state: LacpPortState): string[] {
  return NAMES.filter(([k]) => state[k] === true).map(([, n]) => n);
}

/** What each bit means when set, in the words of IEEE 802.1AX-2014 6.4.2.3. */
const MEANINGS: Array<[keyof LacpPortState, string]> = [
  ["lacpActivity", "Activity (active LACP)"],
  ["lacpTimeout", "Timeout (short, 1 s LACPDUs)"],
  ["aggregation", "Aggregation (aggregatable)"],
  ["synchronization", "Synchronization (in sync)"],
  ["collecting", "Collecting"],
  ["distributing", "Distributing"],
  ["defaulted", "Defaulted (no LACPDU received: partner information is the default)"],
  ["expired", "Expired (LACPDUs from the partner stopped arriving)"],
];

/** "77 = Activity, Aggregation, Synchronization, Defaulted (...)": the raw octet and its set bits named. */
export function describeLacpState(state: LacpPortState): string {
  const set = MEANINGS.filter(([k]) => state[k] === true).map(([, m]) => m);
  return `${state.raw} = ${set.length > 0 ? set.join(", ") : "no bit set"}`;
}
