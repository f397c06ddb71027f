// An 802.3ad member whose switch port says, in its LLDP link aggregation TLV, that it is not
// part of an aggregation: the switch side was never put in a port-channel.
import type { Bond, BondSlave } from "../../host/model.js";
import type { LinkNeighbour } from "../../host/neighbour.js";
import { bondsInMode } from "../rule-helpers.js";
import type { Finding, Rule } from "../types.js";
import { distinct, members } from "./lacp-helpers.js";
import {
  arrow,
  neighbourEvidence,
  neighbourOf,
  switchName,
  switchText,
} from "./neighbour-helpers.js";

const ID = "switch-port-not-aggregated";

function finding(b: Bond, slave: BondSlave, n: LinkNeighbour): Finding {
  const port = n.portId ?? "<port>";
  const can = n.aggregation?.supported === false ? "cannot aggregate and is not" : "is not";
  return {
    rule: ID,
    severity: "warning",
    subject: b.name,
    title: `${b.name}: ${arrow(slave.name, n)} ${can} in a link aggregation, while ${b.name} runs 802.3ad`,
    explanation:
      `${slave.name} is cabled to ${switchText(n)} port ${port}, whose LLDP link aggregation TLV says the port ${can} aggregated. ` +
      `${b.name} runs 802.3ad (LACP), which needs the switch port in an LACP port-channel with the bond's other ports: a standalone port never answers LACPDUs, so ${slave.name} stays out of the aggregator (or, with a static channel, frames are sent down a port the switch does not treat as part of the bond).`,
    evidence: distinct(slave.source, ...neighbourEvidence(n), n.ev.aggregation),
    fix: [
      `on ${switchName(n)}: show lacp neighbor interface ${port}`,
      `on ${switchName(n)}: interface ${port} → channel-group <n> mode active   # the port-channel of ${b.name}'s other ports`,
      `grep -A12 'Slave Interface: ${slave.name}' /proc/net/bonding/${b.name}   # afterwards: a partner MAC and the bond's aggregator id`,
    ],
  };
}

export const rule: Rule = {
  id: ID,
  title: "A switch port facing an 802.3ad bond is not in a link aggregation",
  severity: "warning",
  doc: {
    what: "For each member of an 802.3ad bond, reads the LLDP link aggregation TLV its switch port sends (IEEE 802.1 subtype 7, or the older 802.3 one). Fires when the switch says the port is not aggregated.",
    why: "The bond speaks LACP on every member; a switch port that is not in an LACP port-channel ignores it, so the member never joins the bond's aggregator, or traffic goes down a port the switch handles as a separate link (MAC flapping, loops with a static channel). The switch's own statement about its port points at the cause without logging in to it.",
    evidence:
      "The member's `Slave Interface:` line and the neighbour's link aggregation status: from the watcher's neighbour table (run/linkguard/neighbours.jsonl) or a capture given with `doctor --pcap`. lldpd's output (sosreports) shows only aggregated ports, so it never fires from there alone.",
    fix: "Put the switch port into the LACP port-channel of the bond's other ports (`channel-group <n> mode active` on Cisco/Arista, `lacp` on the LAG elsewhere) and check with `show lacp neighbor interface <port>`.",
    references: [
      "IEEE 802.1Q-2018 Annex D.2.7 (Link Aggregation TLV: aggregation capability and status)",
      "IEEE 802.3-2018 79.3.3 (the older 802.3 Link Aggregation TLV)",
      "kernel Documentation/networking/bonding.rst: 802.3ad prerequisites (the switch must support and be configured for 802.3ad)",
    ],
  },
  check(s) {
    const out: Finding[] = [];
    for (const b of bondsInMode(s, "802.3ad"))
      for (const slave of members(b)) {
        const n = neighbourOf(s, slave.name);
        if (n?.aggregation?.enabled === false) out.push(finding(b, slave, n));
      }
    return out;
  },
};
