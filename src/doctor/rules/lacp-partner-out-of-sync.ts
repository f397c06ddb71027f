// An 802.3ad member has a partner, but the two ends never agreed: not in sync, or churning.
import type { Bond, BondSlave, LacpPortState } from "../../host/model.js";
import { describeLacpState } from "../../host/parse/lacp-state.js";
import { isZeroMac } from "../../lib/net.js";
import { bondsInMode, count } from "../rule-helpers.js";
import type { Finding, Rule } from "../types.js";
import { distinct, members, miiUp, names, noPartnerSigns } from "./lacp-helpers.js";

const ID = "lacp-partner-out-of-sync";

/** IEEE 802.1AX-2014 6.4.2.3: the bits a port needs set on both ends to carry traffic. */
const NEEDED = ["synchronization", "collecting", "distributing"] as const;

function missing(state: LacpPortState | undefined): string[] {
  return state === undefined ? [] : NEEDED.filter((k) => !state[k]);
}

/** The member's problems in words; empty when it is fine. */
function problems(s: BondSlave): string[] {
  const out: string[] = [];
  const a = missing(s.actor?.state);
  const p = missing(s.partner?.state);
  const actor = s.actor?.state;
  const partner = s.partner?.state;
  if (actor?.expired) out.push("LACPDUs from the partner stopped arriving (Expired)");
  if (actor && a.length > 0)
    out.push(`actor port state ${describeLacpState(actor)}: lacks ${a.join(", ")}`);
  if (partner && p.length > 0)
    out.push(`partner port state ${describeLacpState(partner)}: lacks ${p.join(", ")}`);
  const churnState = (v: string | undefined) => v?.trim().toLowerCase();
  for (const [who, state, n] of [
    ["actor", churnState(s.actorChurnState), s.actorChurnedCount],
    ["partner", churnState(s.partnerChurnState), s.partnerChurnedCount],
  ] as const) {
    if (state === "churned") out.push(`${who} churn state churned`);
    else if (n !== undefined && n > 0 && state !== undefined && state !== "none")
      out.push(`${who} churned ${count(n, "time")}, churn state ${state}`);
  }
  return out;
}

/** A partner answered: non-zero partner MAC, or (MAC unknown) an actor state not defaulted. */
function hasPartner(b: Bond, s: BondSlave): boolean {
  if (noPartnerSigns(b, s).length > 0) return false;
  const mac = s.partner?.systemMac;
  if (mac !== undefined) return !isZeroMac(mac);
  return s.actor?.state !== undefined || s.partner?.state !== undefined;
}

function finding(b: Bond, bad: BondSlave[]): Finding {
  const idle = bad.filter((s) => s.actor?.state !== undefined && !s.actor.state.distributing);
  const expired = bad.filter((s) => s.actor?.state?.expired === true);
  return {
    rule: ID,
    members: bad.map((s) => s.name),
    severity: "warning",
    subject: b.name,
    title: `${b.name}: LACP out of sync with the partner on ${names(bad)}${expired.length > 0 ? ` (${names(expired)}: LACPDUs from the partner stopped arriving)` : idle.length > 0 ? ` (${names(idle)} not distributing)` : ""}`,
    explanation:
      `${bad.map((s) => `${s.name}: ${problems(s).join("; ")}`).join(". ")}. ` +
      "A member carries traffic only when both ends agree on the aggregation: each side's port state must show Synchronization, Collecting and Distributing (IEEE 802.1AX 6.4.2.3). " +
      "Churn means a side did not reach synchronization within the churn detection time (60 s) — the ends keep disagreeing, usually over the LACP key (the switch port is in another or a misconfigured channel-group, or runs another speed), or the link flaps. " +
      `Such a port is up in \`ip link\` but adds neither bandwidth nor redundancy. The switch typically shows it as "(w) waiting to be aggregated", "(I) stand-alone", "(s) suspended" or "not in sync".`,
    evidence: bad.flatMap((s) =>
      distinct(
        s.source,
        s.ev.actorPortState,
        s.ev.partnerPortState,
        s.ev.actorChurnState,
        s.ev.partnerChurnState,
        s.ev.actorChurnedCount,
        s.ev.partnerChurnedCount,
      ),
    ),
    fix: [
      `grep -E 'Slave Interface|port key|oper key|system mac address|port state' /proc/net/bonding/${b.name}   # every member: same port key, same partner MAC and oper key`,
      "# on the switch: show lacp neighbor detail; show etherchannel summary — the port must be bundled (P) in the same port-channel as the others, mode active, same speed",
      ...bad.map(
        (s) =>
          `ip link set dev ${s.name} down && ip link set dev ${s.name} up   # renegotiate LACP on ${s.name}`,
      ),
      "ip -s link xstats type bond   # LACPDU Rx/Tx must keep growing on every member",
    ],
  };
}

export const rule: Rule = {
  id: ID,
  title: "An 802.3ad member has a partner but is not in sync, collecting and distributing",
  severity: "warning",
  doc: {
    what: "Finds up members of 802.3ad bonds that do have an LACP partner but whose actor or partner port state lacks Synchronization, Collecting or Distributing, or whose actor/partner churn state is `churned` (or has churned before and is not back to `none`). Members with no partner at all are lacp-no-partner's; members sitting in a non-active aggregator are lacp-aggregator-split's.",
    why: "LACP adds a port to the traffic only when both ends agree (Mux machine: ATTACHED -> COLLECTING_DISTRIBUTING). A port stuck out of sync is up and looks healthy in `ip link`, yet carries nothing: the bond has less bandwidth and redundancy than it shows. Churn detection flags ends that failed to synchronise for 60 s, usually a key mismatch (wrong channel-group, speed) or a flapping link.",
    evidence:
      "The member's actor and partner `port state` lines (decoded per IEEE 802.1AX 6.4.2.3), and its `Actor/Partner Churn State` and `Churned Count` lines from /proc/net/bonding; ad_actor_oper_port_state / ad_partner_oper_port_state from sysfs or netlink.",
    fix: "Compare port keys and partner keys across members; put the switch port into the same LACP port-channel as the others with the same speed; bounce the member (`ip link set dev eth1 down && ip link set dev eth1 up`); check the switch with `show lacp neighbor detail`.",
    references: [
      "kernel Documentation/networking/bonding.rst: 802.3ad mode",
      "IEEE 802.1AX-2014 6.4.2.3 (Actor_State/Partner_State bits), 6.4.15 (Mux machine), 6.4.17 (Churn Detection machines)",
      "drivers/net/bonding/bond_3ad.c: ad_churn_machine (churn states none, monitoring, churned)",
    ],
  },
  check(s) {
    const out: Finding[] = [];
    for (const b of bondsInMode(s, "802.3ad")) {
      const activeId = b.ad?.activeAggregator?.id;
      const bad = members(b).filter(
        (m) =>
          miiUp(m) &&
          hasPartner(b, m) &&
          !(
            activeId !== undefined &&
            m.aggregatorId !== undefined &&
            m.aggregatorId !== activeId
          ) &&
          problems(m).length > 0,
      );
      if (bad.length > 0) out.push(finding(b, bad));
    }
    return out;
  },
};
