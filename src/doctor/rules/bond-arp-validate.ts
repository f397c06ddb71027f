// ARP monitoring without validation: any traffic, even other hosts' ARP, keeps a member "up".
import type { Bond } from "../../host/model.js";
import type { Finding, Rule, Severity } from "../types.js";
import { distinct, persistLines, sysfsSet } from "./lacp-helpers.js";

const ID = "bond-arp-validate";
/** bonding.rst arp_validate: the number each value may be given as. */
const BY_NUMBER = ["none", "active", "backup", "all", "filter", "filter_active", "filter_backup"];
/** Modes the kernel refuses ARP monitoring for (bond-arp-with-8023ad covers their configs). */
const NO_ARP = ["802.3ad", "balance-tlb", "balance-alb"];

/** "none 0" (sysfs), "3", "filter" -> the kernel's name. */
function normalize(v: string | undefined): string | undefined {
  const t = v?.trim().toLowerCase().split(/\s+/)[0];
  if (t === undefined || t === "") return undefined;
  return /^\d$/.test(t) ? (BY_NUMBER[Number(t)] ?? t) : t.replace(/-/g, "_");
}

function assess(v: string | undefined): { severity: Severity; gap: string } | undefined {
  if (v === undefined || v === "none")
    return {
      severity: "warning",
      gap: "no member is validated: any frame a member receives — a neighbour's ARP broadcast, flooded unicast — counts as proof that its path works",
    };
  if (v === "filter")
    return {
      severity: "info",
      gap: "only ARP frames count, but from anyone: on a shared L2 segment other hosts' ARP traffic keeps a member whose path to the targets is dead looking alive",
    };
  if (v === "backup" || v === "filter_backup")
    return {
      severity: "info",
      gap: "only the backup members are validated: the active member counts any received traffic, so it stays active after its path to the targets broke",
    };
  return undefined;
}

function finding(
  s: Parameters<Rule["check"]>[0],
  b: Bond,
  v: string | undefined,
): Finding | undefined {
  const a = assess(v);
  if (!a) return undefined;
  const targets = [...(b.arpIpTargets ?? []), ...(b.nsIp6Targets ?? [])];
  const shown =
    v ??
    "none (not shown: /proc/net/bonding does not print arp_validate; the kernel default is none)";
  const set: Record<string, string> = { arp_validate: "all" };
  if (targets.length > 1) set.arp_all_targets = "all";
  return {
    rule: ID,
    severity: a.severity,
    subject: b.name,
    title: `${b.name}: ARP monitor (every ${b.arpInterval} ms to ${targets.join(", ") || "its targets"}) runs with arp_validate ${v ?? "unset (default none)"}`,
    explanation:
      `${b.name} checks its members with ARP probes, and arp_validate is ${shown}: ${a.gap}. ` +
      "The ARP monitor's point is to notice a path that is dead beyond the switch (an uplink, the gateway); without validation the probes and broadcasts of neighbours — other bonded hosts probing the same gateway, in particular — keep a dead member up, so the bond fails over late or never. " +
      "arp_validate=all checks that replies come from the arp_ip_target addresses (active member) and that backups see the active member's own probe requests; with several targets, arp_all_targets=all requires every target to answer.",
    evidence: distinct(
      b.ev.arpInterval,
      b.ev.arpIpTargets,
      b.ev.nsIp6Targets,
      b.ev.arpValidate,
      b.ev.arpAllTargets,
    ),
    fix: [
      ...(v === undefined
        ? [`cat /sys/class/net/${b.name}/bonding/arp_validate   # confirm (default: none 0)`]
        : []),
      `${sysfsSet(b, "arp_validate", "all")}   # or active, if the switch keeps the active member's ARP requests from the backups`,
      ...(targets.length > 1 ? [sysfsSet(b, "arp_all_targets", "all")] : []),
      ...persistLines(s, b, set),
    ],
  };
}

export const rule: Rule = {
  id: ID,
  title: "ARP monitoring runs without arp_validate",
  severity: "warning",
  doc: {
    what: "Finds bonds that use the ARP monitor (arp_interval above 0) with arp_validate none or unset (warning: /proc/net/bonding does not print arp_validate, and the kernel default is none), or with `filter`, `backup` or `filter_backup`, which leave some members or some senders unvalidated (info).",
    why: "Without validation the ARP monitor counts any received traffic as a sign of life. On a segment shared with other hosts — especially several bonded hosts probing the same gateway — their ARP requests and broadcasts keep a member up whose path to the targets is dead, and the bond does not fail over: the very failure ARP monitoring is meant to catch goes unnoticed. `filter` counts any host's ARP; `backup`/`filter_backup` leave the active member unvalidated.",
    evidence:
      "The `ARP Polling Interval (ms)` and `ARP IP target/s` lines from /proc/net/bonding, bonding/arp_validate and bonding/arp_all_targets from sysfs, or `arp_validate none` in `ip -d link`.",
    fix: '`echo all > /sys/class/net/bond0/bonding/arp_validate` (or `active` when the switch keeps the active member\'s ARP requests from reaching the backups) and, with several targets, `echo all > /sys/class/net/bond0/bonding/arp_all_targets`; persist it (`BONDING_OPTS="mode=active-backup arp_interval=1000 arp_ip_target=10.0.0.1 arp_validate=all"`, nmcli `bond.options`, netplan `arp-validate: all`, networkd `ARPValidate=all`).',
    references: [
      "kernel Documentation/networking/bonding.rst: 'arp_validate' (validation and filtering), 'arp_all_targets', 'ARP Monitor Operation'",
      "Red Hat: 'Bonding Module Directives', arp_validate (RHEL Networking Guide)",
    ],
  },
  check(s) {
    const out: Finding[] = [];
    for (const b of s.bonds) {
      if ((b.arpInterval ?? 0) <= 0 || NO_ARP.includes(b.mode)) continue;
      const f = finding(s, b, normalize(b.arpValidate));
      if (f) out.push(f);
    }
    return out;
  },
};
