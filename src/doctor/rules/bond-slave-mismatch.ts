// Bond members that differ in speed, duplex or MTU.
import type { Bond, BondSlave, HostSnapshot } from "../../host/model.js";
import type { Evidence } from "../../lib/evidence.js";
import type { Finding, Rule } from "../types.js";
import { distinct, members, sysfsSet } from "./lacp-helpers.js";

const ID = "bond-slave-mismatch";

interface Diff {
  what: "speed" | "duplex" | "MTU";
  text: string;
  evidence: Array<Evidence | undefined>;
}

type Value = (m: BondSlave) => string | number | undefined;

/** "speed differs: eth2 100 Mbps, eth3 1000 Mbps" when the known values differ. */
function spread(
  what: Diff["what"],
  list: BondSlave[],
  value: Value,
  unit: string,
  ev: (m: BondSlave) => Evidence | undefined,
): Diff | undefined {
  const known = list.filter((m) => value(m) !== undefined);
  if (new Set(known.map(value)).size < 2) return undefined;
  const text = `${what} differs: ${known.map((m) => `${m.name} ${value(m)}${unit}`).join(", ")}`;
  return { what, text, evidence: known.map(ev) };
}

const duplex = (m: BondSlave) => {
  const d = m.duplex?.trim().toLowerCase();
  return d === undefined || d === "unknown" || d === "" ? undefined : d;
};

function diffs(s: HostSnapshot, b: Bond, list: BondSlave[]): Diff[] {
  const out: Array<Diff | undefined> = [];
  const ref = list.find((m) => m.name === (b.primary ?? b.activeSlave));
  if (b.mode !== "active-backup") {
    out.push(
      spread(
        "speed",
        list,
        (m) => m.speedMbps,
        " Mbps",
        (m) => m.ev.speedMbps,
      ),
    );
    out.push(spread("duplex", list, duplex, " duplex", (m) => m.ev.duplex));
  } else if (ref?.speedMbps !== undefined) {
    const other = list.filter((m) => (m.speedMbps ?? ref.speedMbps) !== ref.speedMbps);
    if (other.length > 0)
      out.push({
        what: "speed",
        text: `${b.primary ? "primary" : "active member"} ${ref.name} runs at ${ref.speedMbps} Mbps, ${other.map((m) => `${m.name} at ${m.speedMbps} Mbps`).join(", ")}`,
        evidence: [ref, ...other]
          .map((m) => m.ev.speedMbps)
          .concat(b.ev.primary ?? b.ev.activeSlave),
      });
  }
  const iface = (m: BondSlave) => s.interfaces[m.name];
  out.push(
    spread(
      "MTU",
      list,
      (m) => iface(m)?.mtu,
      "",
      (m) => iface(m)?.ev.mtu,
    ),
  );
  return out.filter((d) => d !== undefined);
}

function fixes(s: HostSnapshot, b: Bond, list: BondSlave[], d: Diff[]): string[] {
  const fix: string[] = [];
  const top = Math.max(...list.map((m) => m.speedMbps ?? 0));
  if (d.some((x) => x.what !== "MTU")) {
    fix.push(...list.map((m) => `ethtool ${m.name} | grep -E 'Speed|Duplex|Auto-negotiation'`));
    for (const m of list.filter((x) => (x.speedMbps ?? top) < top || duplex(x) === "half"))
      fix.push(
        `ethtool -s ${m.name} autoneg on   # then check the cable and the switch port's speed/duplex setting`,
      );
  }
  const fastest = list.find((m) => m.speedMbps === top);
  const primary = list.find((m) => m.name === b.primary);
  if (b.mode === "active-backup" && primary && fastest && (primary.speedMbps ?? top) < top)
    fix.push(`${sysfsSet(b, "primary", fastest.name)}   # make the fastest member the primary`);
  const mtu =
    s.interfaces[b.name]?.mtu ?? Math.max(...list.map((m) => s.interfaces[m.name]?.mtu ?? 0));
  if (d.some((x) => x.what === "MTU"))
    fix.push(`ip link set dev ${b.name} mtu ${mtu}   # the bond sets it on every member`);
  return fix;
}

function impact(b: Bond, d: Diff[]): string {
  const parts: string[] = [];
  const speedOrDuplex = d.some((x) => x.what !== "MTU");
  if (speedOrDuplex && b.mode === "802.3ad")
    parts.push(
      "802.3ad aggregates only ports of equal speed and duplex: the others get another LACP key, land in another aggregator and sit idle, and half-duplex ports never aggregate.",
    );
  else if (speedOrDuplex && b.mode === "active-backup")
    parts.push(
      "After a failover (or before one, when the primary is the slow member) the bond runs at the slower speed: throughput changes abruptly with no error anywhere.",
    );
  else if (speedOrDuplex)
    parts.push(
      `${b.mode} spreads traffic over all members as if they were equal: the slow member saturates first, and a half-duplex member adds collisions and retransmissions.`,
    );
  if (d.some((x) => x.what === "MTU"))
    parts.push(
      "Members with a smaller MTU drop the larger frames the bond hands them, so large packets vanish on some members only (or only after a failover). The bond sets its MTU on every member; a member's own MTU changed later.",
    );
  return parts.join(" ");
}

export const rule: Rule = {
  id: ID,
  title: "Bond members differ in speed, duplex or MTU",
  severity: "warning",
  doc: {
    what: "Finds bonds whose members differ in link speed or duplex (802.3ad and the balance/broadcast modes), whose active-backup primary (or active member) runs at another speed than the other members, or whose members differ in MTU (any mode). Unknown values are skipped. Always a warning.",
    why: "802.3ad puts only ports of equal speed and duplex into one aggregator, so a mismatched port sits idle; balance modes treat members as equal and the slow one saturates; in active-backup the bond's speed changes silently at failover. A member with a smaller MTU drops large frames, which shows up as hanging transfers on some flows only.",
    evidence:
      "The members' `Speed:` and `Duplex:` lines from /proc/net/bonding, `Primary Slave:` for active-backup, and each member's MTU from `ip link` or /sys/class/net/<member>/mtu.",
    fix: "Find why a link negotiated lower (`ethtool eth2`: cable category, a forced speed on one side, switch port settings) and re-enable autonegotiation (`ethtool -s eth2 autoneg on`); in active-backup make the fastest member the primary (`echo eth3 > /sys/class/net/bond0/bonding/primary`); set the MTU on the bond, which applies it to every member (`ip link set dev bond0 mtu 9000`).",
    references: [
      "kernel Documentation/networking/bonding.rst: 802.3ad mode ('Creates aggregation groups that share the same speed and duplex settings'), 'primary', 'balance-tlb'",
      "IEEE 802.1AX-2014 6.3.6 (a LAG needs the same operational Key), 6.4.14 (Selection Logic)",
    ],
  },
  check(s) {
    const out: Finding[] = [];
    for (const b of s.bonds) {
      const list = members(b);
      const d = diffs(s, b, list);
      if (d.length === 0) continue;
      out.push({
        rule: ID,
        severity: "warning",
        subject: b.name,
        title: `${b.name}: ${d.map((x) => x.text).join("; ")}`,
        explanation: `${b.name} (${b.mode}): ${d.map((x) => x.text).join("; ")}. ${impact(b, d)}`,
        evidence: distinct(...d.flatMap((x) => x.evidence)),
        fix: fixes(s, b, list, d),
      });
    }
    return out;
  },
};
