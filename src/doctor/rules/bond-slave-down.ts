// A bond member whose link is down: the bond runs without its redundancy (or not at all).
import type { Bond, BondSlave, HostSnapshot } from "../../host/model.js";
import type { Finding, Rule } from "../types.js";
import { distinct, members, miiNotUp, miiUp, names } from "./lacp-helpers.js";

const ID = "bond-slave-down";

/** What the interface itself says about the down member, in words. */
function linkFacts(s: HostSnapshot, m: BondSlave): string {
  const i = s.interfaces[m.name];
  const facts = [`MII status ${m.miiStatus}`];
  if (i?.carrier === false) facts.push("no carrier");
  if (i && i.flags.length > 0 && !i.flags.includes("UP"))
    facts.push("administratively down (no UP flag)");
  if (i?.operstate) facts.push(`operstate ${i.operstate}`);
  return `${m.name}: ${facts.join(", ")}`;
}

function finding(s: HostSnapshot, b: Bond, down: BondSlave[], all: BondSlave[]): Finding {
  const up = all.filter(miiUp);
  const none = down.length === all.length;
  const transient = down.filter((m) => /going/i.test(m.miiStatus ?? ""));
  const adminDown = down.filter((m) => {
    const f = s.interfaces[m.name]?.flags ?? [];
    return f.length > 0 && !f.includes("UP");
  });
  const bondDown = b.miiStatus !== undefined && b.miiStatus.trim().toLowerCase() !== "up";
  const effect = none
    ? `No member is up, so ${b.name} cannot pass any traffic.`
    : bondDown
      ? `${names(up)} ${up.length === 1 ? "is" : "are"} still up, yet ${b.name} itself is down (see bond-down): it passes no traffic until the reason is fixed.`
      : `Only ${names(up)} ${up.length === 1 ? "carries" : "carry"} the traffic: the bond still works, but one more failure${up.length === 1 ? ` (of ${names(up)}, its cable or its switch port)` : ""} takes it down, and failover has nowhere to go.`;
  return {
    rule: ID,
    members: down.map((m) => m.name),
    severity: none ? "critical" : "warning",
    subject: b.name,
    title: none
      ? `${b.name}: all members down (${names(down)})`
      : `${b.name}: ${names(down)} ${down.length === 1 ? "is" : "are"} down; ${up.length} of ${all.length} members up`,
    explanation:
      `${down.map((m) => linkFacts(s, m)).join(". ")}. ${effect} ` +
      "The bond reports a member's link as down when its carrier is gone: a pulled or broken cable, a dead transceiver, a switch port that is shut down or err-disabled, or a NIC or driver fault." +
      (transient.length > 0
        ? ` "going down"/"going back" means ${names(transient)} is inside downdelay/updelay: it changed state within the last delay period.`
        : ""),
    evidence: distinct(
      ...down.flatMap((m) => {
        const i = s.interfaces[m.name];
        return [m.source, m.ev.miiStatus, i?.ev.carrier, i?.ev.operstate];
      }),
    ),
    fix: [
      ...down.map(
        (m) =>
          `ethtool ${m.name} | grep -E 'Link detected|Speed'   # "Link detected: no" = cable, transceiver or switch port`,
      ),
      ...adminDown.map((m) => `ip link set dev ${m.name} up`),
      ...down.map((m) => `ip -s link show dev ${m.name}   # LOWER_UP present? errors?`),
      `journalctl -k | grep -E '${[b.name, ...down.map((m) => m.name)].join("|")}'   # when it went down, and what the driver said`,
      "# on the switch: show interfaces <port> status — notconnect, disabled or err-disabled?",
    ],
  };
}

export const rule: Rule = {
  id: ID,
  title: "A bond member's link is down",
  severity: "critical",
  doc: {
    what: "Finds bond members whose MII status is not `up` (`down`, `going down`, `going back`). Critical when no member of the bond is up, warning when some still are. Members whose status is unknown are not judged.",
    why: "A bond exists to survive one failure. With a member down it already has: the remaining members carry everything and the next failure takes the bond down. The bond itself still says `MII Status: up`, so this goes unnoticed until the second failure. With every member down the bond passes no traffic at all.",
    evidence:
      "The member's `Slave Interface:` and `MII Status: down` lines from /proc/net/bonding (or bonding_slave/mii_status in sysfs, `mii_status DOWN` in `ip -d link`), with the interface's carrier and operstate where collected.",
    fix: "Find out why the link is down: `ethtool eth3` (Link detected), `ip -s link show dev eth3`, the kernel log, and the switch port's status (notconnect, err-disabled); replace the cable or transceiver, or bring the port up (`ip link set dev eth3 up`).",
    references: [
      "kernel Documentation/networking/bonding.rst: 'MII Monitor Operation', 'High Availability', downdelay/updelay",
      "drivers/net/bonding/bond_procfs.c (MII Status: up, down, going down, going back)",
    ],
  },
  check(s) {
    const out: Finding[] = [];
    for (const b of s.bonds) {
      const all = members(b);
      const down = all.filter(miiNotUp);
      if (down.length > 0) out.push(finding(s, b, down, all));
    }
    return out;
  },
};
