// The report's "who is on the other end": every LLDP/CDP neighbour the doctor knows, with the
// bond or team its interface belongs to, so "which switch port is eno2 on?" has an answer
// even when nothing is wrong. Pure.
import type { HostSnapshot } from "../host/model.js";
import type { Evidence } from "../lib/evidence.js";

export interface CabledInterface {
  interface: string;
  /** The bond or team the interface is a member of. */
  member_of?: string;
  protocol: "lldp" | "cdp";
  switch: string | null;
  chassis_id: string | null;
  port_id: string | null;
  port_description: string | null;
  vlan: number | null;
  management: string[];
  /** The switch port's link aggregation status; null when it did not say. */
  aggregated: boolean | null;
  evidence: Evidence;
}

export function cablingOf(s: HostSnapshot): CabledInterface[] {
  const groupOf = new Map<string, string>();
  for (const b of s.bonds) for (const m of b.slaves) groupOf.set(m.name, b.name);
  for (const t of s.teams) for (const p of t.ports) groupOf.set(p.name, t.name);
  return [...s.neighbours]
    .sort((a, b) => a.ifname.localeCompare(b.ifname) || a.protocol.localeCompare(b.protocol))
    .map((n) => {
      const group = groupOf.get(n.ifname);
      return {
        interface: n.ifname,
        ...(group === undefined ? {} : { member_of: group }),
        protocol: n.protocol,
        switch: n.systemName ?? n.chassisId,
        chassis_id: n.chassisId,
        port_id: n.portId,
        port_description: n.portDescription,
        vlan: n.vlan,
        management: n.managementAddresses,
        aggregated: n.aggregation?.enabled ?? null,
        evidence: n.source,
      };
    });
}

/** "eno1 (bond0) → sw-a Ethernet1/5, VLAN 10, management 192.0.2.11 [LLDP]". */
export function cablingLine(c: CabledInterface): string {
  const facts = [
    c.vlan === null ? undefined : `VLAN ${c.vlan}`,
    c.aggregated === null ? undefined : c.aggregated ? "aggregated" : "not aggregated",
    c.management.length > 0 ? `management ${c.management.join(", ")}` : undefined,
  ].filter((x) => x !== undefined);
  const who = [c.switch ?? "?", c.port_id ?? "?"].join(" ");
  const group = c.member_of === undefined ? "" : ` (${c.member_of})`;
  return `${c.interface}${group} → ${who}${facts.length > 0 ? `, ${facts.join(", ")}` : ""} [${c.protocol.toUpperCase()}]`;
}
