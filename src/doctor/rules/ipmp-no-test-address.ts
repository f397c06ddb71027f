// Solaris IPMP: without a test address in.mpathd cannot probe, only watch the link.
import type { HostSnapshot, IpmpInterface } from "../../host/model.js";
import type { Evidence } from "../../lib/evidence.js";
import { normalizeMac } from "../../lib/net.js";
import type { Rule } from "../types.js";

type IpmpAddress = IpmpInterface["addresses"][number];

/** One physical NIC as one source (ifconfig -a, or the hostname files) shows it. */
export interface IpmpPhysical {
  name: string;
  origin: IpmpInterface["origin"];
  group?: string;
  standby: boolean;
  hasTest: boolean;
  mac?: string;
  entries: IpmpInterface[];
  addresses: IpmpAddress[];
  /** The line that names the group (or the interface's first line). */
  groupEv: Evidence;
  macEv?: Evidence;
}

const isTestEntry = (i: IpmpInterface) =>
  i.noFailover || i.flags.some((f) => /^(-failover|nofailover)$/i.test(f));

/** Logical interfaces (ge0:1) folded into their physical NIC, per source. */
export function ipmpPhysicals(s: HostSnapshot): IpmpPhysical[] {
  const byKey = new Map<string, IpmpPhysical>();
  for (const i of s.ipmp) {
    const key = `${i.origin} ${i.physical}`;
    let p = byKey.get(key);
    if (!p) {
      const [name, origin, groupEv] = [i.physical, i.origin, i.ev.group ?? i.source];
      p = { name, origin, standby: false, hasTest: false, entries: [], addresses: [], groupEv };
      byKey.set(key, p);
    }
    p.entries.push(i);
    p.addresses.push(...i.addresses);
    p.standby ||= i.standby;
    p.hasTest ||= isTestEntry(i) || i.addresses.some((a) => a.test);
    if (i.group !== undefined && p.group === undefined) {
      p.group = i.group;
      p.groupEv = i.ev.group ?? i.source;
    }
    const mac = normalizeMac(i.mac);
    if (mac !== undefined && p.mac === undefined) {
      p.mac = mac;
      p.macEv = i.ev.mac ?? i.source;
    }
  }
  return [...byKey.values()];
}

const ID = "ipmp-no-test-address";

export const rule: Rule = {
  id: ID,
  title: "An IPMP group member has no test address (no probe-based failure detection)",
  severity: "warning",
  doc: {
    what: "Solaris IPMP (from `ifconfig -a` and /etc/hostname.<if>): finds group members with no test address — no logical interface or address marked `-failover` (NOFAILOVER), usually with `deprecated`.",
    why: "in.mpathd detects failures two ways: link state, and ICMP probes sent from each member's test address to targets on the subnet. Without a test address only link-based detection works, so a NIC whose link stays up while traffic dies (a dead switch port, a broken upstream, a wrong VLAN) is never failed over — the failure mode incident 004 shows on Linux.",
    evidence:
      "The member's interface line and its `groupname` (ifconfig -a) or `group` word (/etc/hostname.<if>); the absence of any NOFAILOVER / -failover address.",
    fix: "Add a test address on the same subnet: `ifconfig <if> addif <test-ip> deprecated -failover netmask + broadcast + up`, and the same `addif ...` in /etc/hostname.<if>.",
    references: [
      "in.mpathd(1M): probe-based and link-based failure detection",
      "Oracle Solaris 10 System Administration Guide: IP Services, 'Test Addresses' and 'Types of Failure Detection in IPMP'",
    ],
  },
  check(s) {
    return ipmpPhysicals(s)
      .filter((p) => p.group !== undefined && !p.hasTest)
      .map((p) => ({
        rule: ID,
        severity: "warning" as const,
        subject: p.name,
        title: `${p.name} in IPMP group ${p.group} has no test address: only link failures are detected`,
        explanation:
          `in.mpathd probes the network from each member's test address (a -failover, usually deprecated, address that never moves). ${p.name} has none, so in.mpathd can only see its link go down. ` +
          "If the link stays up while traffic stops (switch port, upstream or VLAN failure), the data addresses stay on the broken NIC. Incident 001 gives every NIC a test address ('deprecated -failover') for this reason.",
        evidence: [...new Set([p.entries[0]?.source ?? p.groupEv, p.groupEv])],
        fix: [
          `ifconfig ${p.name} addif <test-ip-on-the-same-subnet> deprecated -failover netmask + broadcast + up`,
          `# and add to /etc/hostname.${p.name}:`,
          "addif <test-ip-on-the-same-subnet> deprecated -failover netmask + broadcast + up",
        ],
      }));
  },
};
