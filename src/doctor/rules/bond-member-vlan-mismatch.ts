// The switch ports behind one bond or team disagree on the port VLAN: after a failover the
// host lands in another VLAN.
import type { HostSnapshot } from "../../host/model.js";
import type { LinkNeighbour } from "../../host/neighbour.js";
import type { Finding, Rule } from "../types.js";
import { distinct } from "./lacp-helpers.js";
import { arrow, neighbourEvidence, neighbourOf, switchName } from "./neighbour-helpers.js";

const ID = "bond-member-vlan-mismatch";

interface Member {
  name: string;
  n: LinkNeighbour;
  vlan: number;
}

function groups(s: HostSnapshot): Array<{ name: string; kind: string; members: string[] }> {
  return [
    ...s.bonds.map((b) => ({ name: b.name, kind: "bond", members: b.slaves.map((x) => x.name) })),
    ...s.teams.map((t) => ({ name: t.name, kind: "team", members: t.ports.map((p) => p.name) })),
  ];
}

function finding(group: { name: string; kind: string }, list: Member[]): Finding | undefined {
  const vlans = [...new Set(list.map((m) => m.vlan))].sort((a, b) => a - b);
  if (vlans.length < 2) return undefined;
  const path = list.map((m) => `${arrow(m.name, m.n)} VLAN ${m.vlan}`).join(", ");
  return {
    rule: ID,
    severity: "warning",
    subject: group.name,
    title: `${group.name}: the switch ports of its members are in different port VLANs (${path})`,
    explanation: `The members of ${kindText(group.kind)} ${group.name} must reach the same network whichever carries the traffic. Their switch ports announce different port VLANs (${vlans.join(" and ")}), so untagged traffic lands in a different VLAN depending on the member in use: a failover, or a hash that moves a flow, leaves the host unreachable for part of the network.`,
    evidence: distinct(...list.flatMap((m) => [...neighbourEvidence(m.n), m.n.ev.vlan])),
    fix: [
      ...list.map(
        (m) =>
          `on ${switchName(m.n)}: show interfaces ${m.n.portId ?? "<port>"} switchport   # port VLAN ${m.vlan}`,
      ),
      `# give every port facing ${group.name} the same access/native VLAN and the same allowed VLANs`,
    ],
  };
}

const kindText = (kind: string) => (kind === "bond" ? "bond" : "team");

export const rule: Rule = {
  id: ID,
  title: "The switch ports behind one bond or team are in different VLANs",
  severity: "warning",
  doc: {
    what: "Compares the port VLAN id (LLDP 802.1 Port VLAN ID TLV, or CDP native VLAN) that the switch announces on each member of a bond or team. Fires when members disagree.",
    why: "A bond or team is one logical link: every member must lead to the same layer-2 network. When the switch ports differ in their access or native VLAN, the host works through one member and is cut off (or answers in the wrong subnet) through the other, which shows only when a failover or a hash change moves traffic, often in the middle of an incident.",
    evidence:
      "Each member's neighbour lines with the port VLAN: `VLAN: <id>, pvid: yes` in `lldpcli show neighbors details`, the watcher's neighbour table (run/linkguard/neighbours.jsonl), or the capture frame given with `doctor --pcap`.",
    fix: "Give every switch port facing the bond the same access/native VLAN and allowed VLAN list (on an MLAG/port-channel, configure the VLANs on the port-channel, not the member ports); check with `show interfaces <port> switchport`.",
    references: [
      "IEEE 802.1Q-2018 Annex D.2.1 (Port VLAN ID TLV)",
      "kernel Documentation/networking/bonding.rst: switch configuration",
    ],
  },
  check(s) {
    const out: Finding[] = [];
    for (const g of groups(s)) {
      const list = [...g.members].sort().flatMap((name) => {
        const n = neighbourOf(s, name);
        return n?.vlan === null || n === undefined ? [] : [{ name, n, vlan: n.vlan }];
      });
      const f = finding(g, list);
      if (f) out.push(f);
    }
    return out;
  },
};
