// DSR VIPs: the non-loopback IPv4 addresses on lo, running or configured. Shared by the dsr-*
// rules and the dashboard's host groups.
import type { ConfigFormat, HostSnapshot } from "../host/model.js";
import type { Evidence } from "../lib/evidence.js";
import { isIpv4, isLoopbackV4 } from "../lib/net.js";

/** A non-loopback IPv4 address on lo (running, or in a configuration file): a DSR VIP. */
export interface LoopbackVip {
  address: string;
  prefix?: number;
  /** "lo" or the alias label ("lo:0"). */
  label: string;
  where: "running" | ConfigFormat;
  source: Evidence;
}

const isLo = (name: string | undefined) => name === "lo" || name?.startsWith("lo:") === true;
const isVip = (a: string) => isIpv4(a) && !isLoopbackV4(a) && a !== "0.0.0.0";

/** Every VIP on lo the snapshot knows, running first. */
export function loopbackVips(s: HostSnapshot): LoopbackVip[] {
  const out: LoopbackVip[] = [];
  for (const i of Object.values(s.interfaces)) {
    if (!isLo(i.name) && i.kind !== "loopback") continue;
    for (const a of i.addresses) {
      if (a.family !== "inet" || !isVip(a.address)) continue;
      const { address, prefix, source } = a;
      out.push({ address, prefix, label: a.label ?? i.name, where: "running", source });
    }
  }
  for (const a of s.configuredAddresses) {
    if (a.family !== "inet" || !isVip(a.address) || !(isLo(a.iface) || isLo(a.label))) continue;
    const label = a.label ?? a.iface;
    const vip: LoopbackVip = { address: a.address, label, where: a.format, source: a.source };
    if (a.prefix !== undefined) vip.prefix = a.prefix;
    out.push(vip);
  }
  return out;
}

/**
 * A host that forwards (net.ipv4.ip_forward = 1) and runs a routing daemon (FRR, Quagga, BIRD:
 * configuration file or process) is a router: a /32 on its lo is the router's loopback (its
 * router id, the address its BGP/OSPF sessions use), not a DSR VIP.
 */
export function routerContext(s: HostSnapshot): { why: string; evidence: Evidence[] } | undefined {
  const fwd = s.sysctls["net.ipv4.ip_forward"];
  if (fwd?.value.trim() !== "1" || s.routingDaemons.length === 0) return undefined;
  const bySuite = new Map<string, (typeof s.routingDaemons)[number]>();
  for (const d of s.routingDaemons) if (!bySuite.has(d.suite)) bySuite.set(d.suite, d);
  const what = [...bySuite.values()]
    .map((d) => `${d.suite} (${d.kind === "process" ? "running" : d.source.file})`)
    .join(", ");
  return {
    why: `net.ipv4.ip_forward = 1 and ${what}`,
    evidence: [fwd.source, ...[...bySuite.values()].map((d) => d.source)],
  };
}

/** The VIPs the dsr-* rules judge: on a router, a /32 on lo is its loopback and is left out. */
export function dsrVips(s: HostSnapshot): LoopbackVip[] {
  const all = loopbackVips(s);
  return routerContext(s) ? all.filter((v) => v.prefix !== 32) : all;
}
