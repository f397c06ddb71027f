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
