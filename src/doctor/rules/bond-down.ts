// The bond itself is down (its own MII status or carrier): it passes no traffic at all.
import type { Bond, HostSnapshot } from "../../host/model.js";
import { count } from "../rule-helpers.js";
import type { Finding, Rule } from "../types.js";
import {
  distinct,
  inActiveAggregator,
  members,
  miiNotUp,
  miiUp,
  names,
  type Sign,
} from "./lacp-helpers.js";

const ID = "bond-down";

/** What says the bond itself is down: its MII status, its carrier, its operstate. */
function downSigns(s: HostSnapshot, b: Bond): Sign[] {
  const out: Sign[] = [];
  const mii = b.miiStatus?.trim().toLowerCase();
  if (mii !== undefined && mii !== "up")
    out.push({ text: `MII Status: ${b.miiStatus}`, ev: b.ev.miiStatus });
  const i = s.interfaces[b.name];
  if (i?.carrier === false) out.push({ text: "no carrier", ev: i.ev.carrier ?? i.source });
  else if (/^(down|lowerlayerdown)$/i.test(i?.operstate ?? "") && i?.flags.includes("UP"))
    out.push({ text: `operstate ${i.operstate}`, ev: i.ev.operstate ?? i.source });
  return out;
}

interface Reason {
  short: string;
  text: string;
  fix: string[];
  evidence: Sign["ev"][];
}

/** Why the kernel holds the bond down (bond_set_carrier, bond_3ad_set_carrier), or undefined. */
function reasonFor(s: HostSnapshot, b: Bond): Reason | undefined {
  const all = members(b);
  const i = s.interfaces[b.name];
  if (i && i.flags.length > 0 && !i.flags.includes("UP"))
    return {
      short: "administratively down",
      text: `${b.name} is administratively down (no UP flag)`,
      fix: [`ip link set dev ${b.name} up`],
      evidence: [i.ev.flags ?? i.source],
    };
  if (all.length === 0) return undefined; // bond-single-slave judges an empty bond
  const up = all.filter(miiUp);
  if (up.length === 0 && all.every(miiNotUp)) return undefined; // bond-slave-down says it
  const minLinks = b.ad?.minLinks ?? 0;
  if (b.mode === "802.3ad" && minLinks > 0) {
    const active = up.filter((m) => inActiveAggregator(b, m));
    const ports = b.ad?.activeAggregator?.ports ?? active.length;
    if (ports < minLinks)
      return {
        short: `min_links ${minLinks} not met (${ports} of ${minLinks} ports aggregated)`,
        text: `min_links ${minLinks} is not met: the active aggregator has ${count(ports, "port")}${up.length > 0 ? ` although ${names(up)} ${up.length === 1 ? "is" : "are"} up` : ""}, and the kernel keeps an 802.3ad bond's carrier off below min_links`,
        fix: [
          `grep -E 'Aggregator ID|Number of ports|Slave Interface' /proc/net/bonding/${b.name}   # which ports aggregate`,
          `echo ${Math.max(1, ports)} > /sys/class/net/${b.name}/bonding/min_links   # only if fewer links are acceptable; else fix the missing ports`,
        ],
        evidence: [b.ev.minLinks, b.ev.aggregatorPorts],
      };
  }
  if (up.length === 0)
    return {
      short: "no member known to be up",
      text: `no member is known to be up (${names(all)}: MII status not in the input)`,
      fix: [`ip -br link show master ${b.name}`],
      evidence: [],
    };
  return {
    short: "reason not in the input",
    text: `the kernel reports ${b.name} down although ${names(up)} ${up.length === 1 ? "is" : "are"} up; the input does not say why`,
    fix: [`ip -d link show dev ${b.name}`, `journalctl -k | grep -w ${b.name}`],
    evidence: [],
  };
}

export const rule: Rule = {
  id: ID,
  title: "The bond itself is down (its own MII status or carrier)",
  severity: "critical",
  doc: {
    what: "Reads the bond's own state — `MII Status:` of /proc/net/bonding, bonding/mii_status, the bond's carrier and operstate — and, when it is down on a bond with members, says why: 802.3ad `min_links` not met (the active aggregator has fewer ports than min_links, even with members up), no member known to be up, or administratively down. A bond whose members are all known to be down is left to bond-slave-down, a bond without members to bond-single-slave.",
    why: "A bond that is down passes no traffic, whatever its members say. The member rules cannot see it when the members are up (`min_links` unmet) or when their state is not in the input, so without this the host could come out OK while its bond is down.",
    evidence:
      "The bond's `MII Status:` line (or bonding/mii_status), its carrier/operstate from sysfs or `ip`, and the line behind the reason (`Min links`, the active aggregator's `Number of ports`, the bond's flags).",
    fix: "Depends on the reason: bring the missing 802.3ad ports into the active aggregator (or lower `min_links` if fewer links are acceptable); `ip link set dev bond0 up`.",
    references: [
      "kernel Documentation/networking/bonding.rst: 'min_links', 'MII Monitor Operation'",
      "drivers/net/bonding/bond_main.c: bond_set_carrier; bond_3ad.c: bond_3ad_set_carrier (min_links)",
    ],
  },
  check(s) {
    const out: Finding[] = [];
    for (const b of s.bonds) {
      const signs = downSigns(s, b);
      if (signs.length === 0) continue;
      const reason = reasonFor(s, b);
      if (!reason) continue;
      out.push({
        rule: ID,
        members: [],
        severity: "critical",
        subject: b.name,
        title: `${b.name} is down: ${reason.short}`,
        explanation: `${b.name} itself is down (${signs.map((x) => x.text).join(", ")}): it passes no traffic. Why: ${reason.text}.`,
        evidence: distinct(b.source, ...signs.map((x) => x.ev), ...reason.evidence),
        fix: reason.fix,
      });
    }
    return out;
  },
};
