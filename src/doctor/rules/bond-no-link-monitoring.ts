// A bond with neither MII nor ARP monitoring never notices that a member died.
import type { Bond } from "../../host/model.js";
import type { Finding, Rule } from "../types.js";
import { distinct, persistLines, sysfsSet } from "./lacp-helpers.js";

const ID = "bond-no-link-monitoring";
/** Modes the kernel refuses ARP monitoring for (bond_options.c). */
const MII_ONLY = ["802.3ad", "balance-tlb", "balance-alb"];

/**
 * ARP interval, where 0 is known: /proc/net/bonding prints "ARP Polling Interval" only when
 * it is above 0 (bond_procfs.c), so its absence there means 0; elsewhere absence is unknown.
 */
function arpInterval(b: Bond): number | undefined {
  if (b.arpInterval !== undefined) return b.arpInterval;
  return b.source.file.startsWith("proc/net/bonding") ? 0 : undefined;
}

/** Probe targets of the ARP/NS monitor: IPv4 arp_ip_target and IPv6 ns_ip6_target (kernel >= 5.19). */
const targets = (b: Bond): string[] => [...(b.arpIpTargets ?? []), ...(b.nsIp6Targets ?? [])];

/**
 * arp_interval > 0 with no target at all probes nothing. Known only where the source prints
 * the (possibly empty) target list: /proc always prints "ARP IP target/s" with arp_interval.
 */
const probesNothing = (b: Bond): boolean =>
  (b.arpInterval ?? 0) > 0 && b.arpIpTargets !== undefined && targets(b).length === 0;

function finding(s: Parameters<Rule["check"]>[0], b: Bond): Finding {
  const ab = b.mode === "active-backup";
  const consequence = ab
    ? "If the active member's cable, transceiver or switch port dies, the bond keeps sending on it and never fails over to the backup: all traffic stops although a healthy member is there."
    : b.mode === "802.3ad"
      ? `A dead member keeps its share of the flows until LACP times out (${b.ad?.lacpRate?.startsWith("fast") ? "3 s with lacp_rate fast" : "90 s with lacp_rate slow"}), and the bond cannot read the members' speed and duplex that 802.3ad needs.`
      : "A dead member keeps its share of the traffic: every flow hashed or sprayed onto it is lost until someone notices.";
  return {
    rule: ID,
    severity: b.slaves.length === 0 ? "info" : ab ? "critical" : "warning",
    subject: b.name,
    title: `${b.name}: no link monitoring (miimon 0, ${probesNothing(b) ? `arp_interval ${b.arpInterval} without arp_ip_target or ns_ip6_target` : "arp_interval 0"})${b.mode === "unknown" ? "" : ` on ${/^[a8]/.test(b.mode) ? "an" : "a"} ${b.mode} bond`}`,
    explanation:
      `${b.name} has MII polling interval 0 and ${probesNothing(b) ? "an ARP monitor with no target to probe (neither arp_ip_target nor ns_ip6_target)" : "no ARP monitoring"}, so the bonding driver never checks its members' links. ${b.slaves.length === 0 ? "It has no members yet, so nothing is at risk now; but once members are added: " : ""}${consequence} ` +
      "The kernel documentation is blunt about it: either miimon or arp_interval with arp_ip_target must be set, otherwise serious network degradation will occur during link failures.",
    evidence: distinct(
      b.ev.mode,
      b.ev.miimon,
      b.ev.arpInterval,
      b.ev.arpIpTargets,
      b.ev.nsIp6Targets,
    ),
    fix: [
      `${sysfsSet(b, "miimon", 100)}   # now; MII (carrier) check every 100 ms`,
      ...persistLines(s, b, { miimon: "100" }),
      ...(MII_ONLY.includes(b.mode)
        ? []
        : [
            "# or ARP monitoring instead (catches a dead path beyond the switch): arp_interval=1000 arp_ip_target=<gateway> arp_validate=all",
          ]),
    ],
  };
}

export const rule: Rule = {
  id: ID,
  title: "A bond has no link monitoring (miimon and arp_interval are both 0)",
  severity: "critical",
  doc: {
    what: "Finds bonds whose MII polling interval (miimon) is 0 and whose ARP interval is 0, or whose ARP monitor has nothing to probe (an empty `ARP IP target/s` line and no `NS IPv6 target/s`: IPv6 neighbour-solicitation targets, ns_ip6_target, count as monitoring). Critical for active-backup, warning for the other modes. A bond without members gets an info finding: nothing is at risk until members are added, and they will not be monitored. Only known values count: /proc/net/bonding omits the ARP line when arp_interval is 0, so there a missing line means 0; in other sources a missing value is unknown and the rule stays silent.",
    why: "Without monitoring the driver never learns that a member's link died: active-backup never fails over, balance and broadcast modes keep sending on the dead member, and 802.3ad waits for LACP to time out and cannot read speed and duplex. Failover is the reason for the bond, and this turns it off. The bonding module's own default is miimon=0, so a bond created without options gets exactly this.",
    evidence:
      "The `MII Polling Interval (ms): 0` line (and `Bonding Mode:`) from /proc/net/bonding, or bonding/miimon and bonding/arp_interval from sysfs, or the `bond ... miimon 0 ... arp_interval 0` line of `ip -d link`.",
    fix: 'Set miimon=100 now (`echo 100 > /sys/class/net/bond0/bonding/miimon`) and in the configuration (`BONDING_OPTS="mode=802.3ad miimon=100"`, `nmcli connection modify bond0 bond.options "mode=active-backup,miimon=100"`, netplan `mii-monitor-interval: 100`, networkd `MIIMonitorSec=100ms`). In active-backup, balance-rr, balance-xor and broadcast, ARP monitoring (arp_interval with arp_ip_target and arp_validate) is the alternative.',
    references: [
      "kernel Documentation/networking/bonding.rst: 'Bonding Driver Options' (miimon, arp_interval), 'Link Monitoring', 'MII Monitor Operation'",
      "drivers/net/bonding/bond_main.c: bond_check_params (default miimon 0; forced to 100 only for 802.3ad/tlb/alb module parameters)",
      "Red Hat: 'Bonding Module Directives' (RHEL Networking Guide)",
    ],
  },
  check(s) {
    return s.bonds
      .filter((b) => b.miimon === 0 && (arpInterval(b) === 0 || probesNothing(b)))
      .sort((x, y) => (x.name < y.name ? -1 : 1))
      .map((b) => finding(s, b));
  },
};
