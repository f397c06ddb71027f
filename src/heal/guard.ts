// The guard rails of remediation, as one pure decision: may this action run now? Never on the
// last healthy member, at most N per hour per subject, a cool-down between two on the same
// subject, on an 802.3ad bond not while LACP is still settling (detaching a member
// mid-negotiation makes some switches disable the port), and never a member whose own LACP
// works now or is negotiating again (the event was stale or a recovery). Dry run unless enabled.

export interface GuardLimits {
  maxPerHour: number;
  cooldownMs: number;
  dryRun: boolean;
}

export const DEFAULT_GUARD_LIMITS: GuardLimits = {
  maxPerHour: 3,
  cooldownMs: 300_000,
  dryRun: true,
};

export interface GuardContext {
  now_ms: number;
  /** Times of earlier actions on this subject (executed, not refused). */
  history: number[];
  /** Members of the subject's bond or group, and which of them are healthy now. */
  members: { name: string; healthy: boolean }[];
  /** 802.3ad only: every other member collecting and distributing? undefined when not LACP. */
  lacpSettled?: boolean;
  /**
   * 802.3ad only, this member's own LACP now: collecting and distributing (aggregating),
   * hearing its partner again (neither Expired nor Defaulted) without aggregating yet
   * (negotiating: a re-enslave would only restart it), or neither (broken).
   */
  memberLacp?: MemberLacp;
}

export type MemberLacp = "aggregating" | "negotiating" | "broken";

export type GuardDecision = { run: true; dryRun: boolean } | { run: false; reason: string };

export function guard(subject: string, ctx: GuardContext, limits: GuardLimits): GuardDecision {
  const others = ctx.members.filter((m) => m.name !== subject);
  if (ctx.members.length > 0 && !others.some((m) => m.healthy)) {
    return {
      run: false,
      reason: `${subject} is the last member that could carry traffic: not touching it`,
    };
  }
  if (ctx.memberLacp === "aggregating") {
    return {
      run: false,
      reason: `${subject} is collecting and distributing now (its LACP works): nothing to heal`,
    };
  }
  if (ctx.memberLacp === "negotiating") {
    return {
      run: false,
      reason: `${subject} hears its partner's LACPDUs again and LACP is negotiating: not restarting it`,
    };
  }
  if (ctx.lacpSettled === false) {
    return {
      run: false,
      reason: "LACP is still settling on the other members (not collecting/distributing): wait",
    };
  }
  const recent = ctx.history.filter((t) => ctx.now_ms - t < 3_600_000);
  if (recent.length >= limits.maxPerHour) {
    return {
      run: false,
      reason: `${recent.length} actions on ${subject} in the last hour (max ${limits.maxPerHour})`,
    };
  }
  const last = Math.max(...ctx.history, Number.NEGATIVE_INFINITY);
  if (ctx.now_ms - last < limits.cooldownMs) {
    return {
      run: false,
      reason: `cool-down: the last action on ${subject} was ${Math.round((ctx.now_ms - last) / 1000)} s ago (${limits.cooldownMs / 1000} s)`,
    };
  }
  return { run: true, dryRun: limits.dryRun };
}
