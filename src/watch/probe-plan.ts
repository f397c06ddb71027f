// Which paths the watcher probes: the configured targets plus, when asked, the default
// gateways; through the configured members, or else every watched interface with an IPv4
// address; ICMP to the targets and ARP to the ARP targets. `ip` answers through `ip`.

import {
  defaultGateways,
  type IpRunner,
  interfacesWithIpv4,
  probePaths,
} from "../runtime/discover.js";
import type { ProbePath } from "../runtime/prober.js";
import type { WatchConfig } from "./config.js";

export interface ProbePlan {
  targets: string[];
  members: string[];
  probes: ProbePath[];
}

export async function planProbes(cfg: WatchConfig, ip: IpRunner): Promise<ProbePlan> {
  const targets = [...cfg.probes.targets];
  if (cfg.probes.auto_gateway)
    for (const gw of await defaultGateways(ip)) if (!targets.includes(gw)) targets.push(gw);
  const members = cfg.probes.members.length
    ? cfg.probes.members
    : await interfacesWithIpv4(cfg.interfaces, ip);
  const probes = [
    ...probePaths(members, targets, "icmp"),
    ...probePaths(members, cfg.probes.arp_targets, "arp"),
  ];
  return { targets, members, probes };
}
