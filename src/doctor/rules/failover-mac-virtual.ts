// Active-backup in a VM that moves one MAC between virtual NICs: failover "works", traffic stops.
import type { Bond, HostSnapshot } from "../../host/model.js";
import type { Evidence } from "../../lib/evidence.js";
import type { Finding, Rule } from "../types.js";
import { distinct, members, names, persistLines, sysfsSet } from "./lacp-helpers.js";

const ID = "failover-mac-virtual";

/** Drivers of paravirtual NICs and SR-IOV virtual functions (whose host filters source MACs). */
const VIRTUAL_DRIVERS = [
  "virtio_net",
  "vmxnet3",
  "hv_netvsc",
  "xen-netfront",
  "vif",
  "ena",
  "gve",
  "iavf",
  "i40evf",
  "ixgbevf",
];

/** The policy in force: /proc/net/bonding prints "(fail_over_mac X)" only when it is not none. */
function policy(b: Bond): string | undefined {
  const v = b.failOverMac?.trim().toLowerCase().split(/\s+/)[0];
  if (v !== undefined) return v === "0" ? "none" : v === "2" ? "follow" : v;
  return b.source.file.startsWith("proc/net/bonding") ? "none" : undefined;
}

function finding(s: HostSnapshot, b: Bond, fom: string, vnics: string[]): Finding {
  const v = s.virtualization;
  const vm = v.kind !== "none" && v.kind !== "unknown";
  const where = vm
    ? `a virtual machine (${v.product ?? v.kind})`
    : `virtual NICs (${vnics.join(", ")})`;
  const list = members(b);
  const slaves = names(list);
  const teardown = [
    `ip link set dev ${b.name} down`,
    ...list.map((m) => `echo -${m.name} > /sys/class/net/${b.name}/bonding/slaves`),
    sysfsSet(b, "fail_over_mac", "active"),
    ...list.map((m) => `echo +${m.name} > /sys/class/net/${b.name}/bonding/slaves`),
    `ip link set dev ${b.name} up`,
  ].join(" && ");
  const ev: Array<Evidence | undefined> = [b.ev.mode, b.ev.failOverMac];
  return {
    rule: ID,
    severity: v.kind === "virtualbox" ? "critical" : "warning",
    subject: b.name,
    title: `${b.name}: active-backup on ${where} with fail_over_mac ${fom}: traffic stops after a failover`,
    explanation:
      `${b.name} (${slaves}) runs active-backup with fail_over_mac=${fom}${b.failOverMac === undefined ? " (/proc/net/bonding prints fail_over_mac only when it is not none)" : ""}, on ${where}. ` +
      `With ${fom === "follow" ? "follow the newly active member is given the bond's MAC at failover" : "none every member carries the bond's one MAC, and at failover that MAC simply starts to appear on another port"}. ` +
      "A physical switch relearns it; a hypervisor's virtual switch does not: it knows each virtual NIC by the MAC it assigned and drops frames from or to any other MAC (VirtualBox adapters, VMware port groups with MAC address changes or forged transmits rejected, cloud anti-spoofing, SR-IOV spoof checking). " +
      "So /proc/net/bonding shows a clean failover to the backup and yet nothing gets through — incident 003. With fail_over_mac=active the bond takes the MAC of whichever member is active and announces it with gratuitous ARP; peers must hear that announcement (it can be lost, so raise num_grat_arp, and updelay may be needed).",
    evidence: distinct(
      ...ev,
      ...v.evidence,
      ...list.map((m) => s.interfaces[m.name]?.driver?.source),
    ),
    fix: [
      ...persistLines(s, b, { fail_over_mac: "active" }),
      `# fail_over_mac can only change while ${b.name} has no members; from a console (the bond is down meanwhile):`,
      teardown,
      `${sysfsSet(b, "num_grat_arp", 3)}   # announce the new MAC more than once`,
      `cat /proc/net/bonding/${b.name}   # "Bonding Mode: fault-tolerance (active-backup) (fail_over_mac active)"`,
    ],
  };
}

export const rule: Rule = {
  id: ID,
  title: "Active-backup bond in a VM moves one MAC between virtual NICs (fail_over_mac none)",
  severity: "critical",
  doc: {
    what: `Finds active-backup bonds with fail_over_mac none (or follow) on a virtual machine (from DMI) or over virtual NICs (drivers ${VIRTUAL_DRIVERS.join(", ")}). An active-backup bond read from /proc/net/bonding without "(fail_over_mac ...)" in its mode line has fail_over_mac none. Critical on VirtualBox (incident 003), warning elsewhere.`,
    why: "With fail_over_mac none all members share the bond's MAC and a failover just moves it to another port. Virtual switches tie each virtual NIC to the MAC they assigned and drop frames with any other, so after a failover the bond looks healthy (the backup is active) while no traffic passes — incident 003 on VirtualBox; the same holds for VMware port groups that reject MAC changes or forged transmits, cloud anti-spoofing and SR-IOV VFs with spoof checking.",
    evidence:
      "The `Bonding Mode:` line (no `(fail_over_mac ...)`) from /proc/net/bonding, or bonding/fail_over_mac from sysfs; the DMI vendor/product lines; the members' NIC driver from `ethtool -i`.",
    fix: 'Set fail_over_mac=active (1): ifcfg `BONDING_OPTS="mode=active-backup miimon=100 fail_over_mac=active"`, nmcli `nmcli connection modify bond0 bond.options "mode=active-backup,miimon=100,fail_over_mac=active"`, netplan `fail-over-mac-policy: active`. The option can change only while the bond has no members, so re-create the bond (`nmcli connection down bond0 && nmcli connection up bond0`, `ifdown bond0 && ifup bond0`). Consider num_grat_arp=3 so peers learn the new MAC.',
    references: [
      "kernel Documentation/networking/bonding.rst: 'fail_over_mac' (none, active, follow), 'num_grat_arp'",
      "Red Hat: 'Bonding Module Directives' — fail_over_mac=1 (active) for active-backup",
      "VirtualBox manual: Virtual Networking (adapters filter frames by MAC; promiscuous mode policy)",
      "VMware vSphere: standard switch security policy (MAC address changes, forged transmits)",
    ],
  },
  check(s) {
    const out: Finding[] = [];
    const v = s.virtualization.kind;
    const vm = v !== "none" && v !== "unknown";
    for (const b of s.bonds) {
      if (b.mode !== "active-backup") continue;
      const fom = policy(b);
      if (fom !== "none" && fom !== "follow") continue;
      const vnics = members(b).filter((m) =>
        VIRTUAL_DRIVERS.includes(s.interfaces[m.name]?.driver?.driver ?? ""),
      );
      if (!vm && vnics.length === 0) continue;
      out.push(
        finding(
          s,
          b,
          fom,
          vnics.map((m) => `${m.name}: ${s.interfaces[m.name]?.driver?.driver}`),
        ),
      );
    }
    return out;
  },
};
