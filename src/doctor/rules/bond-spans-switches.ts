// An 802.3ad bond cabled to two switches that answer LACP as two systems: LLDP/CDP name the
// switches, the bonding driver's partner MACs show they are not one MLAG/vPC pair.
import type { Bond, BondSlave } from "../../host/model.js";
import { type LinkNeighbour, switchKey } from "../../host/neighbour.js";
import { isZeroMac } from "../../lib/net.js";
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

const ID = "bond-spans-switches";

interface Cabled {
  slave: BondSlave;
  n: LinkNeighbour;
  partner: string | undefined;
}

function partnerMac(s: BondSlave): string | undefined {
  const mac = s.partner?.systemMac?.toLowerCase();
  return mac === undefined || isZeroMac(mac) ? undefined : mac;
}

function finding(b: Bond, cabled: Cabled[]): Finding | undefined {
  const switches = new Set(cabled.map((c) => switchKey(c.n)));
  const partners = new Set(cabled.flatMap((c) => (c.partner === undefined ? [] : [c.partner])));
  if (switches.size < 2 || partners.size < 2) return undefined;
  const path = cabled.map((c) => arrow(c.slave.name, c.n)).join(", ");
  const own = (c: Cabled) =>
    c.partner !== undefined && c.partner === c.n.chassisId?.toLowerCase()
      ? " (the switch's own chassis MAC, not a shared MLAG/vPC system id)"
      : "";
  const who = cabled
    .map(
      (c) =>
        `${c.slave.name} is cabled to ${switchText(c.n)} port ${c.n.portId ?? "?"} and sees LACP partner ${c.partner ?? "none"}${own(c)}`,
    )
    .join("; ");
  return {
    rule: ID,
    severity: "warning",
    subject: b.name,
    title: `${b.name}: ${path}, LACP partners differ: the ${switches.size === 2 ? "two" : switches.size} switches do not act as one LACP system (no MLAG/vPC)`,
    explanation:
      `${who}. An 802.3ad bond aggregates only ports whose partner has one system id, so the members facing each switch form their own aggregator and the bond uses one of them: the ports on the other switch are up and idle, and a failure of the active switch costs a re-selection. ` +
      "Two switches can terminate one LACP bond only as a stack or an MLAG/vPC pair, which answers with one shared system MAC; these answer with their own.",
    evidence: distinct(
      ...cabled.flatMap((c) => [
        c.slave.source,
        c.slave.ev.partnerSystemMacAddress,
        ...neighbourEvidence(c.n),
      ]),
    ),
    fix: [
      ...cabled.map(
        (c) => `on ${switchName(c.n)}: show lacp neighbor interface ${c.n.portId ?? "<port>"}`,
      ),
      `# make ${[...new Set(cabled.map((c) => switchName(c.n)))].join(" and ")} one MLAG/vPC pair (one LACP system id), or cable every member to one switch, or run ${b.name} as active-backup across them`,
      `grep -E 'Slave Interface|system mac address' /proc/net/bonding/${b.name}   # afterwards: one partner MAC`,
    ],
  };
}

export const rule: Rule = {
  id: ID,
  title: "An 802.3ad bond spans two switches that are not one LACP system",
  severity: "warning",
  doc: {
    what: "Joins each 802.3ad member's LLDP/CDP neighbour (which switch, which port) with the LACP partner system MAC the bonding driver learned. Fires when the members are cabled to different switches and those switches answer LACP with different system MACs: 'eno1 → sw-a Ethernet1/5, eno2 → sw-b Ethernet1/5, LACP partners differ'.",
    why: "A bond across two switches works only when the switches act as one LACP system (a stack, MLAG or vPC pair sharing one system id). Otherwise each switch forms its own aggregator with the host, the bonding driver uses one, and the members on the other switch carry nothing; lacp-aggregator-split sees the symptom, this rule names the switches and ports so the network team can act.",
    evidence:
      "Each member's `Slave Interface:` and partner `system mac address:` lines from /proc/net/bonding, and the neighbour's lines from `lldpcli show neighbors details` (sos_commands/lldpd/), the watcher's neighbour table (run/linkguard/neighbours.jsonl) or the capture frame given with `doctor --pcap`.",
    fix: "On each switch, `show lacp neighbor interface <port>`; pair the switches as MLAG/vPC (or a stack) so they present one system id, cable all members to one switch, or use active-backup across independent switches.",
    references: [
      "IEEE 802.1AX-2014 6.3.6 (a Link Aggregation Group needs one partner System ID and Key)",
      "IEEE 802.1AB-2016 (LLDP chassis id, port id, system name)",
      "kernel Documentation/networking/bonding.rst: 802.3ad, ad_select",
    ],
  },
  check(s) {
    const out: Finding[] = [];
    for (const b of bondsInMode(s, "802.3ad")) {
      const cabled = members(b).flatMap((slave) => {
        const n = neighbourOf(s, slave.name);
        return n === undefined ? [] : [{ slave, n, partner: partnerMac(slave) }];
      });
      const f = finding(b, cabled);
      if (f) out.push(f);
    }
    return out;
  },
};
