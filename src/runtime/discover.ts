// What to probe when the config does not say: every watched interface with an IPv4 address
// probes the default gateway, as in.mpathd picks on-link routers from the routing table.

import type { ProbeKind } from "../events/types.js";
import { run } from "../host/exec.js";
import type { ProbePath } from "./prober.js";

/** One interface of `ip -j address show`: the parts linkguard reads. */
export interface IpAddrJson {
  ifname: string;
  /** The hardware address. */
  address?: string;
  addr_info?: { family: string; local: string; scope?: string }[];
}
interface IpRouteJson {
  dst: string;
  gateway?: string;
  dev?: string;
}

/** Runs `ip ...` and resolves with its output (the real `ip` unless a test gives its own). */
export type IpRunner = (argv: string[]) => Promise<string>;

export async function defaultGateways(ip: IpRunner = run): Promise<string[]> {
  const routes = JSON.parse(
    (await ip(["ip", "-j", "route", "show", "default"])) || "[]",
  ) as IpRouteJson[];
  return [...new Set(routes.flatMap((r) => (r.gateway ? [r.gateway] : [])))];
}

/** Interfaces (of `only`, or all but lo) that hold a global IPv4 address: the probe members. */
export async function readAddresses(ip: IpRunner = run): Promise<IpAddrJson[]> {
  return JSON.parse((await ip(["ip", "-j", "address", "show"])) || "[]") as IpAddrJson[];
}

export async function interfacesWithIpv4(only: string[], ip: IpRunner = run): Promise<string[]> {
  return (await readAddresses(ip))
    .filter((a) => a.ifname !== "lo" && (only.length === 0 || only.includes(a.ifname)))
    .filter((a) => (a.addr_info ?? []).some((i) => i.family === "inet" && i.scope !== "host"))
    .map((a) => a.ifname);
}

export function probePaths(members: string[], targets: string[], kind: ProbeKind): ProbePath[] {
  return members.flatMap((ifname) => targets.map((target) => ({ ifname, target, kind })));
}
