// Without CAP_NET_ADMIN, /proc/net/bonding leaves out the 802.3ad system MAC, the active
// aggregator and each member's LACPDU details (bond_procfs.c checks capable(CAP_NET_ADMIN));
// netlink and sysfs still show the aggregator and the port states. Readers merge every source
// fact by fact; this says exactly which facts no source showed, rather than guess.
import type { Bond, HostSnapshot } from "../model.js";

/** The 802.3ad facts of one bond that no source showed, as short phrases. */
function unseenLacpFacts(bond: Bond): string[] {
  const out: string[] = [];
  const agg = bond.ad?.activeAggregator;
  if (bond.extra.noActiveAggregator === undefined) {
    const missing = [
      agg?.id === undefined ? "ID" : "",
      agg?.ports === undefined ? "number of ports" : "",
      agg?.partnerMac === undefined ? "partner MAC" : "",
    ].filter(Boolean);
    if (missing.length > 0) out.push(`active aggregator ${missing.join(", ")}`);
  }
  const perMember: Array<[string, (s: Bond["slaves"][number]) => boolean]> = [
    ["aggregator ID", (s) => s.aggregatorId === undefined && s.aggregatorAbsent === undefined],
    ["actor port state", (s) => s.actor?.state === undefined],
    ["partner port state", (s) => s.partner?.state === undefined],
    ["partner system MAC", (s) => s.partner?.systemMac === undefined],
  ];
  for (const [fact, hidden] of perMember) {
    const who = bond.slaves.filter(hidden).map((s) => s.name);
    if (who.length > 0) out.push(`${fact} of ${who.join(", ")}`);
  }
  return out;
}

export function fillHiddenLacpFacts(
  snap: HostSnapshot,
  ctx: { live: boolean; uid: number },
): string[] {
  const unseen: string[] = [];
  for (const bond of snap.bonds) {
    if (bond.mode !== "802.3ad") continue;
    const facts = unseenLacpFacts(bond);
    if (facts.length === 0) continue;
    const who = ctx.live && ctx.uid !== 0 ? " (run as root to see them)" : "";
    unseen.push(
      `${bond.name}: no source showed the LACP ${facts.join("; ")}${who}; LACP rules judged only what was visible`,
    );
  }
  return unseen;
}
