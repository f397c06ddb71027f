// Without CAP_NET_ADMIN, /proc/net/bonding leaves out the 802.3ad aggregator, partner MAC and
// per-slave LACP details (bond_procfs.c checks capable(CAP_NET_ADMIN)); netlink still shows
// most of them. Say what we could not see rather than guess.
import type { HostSnapshot } from "../model.js";

export function fillHiddenLacpFacts(
  snap: HostSnapshot,
  ctx: { live: boolean; uid: number },
): string[] {
  const unseen: string[] = [];
  for (const bond of snap.bonds) {
    if (bond.mode !== "802.3ad") continue;
    const hidden = bond.slaves.filter(
      (s) => s.aggregatorId === undefined && s.partner === undefined,
    );
    if (hidden.length === 0) continue;
    const who = ctx.live && ctx.uid !== 0 ? " (run as root to see them)" : "";
    unseen.push(
      `${bond.name}: LACP aggregator and partner details of ${hidden.map((s) => s.name).join(", ")} are not in the input${who}; LACP rules judged only what was visible`,
    );
  }
  return unseen;
}
