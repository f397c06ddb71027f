// STUB: to be implemented.
import type { LacpPortState } from "../model.js";

/** IEEE 802.1AX-2014 6.4.2.3: decode an actor/partner state octet. */
export function decodeLacpState(raw: number): LacpPortState {
  return {
    raw,
    lacpActivity: false,
    lacpTimeout: false,
    aggregation: false,
    synchronization: false,
    collecting: false,
    distributing: false,
    defaulted: false,
    expired: false,
  };
}
