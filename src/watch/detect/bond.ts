// Bond state over time, from successive /proc/net/bonding reads (plus the LACPDU counters of
// `ip -s link xstats type bond`): the changes an admin would otherwise diff by eye.

import type { WatchEvent } from "../../events/types.js";
import type { Bond, BondSlave, LacpPortState } from "../../host/model.js";
import { lacpStateNames } from "../../host/parse/lacp-state.js";
import { isZeroMac } from "../../lib/net.js";
import { type EventContext, makeEvent, seconds } from "./event.js";

interface RxCounter {
  value: number;
  changed_ms: number;
  stalled: boolean;
}

/** 802.3ad sends every second (fast) or every 30 s (slow); three missed is a timeout. */
function lacpIntervalMs(rate: string | undefined): number {
  return rate === "fast" ? 1_000 : 30_000;
}

export class BondDetector {
  private readonly last = new Map<string, Bond>();
  private readonly rx = new Map<string, RxCounter>();

  constructor(private readonly ctx: EventContext) {}

  observe(t_ms: number, bond: Bond): WatchEvent[] {
    const prev = this.last.get(bond.name);
    this.last.set(bond.name, bond);
    const out = this.lacpduStalls(t_ms, bond);
    if (!prev) return out;
    const ev = (
      kind: WatchEvent["kind"],
      sev: WatchEvent["severity"],
      subject: string,
      detail: string,
      data: Record<string, unknown>,
    ) =>
      makeEvent(this.ctx, t_ms, kind, sev, subject, detail, {
        ifname: subject,
        data: { bond: bond.name, ...data },
      });

    if ((prev.activeSlave ?? null) !== (bond.activeSlave ?? null)) {
      out.push(
        ev(
          "active-slave-changed",
          "warning",
          bond.name,
          `${bond.name} active slave moved from ${prev.activeSlave ?? "none"} to ${bond.activeSlave ?? "none"}`,
          {
            from: prev.activeSlave ?? null,
            to: bond.activeSlave ?? null,
          },
        ),
      );
    }
    for (const s of bond.slaves) {
      const p = prev.slaves.find((x) => x.name === s.name);
      if (!p) continue;
      const hadPartner = p.partner?.systemMac !== undefined && !isZeroMac(p.partner.systemMac);
      if (hadPartner && isZeroMac(s.partner?.systemMac)) {
        out.push(
          ev(
            "lacp-partner-lost",
            "critical",
            s.name,
            `${s.name} in ${bond.name} lost its LACP partner (was ${p.partner?.systemMac}; the switch calls this "suspended (no LACP PDUs)")`,
            {
              partner_was: p.partner?.systemMac,
            },
          ),
        );
      }
      if (churned(s) && !churned(p)) {
        out.push(
          ev(
            "lacp-churn",
            "warning",
            s.name,
            `${s.name} in ${bond.name}: LACP churn (actor ${s.actorChurnState ?? "?"}, partner ${s.partnerChurnState ?? "?"})`,
            {
              actor_churn: s.actorChurnState,
              partner_churn: s.partnerChurnState,
            },
          ),
        );
      }
      for (const side of ["actor", "partner"] as const) {
        const change = stateChange(p[side]?.state, s[side]?.state);
        if (!change) continue;
        const bad =
          s[side]?.state?.expired || s[side]?.state?.defaulted || !s[side]?.state?.synchronization;
        out.push(
          ev(
            "lacp-state-changed",
            bad ? "warning" : "info",
            s.name,
            `${s.name} ${side} LACP state: ${change}`,
            {
              side,
              from: p[side]?.state?.raw,
              to: s[side]?.state?.raw,
            },
          ),
        );
      }
    }
    return out;
  }

  private lacpduStalls(t_ms: number, bond: Bond): WatchEvent[] {
    if (bond.mode !== "802.3ad") return [];
    const limit = 3 * lacpIntervalMs(bond.ad?.lacpRate);
    const out: WatchEvent[] = [];
    for (const s of bond.slaves) {
      if (s.lacpduRx === undefined) continue;
      const key = `${bond.name}/${s.name}`;
      const c = this.rx.get(key);
      if (!c || s.lacpduRx !== c.value) {
        this.rx.set(key, { value: s.lacpduRx, changed_ms: t_ms, stalled: false });
        continue;
      }
      if (!c.stalled && t_ms - c.changed_ms >= limit) {
        c.stalled = true;
        out.push(
          makeEvent(
            this.ctx,
            t_ms,
            "lacpdu-stall",
            "critical",
            s.name,
            `${s.name} in ${bond.name} received no LACPDU for ${seconds(t_ms - c.changed_ms)} (3 x the ${bond.ad?.lacpRate ?? "slow"} interval)`,
            {
              ifname: s.name,
              data: { bond: bond.name, lacpdu_rx: s.lacpduRx },
            },
          ),
        );
      }
    }
    return out;
  }
}

function churned(s: BondSlave): boolean {
  return /churned/i.test(`${s.actorChurnState ?? ""} ${s.partnerChurnState ?? ""}`);
}

/** "+expired -synchronization" style description of the bits that changed, or "" when none. */
function stateChange(a: LacpPortState | undefined, b: LacpPortState | undefined): string {
  if (!a || !b || a.raw === b.raw) return "";
  const before = new Set(lacpStateNames(a));
  const after = new Set(lacpStateNames(b));
  const on = [...after].filter((n) => !before.has(n)).map((n) => `+${n}`);
  const off = [...before].filter((n) => !after.has(n)).map((n) => `-${n}`);
  return [...on, ...off].join(" ");
}
