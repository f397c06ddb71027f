// ARP monitoring configured on a bond mode the kernel refuses it for (802.3ad, tlb, alb).
import type { ConfiguredBond } from "../../host/model.js";
import { present } from "../rule-helpers.js";
import type { Finding, Rule } from "../types.js";

const ID = "bond-arp-with-8023ad";
/** A snapshot path as it is on the host: etc/x -> /etc/x. */
const onHost = (f: string) => (f.startsWith("/") ? f : `/${f}`);
/** drivers/net/bonding/bond_options.c: arp_interval's unsupported modes. */
const NO_ARP_MODES = ["802.3ad", "balance-tlb", "balance-alb"];

/** The config lines that replace ARP monitoring with MII monitoring, per format. */
const MII_LINE: Record<ConfiguredBond["format"], string> = {
  ifcfg: "BONDING_OPTS: miimon=100, and delete arp_interval= and arp_ip_target=",
  nmconnection: "[bond] miimon=100   # and delete arp_interval= and arp_ip_target=",
  netplan: "mii-monitor-interval: 100   # and delete arp-interval and arp-ip-targets",
  networkd: "MIIMonitorSec=100ms   # and delete ARPIntervalSec= and ARPIPTargets=",
  ifupdown: "bond-miimon 100   # and delete bond-arp-interval and bond-arp-ip-target",
  "solaris-hostname": "miimon=100",
};

function finding(c: ConfiguredBond, arp: string): Finding {
  const miimon = Number(c.options.miimon ?? "0");
  const monitoring =
    miimon > 0
      ? `The bond will run with MII monitoring every ${miimon} ms only; the ARP targets are never probed.`
      : "No miimon is configured either, so the bond ends up with no link monitoring: a member whose link dies keeps its share of the traffic until LACP times out, if it does at all.";
  return {
    rule: ID,
    severity: "warning",
    subject: c.name,
    title: `${c.name}: ${onHost(c.file)} sets ARP monitoring (arp_interval ${arp}) on a ${c.mode} bond, which the kernel does not support`,
    explanation:
      `The bonding driver refuses arp_interval in 802.3ad, balance-tlb and balance-alb modes ("option arp_interval: mode dependency failed"), and NetworkManager rejects such a profile. Depending on the tool the option is dropped with a log line, or the bond is not created at all. ${monitoring} ` +
      "Link aggregation learns member failures from MII (carrier) monitoring and from LACP itself; ARP monitoring belongs to active-backup and the other modes.",
    evidence: present(c.ev.arp_interval, c.ev.arp_ip_target, c.ev.mode, c.ev.miimon),
    fix: [`# ${onHost(c.file)}`, MII_LINE[c.format]],
  };
}

export const rule: Rule = {
  id: ID,
  title: "ARP monitoring is configured on an 802.3ad, balance-tlb or balance-alb bond",
  severity: "warning",
  doc: {
    what: "Finds bonds whose configuration (ifcfg, NetworkManager, netplan, systemd-networkd, ifupdown) sets arp_interval above 0 together with mode 802.3ad, balance-tlb or balance-alb.",
    why: "The kernel does not support the ARP monitor in these modes and refuses the option, so the bond silently runs with only MII monitoring, or with none when miimon is not set — far less protection than the file suggests. netplan's own test suite carries such a file (every parameter set on an 802.3ad bond).",
    evidence: "The arp_interval, arp_ip_target and mode lines of the configuration file.",
    fix: "Delete arp_interval / arp_ip_target from the file and set miimon=100 (MIIMonitorSec=100ms, mii-monitor-interval: 100).",
    references: [
      "kernel Documentation/networking/bonding.rst: arp_interval, miimon, 'ARP Monitor Operation'",
      "drivers/net/bonding/bond_options.c (arp_interval: unsupported in 802.3ad, tlb, alb)",
      "netplan(5): bonds, parameters",
    ],
  },
  check(s) {
    const out: Finding[] = [];
    for (const c of s.configuredBonds) {
      const arp = c.options.arp_interval?.trim();
      if (c.kind !== "bond" || !c.mode || !NO_ARP_MODES.includes(c.mode)) continue;
      if (arp === undefined || !/^\d+$/.test(arp) || Number(arp) === 0) continue;
      out.push(finding(c, arp));
    }
    return out;
  },
};
