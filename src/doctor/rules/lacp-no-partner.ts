// An 802.3ad member that hears no LACPDU from the switch: never (incident 000), or no longer
// (incident 004: the partner's LACPDUs stopped arriving, the state went Expired, then Defaulted).
import type { Bond, BondSlave } from "../../host/model.js";
import { describeLacpState } from "../../host/parse/lacp-state.js";
import { bondsInMode, count } from "../rule-helpers.js";
import type { Finding, Rule } from "../types.js";
import {
  distinct,
  inActiveAggregator,
  members,
  miiNotUp,
  names,
  noPartnerSigns,
  sysfsSet,
} from "./lacp-helpers.js";

const ID = "lacp-no-partner";

function finding(b: Bond, lonely: BondSlave[], all: BondSlave[]): Finding {
  const none = lonely.length === all.length;
  // An Expired member's port state is quoted too (a Defaulted one's already is, as a sign).
  const expiredState = (s: BondSlave) =>
    s.actor?.state?.expired && !s.actor.state.defaulted
      ? [{ text: `actor port state ${describeLacpState(s.actor.state)}`, ev: s.ev.actorPortState }]
      : [];
  const signsOf = (s: BondSlave) => [...noPartnerSigns(b, s), ...expiredState(s)];
  const facts = lonely.map(
    (s) =>
      `${s.name}: ${signsOf(s)
        .map((x) => x.text)
        .join("; ")}`,
  );
  const partnered = all.filter((s) => !lonely.includes(s));
  const carrying = partnered.filter((s) => inActiveAggregator(b, s));
  const elsewhere = partnered.filter((s) => !inActiveAggregator(b, s));
  const is = (l: BondSlave[], one: string, many: string) => (l.length === 1 ? one : many);
  const effect = none
    ? "No member has a partner, so LACP has formed no aggregation: each port sits in an aggregator of its own. At best one of them carries traffic as an individual link; when the switch suspends ports that send no LACPDUs (the default on most switches), nothing passes and the bond is down."
    : [
        carrying.length > 0
          ? `${names(carrying)} ${is(carrying, "has", "have")} a partner and ${is(carrying, "carries", "carry")} the traffic`
          : "",
        elsewhere.length > 0
          ? `${names(elsewhere)} ${is(elsewhere, "has", "have")} a partner but ${is(elsewhere, "sits", "sit")} in an aggregator that is not the active one, so ${is(elsewhere, "it carries", "they carry")} no traffic`
          : "",
        `${names(lonely)} ${is(lonely, "is", "are")} up but not aggregated, so the bond has less bandwidth and less redundancy than it shows.`,
      ]
        .filter(Boolean)
        .join("; ");
  const first = lonely[0]?.name ?? "eno1";
  const passive = b.ad?.lacpActive === "off";
  // The receive machine's state, when the actor port state shows it: Expired (the partner's
  // LACPDUs stopped less than three timeouts ago) or Defaulted (none for longer, or never).
  const expired = lonely.filter((m) => m.actor?.state?.expired);
  const defaulted = lonely.filter((m) => m.actor?.state?.defaulted && !m.actor.state.expired);
  const state = [
    expired.length > 0 ? `Expired on ${names(expired)}` : "",
    defaulted.length > 0 ? `Defaulted on ${names(defaulted)}` : "",
  ].filter(Boolean);
  const stateNote = state.length > 0 ? `${state.join(", ")}: no LACPDUs from the switch` : "";
  const counts = none ? "" : `${count(partnered.length, "member")} of ${all.length} aggregated`;
  const inBrackets = [stateNote, counts].filter(Boolean).join("; ");
  // /proc/net/bonding cannot tell "never" from "stopped": both end in Defaulted. A partner on
  // another member of the same bond means the switch speaks LACP to this host.
  const cause = none
    ? `${names(lonely)} ${is(lonely, "receives", "receive")} no LACPDU from the switch — none ever arrived, or they stopped arriving (the port state cannot tell which)`
    : `${names(lonely)} ${is(lonely, "receives", "receive")} no LACPDU from the switch while ${names(partnered)} ${is(partnered, "does", "do")}: the switch speaks LACP to this host, so on ${names(lonely)} the LACPDUs stopped arriving or never came (that switch port is not in the port-channel)`;
  return {
    rule: ID,
    members: lonely.map((s) => s.name),
    severity: none ? "critical" : "warning",
    subject: b.name,
    title: `${b.name}: no LACP partner on ${names(lonely)}${inBrackets ? ` (${inBrackets})` : ""}`,
    explanation:
      `${b.name} runs 802.3ad (LACP), and ${cause}: ${facts.join(". ")}. ` +
      (expired.length > 0
        ? `Expired means the partner's LACPDUs stopped arriving moments ago (within three LACP timeouts); the port goes Defaulted next. `
        : "") +
      `${effect} ` +
      (passive
        ? `${b.name} runs LACP passive (lacp_active off): it sends no LACPDU until the switch does, so with a passive switch port neither side ever starts. Set lacp_active on (the default), or make the switch port active. `
        : "") +
      'The switch side reports the same fault as "suspended (no LACP PDUs)", "LACP suspended" or "(s) suspended" / "(I) stand-alone" in its port-channel summary. ' +
      'The bonding configuration is not the cause (changing the mode does not help, as incident 000 found): the LACPDUs are lost below it — the switch ports are not in an LACP port-channel (static "mode on", wrong channel-group), or the NIC or its firmware does not pass them, which after a warm reboot can need a cold boot and a firmware update.',
    evidence: [
      ...lonely.flatMap((s) => distinct(s.source, ...signsOf(s).map((x) => x.ev))),
      ...(passive && b.ev.lacpActive ? [b.ev.lacpActive] : []),
    ],
    fix: [
      ...(passive
        ? [
            `ip link set dev ${b.name} down && ${sysfsSet(b, "lacp_active", "on")} && ip link set dev ${b.name} up   # LACP active: send LACPDUs first`,
          ]
        : []),
      `ip -s link xstats type bond   # "LACPDU Rx" of ${names(lonely)} must grow (every 1 s with lacp_rate fast, 30 s slow)`,
      `tcpdump -eni ${first} -c 5 ether proto 0x8809   # any LACPDU from the switch? (slow protocols ethertype)`,
      "# on the switch: show lacp neighbor; show etherchannel summary (NX-OS: show port-channel summary) — the ports need channel-group <n> mode active",
      ...lonely.map(
        (s) =>
          `ethtool -i ${s.name}   # driver and firmware-version: update old NIC firmware (e.g. Dell DSU)`,
      ),
      ...lonely.map(
        (s) =>
          `ip link set dev ${s.name} down && ip link set dev ${s.name} up   # restart LACP on ${s.name}`,
      ),
      "# still no partner after a warm reboot: power off, remove power for a minute (cold boot), check again",
    ],
  };
}

export const rule: Rule = {
  id: ID,
  title: "An 802.3ad member has no LACP partner (receives no LACPDU: never, or no longer)",
  severity: "critical",
  doc: {
    what: "Finds members of 802.3ad bonds that receive no LACPDU (none ever arrived, or they stopped: both end in the Defaulted state, and /proc/net/bonding cannot tell them apart; the title names Expired or Defaulted when the actor port state shows it, and when another member of the bond has a partner the text says the switch speaks LACP to this host): partner system MAC 00:00:00:00:00:00 (per member, or the active aggregator's for members in it or whose aggregator is not shown; a member in another aggregator, or with an empty `Aggregator ID:`, has none either when the active aggregator has none, because the kernel's ad_agg_selection_logic always prefers an aggregator with a partner), a member attached to no aggregator (`Aggregator ID: N/A`) while the active aggregator has no partner, the Defaulted bit in the actor port state, or an `LACPDU Rx 0` counter from `ip -s link xstats type bond`. Critical when no member has a partner, warning when some do. The actor port state is quoted decoded, each set bit named (Defaulted: no LACPDU received). When the bond itself runs LACP passive (`LACP active: off`) the finding says so. Members whose MII status is down are left to bond-slave-down unless every member is down.",
    why: 'Without a partner LACP never forms an aggregation. Linux keeps every port in an aggregator of its own and may still pass traffic over one of them, while the switch reports the ports as suspended ("no LACP PDUs") and, by default on most switches, drops their traffic — the bond is down although its configuration is right. In incident 000 (a Dell server after a warm reboot) /proc/net/bonding looked normal and switching to active-backup did not help; a cold boot and a NIC firmware update did.',
    evidence:
      "The member's `Slave Interface:` line, its partner `system mac address: 00:00:00:00:00:00` and actor `port state` lines from /proc/net/bonding (or ad_actor_oper_port_state from sysfs/netlink), the `LACPDU Rx 0` line of `ip -s link xstats type bond`, the active aggregator's `Partner Mac Address`.",
    fix: "Look below the bonding configuration: the switch must have the ports in one LACP port-channel (`show lacp neighbor`, `show etherchannel summary`); check the NIC driver and firmware (`ethtool -i`) and update old firmware; bounce the member (`ip link set dev eno1 down && ip link set dev eno1 up`); after a warm reboot, try a cold boot. Watch `LACPDU Rx` in `ip -s link xstats type bond` grow, or capture `tcpdump -eni eno1 ether proto 0x8809`.",
    references: [
      "kernel Documentation/networking/bonding.rst: 802.3ad (mode 4) prerequisites, 'lacp_rate', 'ad_select'",
      "IEEE 802.1AX-2014 6.4.2.3 (Actor_State: Defaulted), 6.4.12 (Receive machine: DEFAULTED), 6.4.13 (Periodic Transmission)",
      "Cisco: 'show etherchannel summary' flags (s) suspended, (I) stand-alone; 'lacp suspend-individual'",
      "Dell: update NIC firmware with Dell System Update (DSU)",
    ],
  },
  check(s) {
    const out: Finding[] = [];
    for (const b of bondsInMode(s, "802.3ad")) {
      const all = members(b);
      const live = all.filter((m) => !miiNotUp(m));
      const considered = live.length > 0 ? live : all;
      const lonely = considered.filter((m) => noPartnerSigns(b, m).length > 0);
      if (lonely.length > 0) out.push(finding(b, lonely, considered));
    }
    return out;
  },
};
