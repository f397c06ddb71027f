// The members of one 802.3ad bond ended up in different aggregators: only one carries traffic.
import type { Bond, BondSlave } from "../../host/model.js";
import { isZeroMac } from "../../lib/net.js";
import { bondsInMode } from "../rule-helpers.js";
import type { Finding, Rule } from "../types.js";
import { distinct, members, miiUp, names, noPartnerSigns } from "./lacp-helpers.js";

const ID = "lacp-aggregator-split";

/** key -> members, keys sorted. */
function groupBy(list: BondSlave[], key: (s: BondSlave) => string | undefined) {
  const m = new Map<string, BondSlave[]>();
  for (const s of list) {
    const k = key(s);
    if (k !== undefined) m.set(k, [...(m.get(k) ?? []), s]);
  }
  return [...m.entries()].sort(([a], [b]) => a.localeCompare(b, "en", { numeric: true }));
}

const partnerMac = (s: BondSlave) => {
  const mac = s.partner?.systemMac;
  return mac === undefined || isZeroMac(mac) ? undefined : mac;
};

function finding(b: Bond, up: BondSlave[]): Finding | undefined {
  const byAgg = groupBy(up, (s) =>
    s.aggregatorId === undefined ? undefined : String(s.aggregatorId),
  );
  const byPartner = groupBy(up, partnerMac);
  // "Aggregator ID: N/A": up, but attached to no aggregator, so it carries nothing.
  const unattached = up.filter((s) => s.aggregatorAbsent === "n/a");
  const attached = up.filter((s) => s.aggregatorAbsent !== "n/a");
  if (
    byAgg.length < 2 &&
    byPartner.length < 2 &&
    (unattached.length === 0 || attached.length === 0)
  )
    return undefined;
  const agg = b.ad?.activeAggregator;
  const active = agg?.id === undefined ? [] : up.filter((s) => s.aggregatorId === agg.id);
  const carrying = active.length > 0 ? active.length : agg?.ports;
  const traffic =
    carrying === undefined
      ? `only one aggregator of the ${up.length} up ports carries traffic`
      : `${carrying} of ${up.length} up ports carry traffic`;
  const split =
    byAgg.length >= 2
      ? `up members split across aggregators ${byAgg.map(([id, l]) => `${id} (${names(l)})`).join(" and ")}`
      : byPartner.length < 2
        ? `${names(unattached)} ${unattached.length === 1 ? "is" : "are"} up but attached to no aggregator (Aggregator ID: N/A)`
        : `members see ${byPartner.length} different LACP partners (${byPartner.map(([mac, l]) => `${mac} on ${names(l)}`).join(", ")})`;
  const idle = up.filter((s) => !active.includes(s));
  return {
    rule: ID,
    members: up.map((s) => s.name),
    severity: "warning",
    subject: b.name,
    title: `${b.name}: ${split}; ${traffic}`,
    explanation:
      `In 802.3ad mode the bonding driver sends and receives on one aggregator only, the active one${agg?.id === undefined ? "" : ` (id ${agg.id}${active.length > 0 ? `: ${names(active)}` : ""})`}. ` +
      `Ports join the same aggregator only when they have the same actor key (same speed and duplex) and see the same partner system MAC and key. Here ${traffic}` +
      `${active.length > 0 && idle.length > 0 ? `; ${names(idle)} ${idle.length === 1 ? "is" : "are"} up but idle (a standby aggregator, used only when the active one loses all its ports)` : ""}` +
      `${unattached.length > 0 ? `; ${names(unattached)} ${unattached.length === 1 ? "is" : "are"} attached to no aggregator at all ("Aggregator ID: N/A": LACP selected none for ${unattached.length === 1 ? "it" : "them"}, often an unknown speed or duplex)` : ""}. ` +
      'Usual causes: the switch ports are in different port-channels, the bond is cabled to two switches that are not one stack or MLAG/vPC pair (each answers with its own system MAC), or the ports differ in speed or duplex. On the switch the idle ports typically show as a second port-channel, "(I) stand-alone" or "(H) hot-standby".',
    evidence: distinct(
      b.ev.aggregatorId,
      b.ev.aggregatorPorts,
      b.ev.partnerMac,
      ...up.flatMap((s) => [s.source, s.ev.aggregatorId, s.ev.partnerSystemMacAddress]),
    ),
    fix: [
      "# on the switch: show etherchannel summary; show lacp neighbor — every port facing the bond must be in ONE port-channel (channel-group <n> mode active)",
      "# two switches: they must present one LACP system (stack, MLAG or vPC); otherwise use active-backup across them",
      ...up.map((s) => `ethtool ${s.name} | grep -E 'Speed|Duplex'   # equal on every member`),
      `grep -E 'Slave Interface|Aggregator ID|system mac address' /proc/net/bonding/${b.name}   # afterwards: one aggregator, one partner`,
    ],
  };
}

export const rule: Rule = {
  id: ID,
  title: "The members of an 802.3ad bond are split across aggregators or partners",
  severity: "warning",
  doc: {
    what: "Finds 802.3ad bonds whose up members (with an LACP partner) sit in different aggregator ids, see different partner system MACs, or are attached to no aggregator at all (`Aggregator ID: N/A`) while others are, so the active aggregator carries fewer ports than are up. The title says how many ports carry traffic against how many are up ('2 of 4 up ports carry traffic').",
    why: "Linux bonding uses a single active aggregator (chosen by ad_select); ports in other aggregators are up, look healthy in `ip link`, and carry nothing. Half the bandwidth (or more) is silently idle, and the redundancy is less than it seems: if the active aggregator's ports fail, the bond re-selects after an outage. The cause is on the switch side: separate port-channels, two switches without MLAG/vPC/stacking, or ports of different speed.",
    evidence:
      "Each up member's `Aggregator ID:` line and partner `system mac address:` line, and the bond's `Active Aggregator Info` (`Aggregator ID`, `Number of ports`, `Partner Mac Address`) from /proc/net/bonding or sysfs (ad_aggregator, ad_num_ports).",
    fix: "Put every switch port facing the bond into one LACP port-channel; across two switches use a stack or MLAG/vPC so both send the same system ID (or use active-backup instead); make member speeds and duplex equal. Check with `show etherchannel summary` / `show lacp neighbor` on the switch and /proc/net/bonding on the host.",
    references: [
      "kernel Documentation/networking/bonding.rst: 802.3ad mode, 'ad_select' (stable, bandwidth, count)",
      "IEEE 802.1AX-2014 6.3.6 (Link Aggregation Group identification: same System ID and operational Key), 6.4.14 (Selection Logic)",
      "Cisco: 'show etherchannel summary' flags (I) stand-alone, (H) hot-standby; vPC / StackWise for multi-chassis LACP",
    ],
  },
  check(s) {
    const out: Finding[] = [];
    for (const b of bondsInMode(s, "802.3ad")) {
      const up = members(b).filter((m) => miiUp(m) && noPartnerSigns(b, m).length === 0);
      const f = finding(b, up);
      if (f) out.push(f);
    }
    return out;
  },
};
