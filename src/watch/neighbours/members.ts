// Which interfaces listen for their switch's LLDP/CDP by default: every bond and team member,
// plus the given interfaces (watched or probing ones), never a bond, team, bridge or lo
// itself (their frames arrive on the members). Pure over `ip -d -j link show`.

/** The parts of one `ip -d -j link show` entry this reads. */
export interface IpLinkJson {
  ifname: string;
  link_type?: string;
  linkinfo?: { info_kind?: string; info_slave_kind?: string };
}

const AGGREGATES = new Set(["bond", "team", "bridge"]);

export function neighbourMembers(links: readonly IpLinkJson[], extra: readonly string[]): string[] {
  const byName = new Map(links.map((l) => [l.ifname, l]));
  const listens = (name: string) => {
    const l = byName.get(name);
    if (l === undefined || name === "lo" || l.link_type === "loopback") return false;
    return !AGGREGATES.has(l.linkinfo?.info_kind ?? "");
  };
  const members = links
    .filter((l) => ["bond", "team"].includes(l.linkinfo?.info_slave_kind ?? ""))
    .map((l) => l.ifname);
  return [...new Set([...members, ...extra])].filter(listens).sort();
}
