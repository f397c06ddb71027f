// Which interfaces listen for their switch's LLDP/CDP by default: every bond and team member,
// plus the given interfaces (watched or probing ones) that are cabled Ethernet: never lo, a
// bond, team, bridge, VLAN or tunnel (the frames arrive on the NIC). Pure over `ip -d -j link`.

/** The parts of one `ip -d -j link show` entry this reads. */
export interface IpLinkJson {
  ifname: string;
  link_type?: string;
  address?: string;
  /** The permanent address, printed for bond members whose address is the bond's. */
  permaddr?: string;
  master?: string;
  linkinfo?: { info_kind?: string; info_slave_kind?: string };
}

/** Interfaces a switch's frames arrive on: NICs (no kind) and veths (the lab); not VLAN, tun,
 * bridge, bond or other virtual devices, whose tcpdump would hear nothing (or fail the filter). */
const CABLED_KINDS = new Set([undefined, "veth"]);

export function neighbourMembers(links: readonly IpLinkJson[], extra: readonly string[]): string[] {
  const byName = new Map(links.map((l) => [l.ifname, l]));
  const listens = (name: string) => {
    const l = byName.get(name);
    if (l === undefined || name === "lo") return false;
    if (l.link_type !== undefined && l.link_type !== "ether") return false;
    return CABLED_KINDS.has(l.linkinfo?.info_kind);
  };
  const members = links
    .filter((l) => ["bond", "team"].includes(l.linkinfo?.info_slave_kind ?? ""))
    .map((l) => l.ifname);
  return [...new Set([...members, ...extra])].filter(listens).sort();
}

/** The members as the host announces them: each with its own permanent MAC and its bond. */
export function hostPorts(
  links: readonly IpLinkJson[],
  members: readonly string[],
): Array<{ ifname: string; mac: string; memberOf?: string }> {
  return members.flatMap((ifname) => {
    const l = links.find((x) => x.ifname === ifname);
    const mac = l?.permaddr ?? l?.address;
    if (mac === undefined || !/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/i.test(mac)) return [];
    return [{ ifname, mac, ...(l?.master === undefined ? {} : { memberOf: l.master }) }];
  });
}
