// Solaris IPMP: every member needs its own MAC (local-mac-address?=true).
import type { Finding, Rule } from "../types.js";
import { type IpmpPhysical, ipmpPhysicals } from "./ipmp-no-test-address.js";

const ID = "ipmp-shared-mac";

export const rule: Rule = {
  id: ID,
  title: "IPMP group members share one MAC address (local-mac-address?=false)",
  severity: "critical",
  doc: {
    what: "Solaris IPMP (from `ifconfig -a`): finds two or more interfaces in IPMP groups (the same group or not) showing the same `ether` address.",
    why: "On SPARC with the OpenBoot variable local-mac-address?=false every NIC uses the system's MAC. In one group that makes the switch learn the MAC on one port, then the other: replies to in.mpathd's probes reach the wrong NIC, so healthy NICs are declared failed or failed ones healthy, and traffic for the data addresses follows whichever port the switch learnt last. IPMP requires a unique MAC per member.",
    evidence: "The `ether` line of each member in `ifconfig -a`.",
    fix: "`eeprom 'local-mac-address?=true'`, then reboot (the change takes effect only at boot).",
    references: [
      "Oracle Solaris 10 System Administration Guide: IP Services, 'Planning for IPMP' (unique MAC addresses)",
      "eeprom(1M): local-mac-address?",
      "in.mpathd(1M)",
    ],
  },
  check(s) {
    const byGroupMac = new Map<string, IpmpPhysical[]>();
    for (const p of ipmpPhysicals(s)) {
      if (p.group === undefined || p.mac === undefined) continue;
      // Any two IPMP NICs with one MAC: even in different groups (incident 001) they will
      // collide as soon as the groups are fixed, and the switch already sees the MAC flap.
      const key = `${p.origin} ${p.mac}`;
      byGroupMac.set(key, [...(byGroupMac.get(key) ?? []), p]);
    }
    const out: Finding[] = [];
    for (const members of byGroupMac.values()) {
      const [first] = members;
      if (members.length < 2 || !first) continue;
      const names = members.map((p) => p.name).join(" and ");
      const groups = [...new Set(members.map((p) => p.group))];
      const where =
        groups.length === 1 ? `IPMP group ${groups[0]}` : `IPMP groups ${groups.join(", ")}`;
      out.push({
        rule: ID,
        severity: "critical",
        subject: first.group ?? first.name,
        members: members.map((p) => p.name),
        title: `${names} in ${where} share MAC ${first.mac}`,
        explanation:
          `The switch sees ${first.mac} on ${members.length} ports and keeps moving it between them, so probe replies and data traffic reach whichever NIC it learnt last: in.mpathd misjudges which NIC works and failover cannot be trusted. ` +
          "On SPARC this is local-mac-address?=false. Incident 001 sets it to true, yet its ifconfig output still shows 8:0:20:c0:ff:ec on both ge0 and ge1 — the setting only takes effect after a reboot.",
        evidence: members.flatMap((p) => (p.macEv ? [p.macEv] : [])),
        fix: [
          "eeprom 'local-mac-address?=true'",
          "init 6   # the NICs get their own MACs only at boot",
        ],
      });
    }
    return out;
  },
};
