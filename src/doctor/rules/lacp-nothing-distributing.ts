// An 802.3ad bond that is up, with members up, where no member carries traffic: no active
// aggregator, or no port collecting and distributing although the partner answers.

import type { Bond, BondSlave } from "../../host/model.js";
import { describeLacpState } from "../../host/parse/lacp-state.js";
import { isZeroMac } from "../../lib/net.js";
import { bondsInMode } from "../rule-helpers.js";
import type { Finding, Rule } from "../types.js";
import { distinct, inActiveAggregator, members, miiUp, names } from "./lacp-helpers.js";

const ID = "lacp-nothing-distributing";

const carries = (s: BondSlave): boolean =>
  s.actor?.state?.collecting === true && s.actor.state.distributing;

/** The partner answered on the active aggregator (non-zero partner MAC there or on a member). */
function partnerAnswers(b: Bond, up: BondSlave[]): boolean {
  const mac = b.ad?.activeAggregator?.partnerMac;
  if (mac !== undefined) return !isZeroMac(mac);
  return up.some((s) => s.partner?.systemMac !== undefined && !isZeroMac(s.partner.systemMac));
}

function noAggregator(b: Bond, up: BondSlave[]): Finding {
  const na = up.filter((s) => s.aggregatorAbsent === "n/a");
  const none = b.extra.noActiveAggregator !== undefined;
  return {
    rule: ID,
    members: up.map((s) => s.name),
    severity: "critical",
    subject: b.name,
    title: `${b.name}: no active aggregator, no member carries traffic${na.length > 0 ? ` (${names(na)} attached to no aggregator)` : ""}`,
    explanation:
      `${none ? `The kernel says "bond ${b.name} has no active aggregator"` : `${b.name} shows no active aggregator`}` +
      `${na.length > 0 ? `, and ${names(na)} ${na.length === 1 ? "is" : "are"} attached to no aggregator ("Aggregator ID: N/A")` : ""}, although ${names(up)} ${up.length === 1 ? "is" : "are"} up. ` +
      "In 802.3ad only the ports of the active aggregator transmit, so the bond passes nothing. A port stays unattached when LACP cannot select an aggregator for it: the port's speed or duplex is unknown (a NIC or driver that reports no speed cannot aggregate), the port was just enslaved, or the bond's LACP state machines are stuck.",
    evidence: distinct(
      b.source,
      b.ev.noActiveAggregator,
      ...na.flatMap((s) => [s.source, s.ev.aggregatorId]),
    ),
    fix: [
      ...up.map(
        (s) =>
          `ethtool ${s.name} | grep -E 'Speed|Duplex'   # 802.3ad needs a known speed and full duplex`,
      ),
      `ip link set dev ${up[0]?.name ?? "eth0"} down && ip link set dev ${up[0]?.name ?? "eth0"} up   # restart LACP on a member`,
      `cat /proc/net/bonding/${b.name}   # (as root) an "Active Aggregator Info" block must appear`,
    ],
  };
}

function notDistributing(b: Bond, idle: BondSlave[]): Finding {
  return {
    rule: ID,
    members: idle.map((s) => s.name),
    severity: "critical",
    subject: b.name,
    title: `${b.name}: no member is collecting and distributing (${names(idle)})`,
    explanation:
      `The partner answers LACP on ${b.name}, yet no member of the active aggregator is collecting and distributing: ${idle
        .map(
          (s) =>
            `${s.name}: actor port state ${s.actor?.state ? describeLacpState(s.actor.state) : "?"}`,
        )
        .join("; ")}. ` +
      "A port carries traffic only in the Mux machine's COLLECTING_DISTRIBUTING state, which needs both ends in sync (IEEE 802.1AX 6.4.15); the kernel's fallback of enabling the ports of a partnerless aggregator does not apply because this one has a partner. So the bond passes nothing although its links are up. " +
      "Usual causes: LACPDUs from the partner stopped arriving (Expired), a key or channel-group mismatch on the switch, or the switch holding the ports (suspended, waiting).",
    evidence: distinct(
      b.ev.partnerMac,
      ...idle.flatMap((s) => [s.source, s.ev.actorPortState, s.ev.partnerPortState]),
    ),
    fix: [
      `grep -E 'Slave Interface|port state|oper key' /proc/net/bonding/${b.name}`,
      "# on the switch: show lacp neighbor detail; show etherchannel summary — the ports must be bundled (P)",
      "ip -s link xstats type bond   # LACPDU Rx must keep growing on every member",
    ],
  };
}

export const rule: Rule = {
  id: ID,
  title:
    "No member of an 802.3ad bond carries traffic (no active aggregator, or none collecting and distributing)",
  severity: "critical",
  doc: {
    what: 'Finds 802.3ad bonds whose own status is up and which have members up, but where no member can carry traffic: the kernel prints "bond X has no active aggregator" or every up member shows "Aggregator ID: N/A" (attached to no aggregator); or the active aggregator has a partner and no member\'s actor port state has both Collecting and Distributing. A partnerless active aggregator is lacp-no-partner\'s (the kernel enables its ports anyway).',
    why: "Only the ports of the active aggregator transmit, and only in COLLECTING_DISTRIBUTING. Without either the bond passes nothing, while `ip link` shows every link up and the bond's own MII status says up.",
    evidence:
      "The `bond X has no active aggregator` line and each member's `Aggregator ID: N/A`; or each member's actor `port state` (decoded and named), with the active aggregator's partner MAC.",
    fix: "Make the ports aggregatable (known speed, full duplex: `ethtool eth0`), restart LACP on a member (`ip link set dev eth0 down && ip link set dev eth0 up`), and check the switch's port-channel (`show lacp neighbor detail`).",
    references: [
      "drivers/net/bonding/bond_3ad.c: ad_agg_selection_logic (aggregator with a partner first; ports of a partnerless active aggregator enabled), ad_mux_machine",
      "drivers/net/bonding/bond_procfs.c: 'bond %s has no active aggregator', 'Aggregator ID: N/A'",
      "IEEE 802.1AX-2014 6.4.2.3 (port state bits), 6.4.15 (Mux machine)",
    ],
  },
  check(s) {
    const out: Finding[] = [];
    for (const b of bondsInMode(s, "802.3ad")) {
      if (b.miiStatus !== undefined && b.miiStatus.trim().toLowerCase() !== "up") continue; // bond-down
      const up = members(b).filter(miiUp);
      if (up.length === 0) continue;
      if (
        b.extra.noActiveAggregator !== undefined ||
        up.every((m) => m.aggregatorAbsent === "n/a")
      ) {
        out.push(noAggregator(b, up));
        continue;
      }
      const active = up.filter((m) => inActiveAggregator(b, m));
      if (active.length === 0 || !active.every((m) => m.actor?.state !== undefined)) continue;
      if (!partnerAnswers(b, active) || active.some(carries)) continue;
      out.push(notDistributing(b, active));
    }
    return out;
  },
};
