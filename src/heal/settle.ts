// How long after its own action the healer ignores events on that member: the action itself
// makes the link and LACP change state (out of the bond, down, back, up, Expired, Defaulted,
// then negotiated), and those events must not trigger the next action. Pure.

/** Without LACP: carrier back after autonegotiation, plus the bond's updelay, with margin. */
export const DEFAULT_SETTLE_MS = 10_000;

/**
 * An 802.3ad member renegotiates within three LACP timeouts; the timeout is three LACPDU
 * intervals: 3 s with lacp_rate fast, 90 s with slow (IEEE 802.1AX Short/Long_Timeout_Time).
 */
function lacpTimeoutMs(lacpRate: string | undefined): number {
  return lacpRate?.startsWith("fast") ? 3_000 : 90_000;
}

/** The settle window: the configured one, else three LACP timeouts on 802.3ad, else 10 s. */
export function settleMs(
  configuredMs: number | undefined,
  bond: { mode?: string | undefined; lacpRate?: string | undefined } | undefined,
): number {
  if (configuredMs !== undefined) return configuredMs;
  if (bond?.mode === "802.3ad") return 3 * lacpTimeoutMs(bond.lacpRate);
  return DEFAULT_SETTLE_MS;
}
