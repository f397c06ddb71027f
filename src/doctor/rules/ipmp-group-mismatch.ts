// Solaris IPMP: interfaces that back each other up must be in the same group.
import { intToIpv4, ipv4ToInt, prefixToMask } from "../../lib/net.js";
import type { Finding, Rule } from "../types.js";
import { type IpmpPhysical, ipmpPhysicals } from "./ipmp-no-test-address.js";

/** The IPv4 subnets (network/prefix) a NIC has addresses in; a missing prefix borrows `fallback`. */
function subnets(p: IpmpPhysical, fallback?: number): string[] {
  const out: string[] = [];
  for (const a of p.addresses) {
    const n = ipv4ToInt(a.address);
    const prefix = a.prefix ?? fallback;
    if (n === undefined || n === 0 || prefix === undefined || prefix === 0) continue;
    out.push(`${intToIpv4((n & prefixToMask(prefix)) >>> 0)}/${prefix}`);
  }
  return out;
}

const describe = (p: IpmpPhysical) =>
  `${p.name} (${p.standby ? "standby, " : ""}${p.group ? `group ${p.group}` : "no group"})`;

const ID = "ipmp-group-mismatch";

/** NICs on one subnet whose groups differ: one finding per subnet. */
function splitSubnets(phys: IpmpPhysical[], covered: Set<IpmpPhysical>): Finding[] {
  const fallback = phys.flatMap((p) => p.addresses).find((a) => a.prefix !== undefined)?.prefix;
  const bySubnet = new Map<string, IpmpPhysical[]>();
  for (const p of phys)
    for (const net of new Set(subnets(p, fallback)))
      bySubnet.set(net, [...(bySubnet.get(net) ?? []), p]);
  const out: Finding[] = [];
  for (const [net, members] of bySubnet) {
    const groups = new Set(members.map((p) => p.group));
    if (members.length < 2 || groups.size < 2 || members.some((p) => covered.has(p))) continue;
    const active = members.filter((p) => !p.standby && p.group !== undefined);
    const ranked = (active.length > 0 ? active : members).flatMap((p) => p.group ?? []);
    const votes = (g: string) => ranked.filter((x) => x === g).length;
    const main = [...ranked].sort((a, b) => votes(b) - votes(a))[0] ?? "<group>";
    const odd = members.filter((p) => p.group !== main);
    for (const p of members) covered.add(p);
    out.push({
      rule: ID,
      severity: "warning",
      subject: odd[0]?.name ?? net,
      members: members.map((p) => p.name),
      title: `${members.map(describe).join(" and ")} share ${net} but are not in one IPMP group`,
      explanation:
        "in.mpathd fails data addresses over only between members of the same IPMP group. NICs on the same subnet in different groups (or outside any group) cannot take over for each other, so the redundancy you cabled for does not exist. " +
        "This is the mistake in incident 001's standby example: ge1 was put in group testgrp1 while ge0 was in testgrp2, so the standby ge1 could never take over.",
      evidence: members.flatMap((p) => [p.groupEv, ...p.addresses.map((a) => a.source)]),
      fix: odd.flatMap((p) => [
        `ifconfig ${p.name} group ${main}`,
        `# and in /etc/hostname.${p.name}: group ${main}`,
      ]),
    });
  }
  return out;
}

function standbyProblems(phys: IpmpPhysical[], covered: Set<IpmpPhysical>): Finding[] {
  const out: Finding[] = [];
  for (const p of phys.filter((x) => x.standby && x.group === undefined && !covered.has(x))) {
    out.push({
      rule: ID,
      severity: "warning",
      subject: p.name,
      title: `standby interface ${p.name} is in no IPMP group`,
      explanation: `A standby NIC only carries traffic when in.mpathd fails a member of its group over to it. ${p.name} has no group, so it will never take over for anything.`,
      evidence: [p.groupEv],
      fix: [
        `ifconfig ${p.name} group <group-of-the-active-nic>`,
        `# and in /etc/hostname.${p.name}: group <group-of-the-active-nic>`,
      ],
    });
  }
  const groups = new Map<string, IpmpPhysical[]>();
  for (const p of phys) if (p.group) groups.set(p.group, [...(groups.get(p.group) ?? []), p]);
  for (const [group, members] of groups) {
    if (!members.every((p) => p.standby) || members.every((p) => covered.has(p))) continue;
    out.push({
      rule: ID,
      severity: "warning",
      subject: group,
      members: members.map((p) => p.name),
      title: `IPMP group ${group} has only standby members (${members.map((p) => p.name).join(", ")})`,
      explanation: `A standby NIC takes over for an active member of its group; group ${group} has no active member, so there is nothing to take over from and no data address for it to carry.`,
      evidence: members.map((p) => p.groupEv),
      fix: [
        `ifconfig ${members[0]?.name} -standby`,
        "# or move the standby NIC into the group of the active NIC it should back up",
      ],
    });
  }
  return out;
}

export const rule: Rule = {
  id: ID,
  title: "IPMP interfaces that belong together are in different groups",
  severity: "warning",
  doc: {
    what: "Solaris IPMP (from `ifconfig -a` and /etc/hostname.<if>): finds NICs on the same IPv4 subnet that are in different groups or in none, standby NICs in no group, and groups whose only members are standby.",
    why: "in.mpathd only fails over between members of one group. A standby in another group than its partner (incident 001's own example: ge1 in testgrp1, ge0 in testgrp2) never takes over, so the host looks redundant and is not.",
    evidence:
      "The `groupname` line of `ifconfig -a` or the `group` word of /etc/hostname.<if>, plus the address lines that put the NICs on one subnet.",
    fix: "`ifconfig <if> group <name>` now, and the same `group <name>` in /etc/hostname.<if> for the next boot.",
    references: [
      "Oracle Solaris 10 System Administration Guide: IP Services, 'Introducing IPMP' and 'Administering IPMP'",
      "in.mpathd(1M)",
      "ifconfig(1M): group, standby, -failover",
    ],
  },
  check(s) {
    const out: Finding[] = [];
    for (const origin of ["ifconfig", "hostname-file"] as const) {
      const phys = ipmpPhysicals(s).filter((p) => p.origin === origin);
      const covered = new Set<IpmpPhysical>();
      out.push(...splitSubnets(phys, covered), ...standbyProblems(phys, covered));
    }
    return out;
  },
};
